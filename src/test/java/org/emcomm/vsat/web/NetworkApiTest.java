package org.emcomm.vsat.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = SimulatedNetworkResource.class, restrictToAnnotatedClass = true)
class NetworkApiTest {
    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SimulatedNetworkResource.PASSWORD);
    }

    static void pollAll() {
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll").then().statusCode(200);
    }

    @AfterEach
    void clearSky() {
        as(SimulatedNetworkResource.OPERATOR).delete("/api/simulator/scenarios").then().statusCode(204);
    }

    @Test
    void pollAnswersWithFreshStatesAndTheNetworkIsUp() {
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll").then().statusCode(200)
                .body("cycle.terminals", is(60))
                .body("cycle.byStatus.ANSWERED", is(60))
                .body("terminals", hasSize(60))
                .body("terminals.state", everyItem(is("UP")))
                .body("terminals[0].lastPoll", startsWith("20"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        as(SimulatedNetworkResource.REVIEWER).get("/api/network/status").then().statusCode(200)
                .body("total.total", is(60)).body("total.up", is(60))
                .body("byRegion.sc.total", is(10))
                .body("hubs.find { it.id == 'hub-bj' }.agentState", is("ANSWERING"))
                .body("polling.firstCycleDone", is(true))
                .body("polling.snmp.pending", is(0));
    }

    @Test
    void filtersSelectByRegionHubBeamAndState() {
        pollAll();
        as(SimulatedNetworkResource.COORDINATOR).get("/api/terminals?region=sc").then().statusCode(200)
                .body("$", hasSize(10)).body("province", everyItem(is("sc")));
        as(SimulatedNetworkResource.COORDINATOR).get("/api/terminals?region=sc-p1").then().statusCode(200)
                .body("region", everyItem(startsWith("sc-p1")));
        as(SimulatedNetworkResource.COORDINATOR).get("/api/terminals?hub=hub-gz&state=up").then().statusCode(200)
                .body("hub", everyItem(is("hub-gz"))).body("state", everyItem(is("UP")));
        as(SimulatedNetworkResource.COORDINATOR).get("/api/terminals?beam=beam-east").then().statusCode(200)
                .body("beam", everyItem(is("beam-east")));
        as(SimulatedNetworkResource.COORDINATOR).get("/api/terminals?state=DOWN").then().statusCode(200).body("$", hasSize(0));
        as(SimulatedNetworkResource.REVIEWER).get("/api/terminals/T-SC-00001").then().statusCode(200)
                .body("id", is("T-SC-00001")).body("critical", is(true))
                .body("metrics.remoteState.label", is("green"))
                .body("metrics.downstreamSnr.unit", is("dB"));
    }

    @Test
    void badQueryParametersAreProblemsNamingTheField() {
        for (var c : List.of(new String[] {"/api/terminals?state=BROKEN", "state"}, new String[] {"/api/terminals?region=atlantis", "region"},
                new String[] {"/api/terminals?hub=nohub", "hub"}, new String[] {"/api/terminals?beam=nobeam", "beam"})) {
            as(SimulatedNetworkResource.OPERATOR).get(c[0]).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", is("urn:emcomm:problem:validation"))
                    .body("status", is(400))
                    .body("errors[0].field", is(c[1]));
        }
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=T-NOPE").then().statusCode(400)
                .body("errors[0].field", is("terminal"));
        as(SimulatedNetworkResource.OPERATOR).get("/api/terminals/T-NOPE").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("T-NOPE"));
        as(SimulatedNetworkResource.OPERATOR).get("/api/no-such-path").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void accessNeedsCredentialsAndTheRightRole() {
        given().get("/api/terminals").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic(SimulatedNetworkResource.OPERATOR, "wrong").get("/api/terminals").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().preemptive().basic("nobody", SimulatedNetworkResource.PASSWORD).get("/api/terminals").then().statusCode(401);
        as(SimulatedNetworkResource.REVIEWER).post("/api/network/poll").then().statusCode(403)
                .contentType("application/problem+json").body("type", is("urn:emcomm:problem:forbidden"));
        as(SimulatedNetworkResource.COORDINATOR).post("/api/network/poll").then().statusCode(403);
        as(SimulatedNetworkResource.REVIEWER).contentType("application/json").body("{\"type\":\"RAIN_FADE\",\"target\":\"sc\"}")
                .post("/api/simulator/scenarios").then().statusCode(403);
        as(SimulatedNetworkResource.ADMIN).post("/api/network/poll?terminal=T-SC-00001").then().statusCode(200);
    }

    @Test
    void scenariosDriveStatesThroughPolls() {
        pollAll();
        // T-FJ-00053: a Comtech modem with its own agent; T-GD-00028: a Newtec remote in hub-gz's table.
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json")
                .body("{\"type\":\"TERMINAL_DOWN\",\"target\":\"T-FJ-00053\",\"durationSeconds\":600}")
                .post("/api/simulator/scenarios").then().statusCode(201).body("type", is("TERMINAL_DOWN"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json")
                .body("{\"type\":\"HUB_OUTAGE\",\"target\":\"hub-gz\",\"durationSeconds\":600}")
                .post("/api/simulator/scenarios").then().statusCode(201);
        as(SimulatedNetworkResource.OPERATOR).get("/api/simulator/scenarios").then().statusCode(200).body("$", hasSize(2));
        // Missed polls count toward DOWN only after three in a row (the profile's rule).
        for (int i = 1; i <= 2; i++) {
            as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=T-FJ-00053").then().statusCode(200)
                    .body("terminals[0].state", is("UP")).body("terminals[0].missedPolls", is(i));
        }
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=T-FJ-00053").then().statusCode(200)
                .body("terminals[0].state", is("DOWN")).body("terminals[0].reason", containsString("no answer"));
        // A hub agent that does not answer three polls in a row leaves its table remotes UNKNOWN, with the reason.
        for (int i = 1; i <= 2; i++) {
            as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=T-GD-00028").then().statusCode(200)
                    .body("terminals[0].state", is("UP")).body("terminals[0].missedPolls", is(i));
        }
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=T-GD-00028").then().statusCode(200)
                .body("terminals[0].state", is("UNKNOWN")).body("terminals[0].reason", containsString("hub-gz"));
        as(SimulatedNetworkResource.OPERATOR).get("/api/network/status").then()
                .body("hubs.find { it.id == 'hub-gz' }.agentState", is("UNREACHABLE"));

        as(SimulatedNetworkResource.OPERATOR).delete("/api/simulator/scenarios").then().statusCode(204);
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=T-FJ-00053&terminal=T-GD-00028").then().statusCode(200);
        as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=T-FJ-00053&terminal=T-GD-00028").then().statusCode(200)
                .body("terminals.state", everyItem(is("UP")));
    }

    @Test
    void scenarioRequestsAreValidated() {
        record Case(String body, String field) {}
        for (Case c : List.of(new Case("{\"type\":\"NOPE\",\"target\":\"sc\"}", "type"),
                new Case("{\"target\":\"sc\"}", "type"),
                new Case("{\"type\":\"RAIN_FADE\"}", "target"),
                new Case("{\"type\":\"RAIN_FADE\",\"target\":\"atlantis\"}", "target"),
                new Case("{\"type\":\"HUB_OUTAGE\",\"target\":\"sc\"}", "target"),
                new Case("{\"type\":\"RAIN_FADE\",\"target\":\"sc\",\"durationSeconds\":0}", "durationSeconds"),
                new Case("{\"type\":\"RAIN_FADE\",\"target\":\"sc\",\"durationSeconds\":\"soon\"}", "durationSeconds"))) {
            as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body(c.body())
                    .post("/api/simulator/scenarios").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(c.field()));
        }
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"type\":")
                .post("/api/simulator/scenarios").then().statusCode(400).body("type", is("urn:emcomm:problem:malformed-json"));
    }

    @Test
    void openApiHealthAndMetricsAreServed() {
        pollAll();
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/terminals")).body(containsString("/api/network/poll"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("emcomm_snmp_requests_total"))
                .body(containsString("emcomm_terminals{state=\"UP\"}"));
    }
}
