package org.emcomm.vsat.fault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.simulator.ScenarioType;
import org.emcomm.vsat.simulator.SimulatorService;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.junit.jupiter.api.Test;

/**
 * A lossy, slow network: every datagram to and from every simulated agent (terminals and hub table agents) is lost
 * with probability 0.2, and four agents answer 1.5 s late (longer than one try's timeout). The scheduler polls on
 * its own, at 30 times the production pace (2 s instead of 60 s, tries of 400 ms instead of 3 s). Every cycle must
 * still complete, no terminal may leave UP (no flapping, no DOWN), and no incident may open: the figure is false
 * incidents per hour of production polling (target 0).
 */
@QuarkusTest
@TestProfile(LossyNetworkTest.Lossy.class)
@QuarkusTestResource(value = SimulatedNetworkResource.class, restrictToAnnotatedClass = true)
class LossyNetworkTest {
    static final Duration RUN = Duration.ofSeconds(60);
    static final double SPEED_UP = 60.0 / 2.0;

    public static class Lossy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>();
            c.put("emcomm.polling.enabled", "true");
            c.put("emcomm.polling.interval", "2s");
            c.put("emcomm.polling.retry-after-failure", "500ms");
            c.put("emcomm.polling.tick", "100ms");
            c.put("emcomm.polling.timeout-override", "400ms");
            c.put("emcomm.incidents.hold", "1s");
            return c;
        }
    }

    @Inject
    SimulatorService simulator;

    static JsonPath get(String path) {
        return given().auth().preemptive().basic(SimulatedNetworkResource.OPERATOR, SimulatedNetworkResource.PASSWORD).get(path)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void lossAndDelayRaiseNoFalseIncidentsAndStatesHold() throws Exception {
        // A clear start: every terminal UP.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (get("/api/network/status").getInt("total.up") < 60 && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(get("/api/network/status").getInt("total.up")).isEqualTo(60);
        simulator.packetLoss(0.2);
        List<String> slowTargets = get("/api/terminals").getList("findAll { it.profile == 'comtech-cdm570' || it.profile == 'generic-mib2' }.id");
        slowTargets = slowTargets.subList(0, Math.min(4, slowTargets.size()));
        for (String t : slowTargets) simulator.start(ScenarioType.SLOW_AGENT, t, RUN.plusSeconds(30), 1.5);
        java.util.Set<String> batches = new java.util.HashSet<>();
        long start = System.nanoTime();
        int checks = 0, notUp = 0;
        StringBuilder seen = new StringBuilder();
        try {
            while (System.nanoTime() - start < RUN.toNanos()) {
                JsonPath s = get("/api/network/status");
                checks++;
                batches.add(s.getString("polling.lastCycle.startedAt"));
                int up = s.getInt("total.up");
                if (up != 60) {
                    notUp++;
                    if (seen.length() < 2000) seen.append(s.getMap("total")).append(' ');
                }
                Thread.sleep(500);
            }
        } finally {
            simulator.packetLoss(0);
        }
        JsonPath status = get("/api/network/status");
        int cycles = batches.size();
        List<Object> incidents = get("/api/incidents").getList("$");
        double productionHours = RUN.toSeconds() * SPEED_UP / 3600.0;
        double falsePerHour = incidents.size() / productionHours;
        long timeouts = status.getLong("polling.snmp.timeouts");
        System.out.printf("lossy network: 20%% loss each way, %d slow agents (1.5 s); %d scheduler batches seen in %d s; %d SNMP timeouts;"
                        + " %d of %d status checks with a terminal not UP; %d incidents = %.2f false incidents per hour of production polling"
                        + " (%.1f h at 60 s)%n", slowTargets.size(), cycles, RUN.toSeconds(), timeouts, notUp, checks, incidents.size(), falsePerHour,
                productionHours);
        assertThat(timeouts).as("the loss was real").isGreaterThan(50);
        assertThat(cycles).as("scheduler batches seen").isGreaterThan((int) (RUN.toSeconds()));
        assertThat(notUp).as("status checks with a terminal out of UP: %s", seen).isZero();
        assertThat(incidents).as("false incidents").isEmpty();
        // Every terminal was polled within the last few intervals (a confirming poll takes 6 tries of 400 ms): none is stuck.
        java.time.OffsetDateTime recent = java.time.OffsetDateTime.now().minusSeconds(12);
        for (Map<String, Object> t : get("/api/terminals").<Map<String, Object>>getList("$")) {
            assertThat(java.time.OffsetDateTime.parse((String) t.get("lastPoll"))).as("terminal %s last polled", t.get("id")).isAfter(recent);
        }
        assertThat(status.getInt("polling.snmp.pending")).as("SNMP requests pending at the end").isLessThan(200);
    }
}
