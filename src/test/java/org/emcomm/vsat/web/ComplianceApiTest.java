package org.emcomm.vsat.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.emcomm.vsat.testing.TestClock;
import org.junit.jupiter.api.Test;

/**
 * The live indicators over records made through the API in a year of their own (2040) on the drill
 * test's clock: drills completed against 30, status-report timeliness with its max and median, support-task
 * completion. Its emergencies cover a province without terminals, so they put nothing on the fast interval the
 * drill test checks. Major incidents stay at zero here.
 */
@QuarkusTest
@TestProfile(DrillApiTest.Profile.class)
class ComplianceApiTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    @Inject TestClock clock;

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SimulatedNetworkResource.PASSWORD).contentType("application/json");
    }

    void at(String local) { clock.set(OffsetDateTime.parse(local + "+08:00").toInstant()); }

    String now(Duration plus) { return OffsetDateTime.ofInstant(clock.instant().plus(plus), ZONE).toString(); }

    String drill(String code) {
        return as(SimulatedNetworkResource.COORDINATOR).body(Map.of("codeName", code, "type", "TABLETOP", "organiser", "NOC",
                "plannedStart", now(Duration.ZERO), "plannedEnd", now(Duration.ofHours(2)), "objectives", List.of("Walk through the hub failover")))
                .post("/api/drills").then().statusCode(201).extract().path("id");
    }

    /** Declares an emergency and submits its first report {@code minutes} later. */
    String emergency(int minutes) {
        String id = as(SimulatedNetworkResource.OPERATOR).body(Map.of("title", "Flood " + minutes, "type", "FLOOD", "regions", List.of(org.emcomm.vsat.testing.IncidentNetworkResource.EMPTY_PROVINCE),
                "onsetAt", now(Duration.ZERO))).post("/api/emergencies").then().statusCode(201).extract().path("id");
        String rid = as(SimulatedNetworkResource.OPERATOR).body("{}").post("/api/emergencies/" + id + "/reports").then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofMinutes(minutes));
        as(SimulatedNetworkResource.OPERATOR).body(Map.of("approvedBy", "Duty chief")).post("/api/emergencies/" + id + "/reports/" + rid + "/submit")
                .then().statusCode(200);
        return id;
    }

    String task(String emergency, boolean complete) {
        String id = as(SimulatedNetworkResource.COORDINATOR).body(Map.of("title", "Restore county link", "emergency", emergency, "dueAt", now(Duration.ofHours(6))))
                .post("/api/tasks").then().statusCode(201).extract().path("id");
        if (complete) {
            as(SimulatedNetworkResource.COORDINATOR).body("{}").post("/api/tasks/" + id + "/start").then().statusCode(200);
            as(SimulatedNetworkResource.COORDINATOR).body("{}").post("/api/tasks/" + id + "/complete").then().statusCode(200);
        } else {
            as(SimulatedNetworkResource.COORDINATOR).body(Map.of("reason", "road washed out")).post("/api/tasks/" + id + "/fail").then().statusCode(200);
        }
        return id;
    }

    JsonPath indicators(String query) {
        return as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/indicators?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void indicatorsFollowTheRecordsAndNameThem() {
        at("2040-03-01T09:00:00");
        String d1 = drill("C-1"), d2 = drill("C-2"), d3 = drill("C-3");
        for (String d : List.of(d1, d2)) {
            as(SimulatedNetworkResource.COORDINATOR).post("/api/drills/" + d + "/start").then().statusCode(200);
            as(SimulatedNetworkResource.COORDINATOR).body(Map.of("ratings", List.of(Map.of("objective", "O1", "rating", "P"))))
                    .post("/api/drills/" + d + "/complete").then().statusCode(200);
        }
        as(SimulatedNetworkResource.COORDINATOR).body(Map.of("reason", "called off")).post("/api/drills/" + d3 + "/cancel").then().statusCode(200);
        String e12 = emergency(12);
        clock.advance(Duration.ofHours(1));
        String e41 = emergency(41);
        String done = task(e12, true), failed = task(e41, false);

        JsonPath j = indicators("year=2040");
        assertThat(j.getList("indicators.id")).containsExactly("drills", "major-incidents", "status-report-timeliness", "task-completion");
        assertThat(j.getDouble("indicators[0].actual")).isEqualTo(2.0);
        assertThat(j.getDouble("indicators[0].target")).isEqualTo(30.0);
        assertThat(j.getList("indicators[0].recordIds")).containsExactly(d1, d2);
        assertThat(j.getString("indicators[0].status")).as("2 done, nothing else planned: the plan cannot reach 30").isEqualTo("AT_RISK");
        assertThat(j.getInt("indicators[0].pace.reachable")).isEqualTo(2);
        assertThat(j.getDouble("indicators[1].actual")).isEqualTo(0.0);
        assertThat(j.getString("indicators[1].status")).isEqualTo("ON_TRACK");
        assertThat(j.getFloat("indicators[2].actual")).isEqualTo(0.5f);
        assertThat(j.getString("indicators[2].status")).isEqualTo("MISSED");
        assertThat(j.getList("indicators[2].recordIds")).containsExactly(e12, e41);
        assertThat(j.getInt("indicators[2].detail.maxSeconds")).isEqualTo(41 * 60);
        assertThat(j.getFloat("indicators[2].detail.medianSeconds")).isEqualTo((12 + 41) * 30f);
        assertThat(j.getFloat("indicators[3].actual")).isEqualTo(0.5f);
        assertThat(j.getString("indicators[3].status")).isEqualTo("MISSED");
        assertThat(j.getList("indicators[3].recordIds")).containsExactlyInAnyOrder(done, failed);
        assertThat(j.getList("indicators[3].detail.notCompletedIds")).containsExactly(failed);

        // a period that holds only the first emergency
        JsonPath march = indicators("from=2040-03-01T00:00:00&to=2040-03-01T09:30:00");
        assertThat(march.getFloat("indicators[2].actual")).isEqualTo(1.0f);
        assertThat(march.getList("indicators[2].recordIds")).containsExactly(e12);

        // after the year: the drills target missed, no major incident: met
        at("2041-01-05T09:00:00");
        JsonPath after = indicators("year=2040");
        assertThat(after.getString("indicators[0].status")).isEqualTo("MISSED");
        assertThat(after.getString("indicators[1].status")).isEqualTo("MET");

        as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/indicators?year=twenty").then().statusCode(400).body("errors.field", hasItem("year"));
        as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/indicators?from=2040-01-01").then().statusCode(400).body("errors.field", hasItem("to"));
    }
}
