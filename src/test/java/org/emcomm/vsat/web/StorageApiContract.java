package org.emcomm.vsat.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.storage.Storage;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.junit.jupiter.api.Test;

/** The storage API as every user sees it; run once on the embedded default and once on InfluxDB. */
abstract class StorageApiContract {
    static final String TERMINAL = "T-SC-00001";

    @Inject
    Storage storage;

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SimulatedNetworkResource.PASSWORD);
    }

    @Test
    void pollsBecomeHistoryRawAndDownsampled() {
        for (int i = 0; i < 3; i++) {
            as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=" + TERMINAL).then().statusCode(200);
        }
        assertThat(storage.flush(Duration.ofSeconds(30))).isTrue();
        JsonPath raw = as(SimulatedNetworkResource.REVIEWER).get("/api/terminals/" + TERMINAL + "/samples")
                .then().statusCode(200).body("terminal", is(TERMINAL)).extract().jsonPath();
        List<Map<String, Object>> points = raw.getList("points");
        assertThat(points.size()).isGreaterThanOrEqualTo(3);
        assertThat(points).allSatisfy(p -> {
            assertThat(p.get("state")).isEqualTo("UP");
            assertThat((Map<?, ?>) p.get("metrics")).isNotEmpty();
            assertThat(p).doesNotContainKey("samples");
        });
        JsonPath buckets = as(SimulatedNetworkResource.REVIEWER)
                .queryParam("step", "1d").queryParam("from", points.get(0).get("time").toString())
                .get("/api/terminals/" + TERMINAL + "/samples")
                .then().statusCode(200).body("step", is("PT24H")).extract().jsonPath();
        List<Integer> counts = buckets.getList("points.samples", Integer.class);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(points.size());
    }

    @Test
    void badHistoryRequestsNameTheField() {
        String url = "/api/terminals/" + TERMINAL + "/samples";
        as(SimulatedNetworkResource.OPERATOR).queryParam("from", "2026-11-21T10:00:00+08:00").queryParam("to", "2026-11-21T09:00:00+08:00").get(url)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("from"));
        as(SimulatedNetworkResource.OPERATOR).get(url + "?to=yesterday").then().statusCode(400).body("errors[0].field", is("to"));
        as(SimulatedNetworkResource.OPERATOR).get(url + "?step=often").then().statusCode(400).body("errors[0].field", is("step"));
        as(SimulatedNetworkResource.OPERATOR).get(url + "?step=-5m").then().statusCode(400).body("errors[0].field", is("step"));
        as(SimulatedNetworkResource.OPERATOR).get(url + "?step=1s&from=2025-01-01").then().statusCode(400)
                .body("errors[0].field", is("step"));
        as(SimulatedNetworkResource.OPERATOR).get("/api/terminals/no-such/samples").then().statusCode(404);
    }

    @Test
    void everyMutatingCallIsAudited() {
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json")
                .body("{\"type\":\"TERMINAL_DOWN\",\"target\":\"" + TERMINAL + "\",\"durationSeconds\":60}")
                .post("/api/simulator/scenarios").then().statusCode(201);
        as(SimulatedNetworkResource.ADMIN).delete("/api/simulator/scenarios").then().statusCode(204);
        // a refused call changes nothing and is not an audit entry
        as(SimulatedNetworkResource.REVIEWER).delete("/api/simulator/scenarios").then().statusCode(403);

        JsonPath audit = as(SimulatedNetworkResource.REVIEWER).get("/api/audit").then().statusCode(200).extract().jsonPath();
        Map<String, Object> start = audit.getMap("find { it.action == 'simulator.scenario.start' && it.target == '" + TERMINAL + "' }");
        assertThat(start).containsEntry("actor", SimulatedNetworkResource.OPERATOR).containsEntry("method", "POST")
                .containsEntry("path", "/api/simulator/scenarios").containsEntry("status", 201);
        assertThat(start.get("roles")).isEqualTo(List.of("operator"));
        assertThat(audit.getString("find { it.action == 'simulator.scenario.start' }.changes.after.type")).isEqualTo("TERMINAL_DOWN");
        Map<String, Object> clear = audit.getMap("find { it.action == 'simulator.scenarios.clear' && it.actor == 'adm' }");
        assertThat(clear).isNotNull();
        assertThat(audit.getList("findAll { it.actor == 'rev' }")).isEmpty();

        as(SimulatedNetworkResource.OPERATOR).get("/api/audit").then().statusCode(403);
        as(SimulatedNetworkResource.REVIEWER).get("/api/audit?from=2100-01-01").then().statusCode(200).body("size()", is(0));
        as(SimulatedNetworkResource.REVIEWER).get("/api/audit?from=someday").then().statusCode(400).body("errors[0].field", is("from"));
        as(SimulatedNetworkResource.REVIEWER).get("/api/journal/verify").then().statusCode(200)
                .body("ok", is(true)).body("events", greaterThanOrEqualTo(2));
        as(SimulatedNetworkResource.ADMIN).get("/api/journal/head").then().statusCode(200).body("hash", notNullValue());
    }

    @Test
    void healthShowsTheStore() {
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll").then().statusCode(200);
        given().get("/q/health").then().statusCode(200)
                .body("checks.name", hasItem("storage"))
                .body("checks.find { it.name == 'storage' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'storage' }.data.mode", equalTo(mode()));
    }

    abstract String mode();
}
