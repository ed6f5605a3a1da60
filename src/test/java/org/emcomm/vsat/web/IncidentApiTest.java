package org.emcomm.vsat.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.emcomm.vsat.incident.IncidentService;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.simulator.SimulatorService;
import org.emcomm.vsat.testing.IncidentNetworkResource;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.emcomm.vsat.testing.TestClock;
import org.emcomm.vsat.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end with the simulator, real SNMP, the real trap receiver and a webhook receiver, on a
 * clock the test moves: polls are made through the API and the incident engine is settled
 * (queued signals processed, time rules run) instead of waiting for timers.
 */
@QuarkusTest
@TestProfile(IncidentApiTest.Profile.class)
class IncidentApiTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() { return Set.of(TestClock.class); }

        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(IncidentNetworkResource.class)); }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject IncidentService incidents;
    @Inject TestClock clock;
    @Inject SimulatorService simulator;
    @Inject Inventory inventory;

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SimulatedNetworkResource.PASSWORD);
    }

    void poll() { as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll").then().statusCode(200); }

    void advance(Duration d) {
        clock.advance(d);
        simulator.sweep();
    }

    void scenario(String type, String target, int seconds) {
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json")
                .body(Map.of("type", type, "target", target, "durationSeconds", seconds))
                .post("/api/simulator/scenarios").then().statusCode(201);
    }

    JsonPath active() {
        return as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?status=ACTIVE").then().statusCode(200).extract().jsonPath();
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        org.emcomm.vsat.testing.Await.until(what, condition);
    }

    int trapsReceived() {
        return as(SimulatedNetworkResource.OPERATOR).get("/api/traps").then().statusCode(200).extract().jsonPath().getList("traps").size();
    }

    /** Every webhook has delivered or given up everything the journal holds. */
    void notificationsDrained() throws InterruptedException {
        waitFor("webhooks to drain", () -> {
            List<Map<String, Object>> s = as(SimulatedNetworkResource.ADMIN).get("/api/notifications").then().statusCode(200)
                    .extract().jsonPath().getList("$");
            long head = as(SimulatedNetworkResource.ADMIN).get("/api/journal/head").then().extract().jsonPath().getLong("seq");
            return s.stream().allMatch(h -> ((Number) h.get("pending")).intValue() == 0 && ((Number) h.get("cursor")).longValue() >= head);
        });
    }

    List<WebhookReceiver.Request> notificationsFor(String incident) {
        return IncidentNetworkResource.webhook.requests.stream().filter(r -> r.body().contains("\"id\":\"" + incident + "\"")).toList();
    }

    @AfterEach
    void backToClearSky() {
        as(SimulatedNetworkResource.OPERATOR).delete("/api/simulator/scenarios").then().statusCode(204);
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(30));
            poll();
        }
        advance(Duration.ofMinutes(11)); // past the flapping quiet time
        poll();
        incidents.settle();
        assertThat(active().getList("$")).as("every incident resolved itself after the scenario").isEmpty();
    }

    @Test
    void hubOutageIsOneIncidentWithItsHundredAndFiftyTerminalsAndOneNotification() throws Exception {
        poll();
        int trapsBefore = trapsReceived();
        scenario("HUB_OUTAGE", "hub-bj", 3600);
        // the hub's own-agent modems lose lock and send linkDown; the hub agent itself is silent
        waitFor("50 linkDown traps", () -> trapsReceived() >= trapsBefore + 50);
        poll();
        incidents.settle();
        advance(Duration.ofSeconds(30));
        poll();
        advance(Duration.ofSeconds(30));
        poll(); // the hub's table remotes go UNKNOWN after three unanswered polls in a row (hysteresis)
        advance(Duration.ofSeconds(30));
        incidents.settle();
        JsonPath a = active();
        assertThat(a.getList("$")).hasSize(1);
        assertThat(a.getString("[0].condition")).isEqualTo("HUB_OUTAGE");
        assertThat(a.getString("[0].scopeId")).isEqualTo("hub-bj");
        String id = a.getString("[0].id");
        JsonPath detail = as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("children")).hasSize(150);
        assertThat(detail.getString("level")).isEqualTo("I");
        assertThat(detail.getString("classification.ruleVersion")).startsWith("v1-");
        assertThat(detail.getBoolean("major")).isFalse();
        notificationsDrained();
        List<WebhookReceiver.Request> sent = notificationsFor(id);
        assertThat(sent).hasSize(1);
        WebhookReceiver.Request r = sent.get(0);
        assertThat(r.header("X-EmComm-Event")).isEqualTo("incident.opened");
        String sig = r.header("X-EmComm-Signature");
        long t = Long.parseLong(sig.substring(2, sig.indexOf(',')));
        assertThat(sig).isEqualTo(org.emcomm.vsat.notification.WebhookSigning.sign(IncidentNetworkResource.SECRET, t, r.body()));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("event").asText()).isEqualTo("incident.opened");
        assertThat(body.path("incident").path("condition").asText()).isEqualTo("HUB_OUTAGE");
        assertThat(body.path("incident").path("href").asText()).isEqualTo("/api/incidents/" + id);
        assertThat(body.path("details").path("level").asText()).isEqualTo("I");
        // the failing webhook shows its failure
        List<Map<String, Object>> status = as(SimulatedNetworkResource.ADMIN).get("/api/notifications").then().extract().jsonPath().getList("$");
        Map<String, Object> dead = status.stream().filter(s -> s.get("name").equals("dead")).findFirst().orElseThrow();
        assertThat(((Number) dead.get("failed")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat((String) dead.get("lastError")).isNotBlank();

        as(SimulatedNetworkResource.OPERATOR).delete("/api/simulator/scenarios").then().statusCode(204);
        for (int i = 0; i < 2; i++) {
            advance(Duration.ofSeconds(30));
            poll();
        }
        incidents.settle();
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + id).then().statusCode(200)
                .body("status", is("RESOLVED")).body("resolution", is("AUTO"));
        notificationsDrained();
        assertThat(notificationsFor(id)).extracting(q -> q.header("X-EmComm-Event")).containsExactly("incident.opened", "incident.resolved");
    }

    @Test
    void beamOutageIsOneIncidentNotARainFadeAndItsTrapsComeFromTheirAgents() throws Exception {
        poll();
        int before = trapsReceived();
        scenario("BEAM_OUTAGE", "beam-north", 3600);
        long inBeam = inventory.terminals().stream().filter(t -> t.beam().equals("beam-north")).count();
        // iDirect remoteOffline from the hub agent for its remotes, linkDown from each own-agent modem
        waitFor("the beam's traps", () -> trapsReceived() >= before + inBeam);
        for (int i = 0; i < 2; i++) {
            poll();
            advance(Duration.ofSeconds(30));
        }
        incidents.settle();
        JsonPath a = active();
        assertThat(a.getList("$")).as(a.prettify()).hasSize(1);
        assertThat(a.getString("[0].condition")).isEqualTo("BEAM_OUTAGE");
        assertThat(a.getLong("[0].children")).isEqualTo(inBeam);
        List<Map<String, Object>> traps = as(SimulatedNetworkResource.OPERATOR).get("/api/traps").then().extract().jsonPath().getList("traps");
        List<Map<String, Object>> ours = traps.subList(0, (int) inBeam);
        assertThat(ours).allSatisfy(t -> {
            assertThat(t.get("outcome")).as(t.toString()).isEqualTo("RAISE TERMINAL_DOWN");
            Terminal about = inventory.terminal((String) t.get("terminal"));
            assertThat(t.get("source")).isEqualTo(about.viaHub() ? inventory.hub(about.hub()).agent().host() : about.agent().host());
        });
    }

    @Test
    void rainFadeOverARegionIsOneIncident() {
        poll();
        scenario("RAIN_FADE", "sc", 3600);
        poll();
        incidents.settle();
        advance(Duration.ofSeconds(30));
        poll();
        advance(Duration.ofSeconds(30));
        poll();
        incidents.settle();
        JsonPath a = active();
        assertThat(a.getList("$")).as(a.prettify()).hasSize(1);
        assertThat(a.getString("[0].condition")).isEqualTo("RAIN_FADE");
        assertThat(a.getString("[0].scopeId")).isEqualTo("sc");
        assertThat(a.getString("[0].level")).isEqualTo("IV");
        assertThat(a.getInt("[0].children")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void terminalDownIsOneIncidentResolvedWhenTheScenarioEnds() {
        Terminal t = inventory.terminals().stream().filter(x -> x.profile().equals("comtech-cdm570")).findFirst().orElseThrow();
        downPastTheHold(t, 120);
        JsonPath a = active();
        assertThat(a.getList("$")).hasSize(1);
        assertThat(a.getString("[0].condition")).isEqualTo("TERMINAL_DOWN");
        assertThat(a.getString("[0].scopeId")).isEqualTo(t.id());
        String id = a.getString("[0].id");
        as(SimulatedNetworkResource.REVIEWER).get("/api/terminals/" + t.id()).then().statusCode(200)
                .body("incidents.id", hasItem(id)).body("history.to", hasItem("DOWN"));
        advance(Duration.ofSeconds(120)); // the scenario's time is up
        poll();
        advance(Duration.ofSeconds(10));
        poll();
        incidents.settle();
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + id).then().body("status", is("RESOLVED")).body("resolution", is("AUTO"));
    }

    @Test
    void flappingIsOneIncident() {
        Terminal t = inventory.terminals().stream().filter(Terminal::viaHub).filter(x -> x.hub().equals("hub-bj")).skip(3).findFirst().orElseThrow();
        poll();
        scenario("FLAPPING", t.id(), 3600);
        for (int k = 0; k < 3; k++) {
            for (boolean down : new boolean[] {true, false}) {
                toPhase(down);
                pollOne(t);
                advance(Duration.ofSeconds(1));
                pollOne(t);
            }
        }
        advance(Duration.ofSeconds(25));
        incidents.settle();
        List<Map<String, Object>> about = as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?terminal=" + t.id())
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(about).hasSize(1);
        assertThat(about.get(0).get("condition")).isEqualTo("FLAPPING");
        assertThat(((Number) about.get(0).get("count")).intValue()).isGreaterThan(1);
    }

    /** TERMINAL_DOWN on a modem with its own agent: three missed polls, then past the hold. */
    void downPastTheHold(Terminal t, int seconds) {
        poll();
        scenario("TERMINAL_DOWN", t.id(), seconds);
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(10));
            poll();
        }
        advance(Duration.ofSeconds(25));
        incidents.settle();
    }

    void pollOne(Terminal t) { as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll?terminal=" + t.id()).then().statusCode(200); }

    /** Moves the clock to the start of the simulator's next down (or up) phase of 5 s. */
    void toPhase(boolean down) {
        long s = clock.instant().getEpochSecond() + 1;
        while (((s / 5) % 2 == 0) != down || s % 5 != 0) s++;
        clock.set(java.time.Instant.ofEpochSecond(s));
    }

    @Test
    void aTrapOpensTheIncidentBeforeTheNextPollAndItsClearResolvesIt() throws Exception {
        Terminal t = inventory.terminals().stream().filter(Terminal::viaHub).filter(x -> x.hub().equals("hub-bj")).skip(7).findFirst().orElseThrow();
        poll();
        int before = trapsReceived();
        scenario("TERMINAL_DOWN", t.id(), 3600); // the iDirect NMS sends remoteOffline (SNMPv3)
        waitFor("remoteOffline trap", () -> trapsReceived() > before);
        advance(Duration.ofSeconds(21));
        incidents.settle();
        JsonPath a = active();
        assertThat(a.getList("$")).hasSize(1);
        String id = a.getString("[0].id");
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + id).then().body("source", is("trap")).body("scopeId", is(t.id()));
        as(SimulatedNetworkResource.OPERATOR).delete("/api/simulator/scenarios").then().statusCode(204); // remoteOnline
        waitFor("remoteOnline trap", () -> trapsReceived() > before + 1);
        incidents.settle();
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + id).then().body("status", is("RESOLVED"));
    }

    @Test
    void trapsFromNetSnmpOpenAndClearAndUnknownOnesAreRecorded() throws Exception {
        Terminal t = inventory.terminals().stream().filter(x -> x.profile().equals("generic-mib2")).findFirst().orElseThrow();
        String to = "127.0.0.1:" + IncidentNetworkResource.trapPort;
        // linkDown/linkUp count for the satellite interface only, which the poller finds by ifDescr (sat0, ifIndex 2 in
        // the simulator's MIB-II fixture; ifIndex 1 is its LAN port)
        waitFor("the satellite interface found", () -> inventory.satelliteInterfaces().of(t.id()) != null);
        String sat = Integer.toString(inventory.satelliteInterfaces().of(t.id()));
        assertThat(sat).isEqualTo("2");
        int before = trapsReceived();
        assertThat(run("snmptrap", "-v2c", "-c", "public", "--clientaddr=" + t.agent().host(), to, "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.1", "i", "1")).isZero();
        waitFor("linkDown of the LAN port", () -> trapsReceived() > before);
        JsonPath lan = as(SimulatedNetworkResource.REVIEWER).get("/api/traps").then().statusCode(200).extract().jsonPath();
        assertThat(lan.getString("traps[0].outcome")).isEqualTo("IGNORED");
        assertThat(lan.getString("traps[0].reason")).isEqualTo("linkDown on " + t.id() + " is about ifIndex 1, not the satellite interface 2");
        assertThat(run("snmptrap", "-v2c", "-c", "public", "--clientaddr=" + t.agent().host(), to, "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.2", "i", sat)).isZero();
        waitFor("linkDown", () -> trapsReceived() > before + 1);
        assertThat(as(SimulatedNetworkResource.REVIEWER).get("/api/traps").then().extract().jsonPath().getString("traps[0].name"))
                .as("named from the profile").isEqualTo("linkDown");
        JsonPath received = as(SimulatedNetworkResource.REVIEWER).get("/api/traps").then().statusCode(200).extract().jsonPath();
        assertThat(received.getString("traps[0].securityLevel")).as("the record keeps how it came").isEqualTo("community");
        assertThat(received.getString("traps[0].credential")).isEqualTo("modem-v2c");
        advance(Duration.ofSeconds(21));
        incidents.settle();
        JsonPath a = active();
        assertThat(a.getList("$")).hasSize(1);
        assertThat(a.getString("[0].scopeId")).isEqualTo(t.id());
        String id = a.getString("[0].id");
        assertThat(run("snmpinform", "-v2c", "-c", "public", "-r", "1", "-t", "5", "--clientaddr=" + t.agent().host(), to, "",
                "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.2.2.1.1.2", "i", sat)).as("the inform was answered").isZero();
        waitFor("linkUp", () -> trapsReceived() > before + 2);
        incidents.settle();
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + id).then().body("status", is("RESOLVED"));

        assertThat(run("snmptrap", "-v2c", "-c", "public", "--clientaddr=" + t.agent().host(), to, "", "1.3.6.1.4.1.99999.0.7",
                "1.3.6.1.4.1.99999.1", "s", "door open")).isZero();
        waitFor("the unknown trap", () -> as(SimulatedNetworkResource.REVIEWER).get("/api/traps?unknown=true").then().extract()
                .jsonPath().getList("traps.oid").contains("1.3.6.1.4.1.99999.0.7"));
        as(SimulatedNetworkResource.REVIEWER).get("/api/traps?unknown=true").then().statusCode(200)
                .body("traps[0].oid", is("1.3.6.1.4.1.99999.0.7"))
                .body("traps[0].reason", org.hamcrest.Matchers.containsString("not mapped in profile generic-mib2"))
                .body("traps[0].varbinds.value", hasItem("door open"));
    }

    @Test
    void aV3TrapOrInformBelowItsCredentialsLevelOpensNothingAndIsListedAsRefused() throws Exception {
        // the attacker knows the hub's address and its user name (it travels in clear), not its keys
        Terminal t = inventory.terminals().stream().filter(Terminal::viaHub).filter(x -> x.hub().equals("hub-bj")).filter(Terminal::critical)
                .findFirst().orElseThrow();
        String hub = inventory.hub("hub-bj").agent().host();
        String to = "127.0.0.1:" + IncidentNetworkResource.trapPort;
        poll();
        assertThat(run("snmptrap", "-v3", "-e", "0x80001f88804142434431", "-u", "nms", "-l", "noAuthNoPriv", "--clientaddr=" + hub, to, "",
                "1.3.6.1.4.1.13732.99.0.1", "1.3.6.1.4.1.13732.99.1.1", "i", t.row())).isZero();
        assertThat(run("snmpinform", "-v3", "-u", "nms", "-l", "noAuthNoPriv", "-r", "0", "-t", "2", "--clientaddr=" + hub, to, "",
                "1.3.6.1.4.1.13732.99.0.1", "1.3.6.1.4.1.13732.99.1.1", "i", t.row())).as("the inform is not acknowledged").isNotZero();
        waitFor("both refused", () -> as(SimulatedNetworkResource.OPERATOR).get("/api/traps?rejected=true").then().extract().jsonPath()
                .getList("refused.reason").stream().filter("security-level"::equals).count() >= 2);
        JsonPath refused = as(SimulatedNetworkResource.REVIEWER).get("/api/traps?rejected=true").then().statusCode(200).extract().jsonPath();
        assertThat(refused.getString("refused[0].source")).isEqualTo(hub);
        assertThat(refused.getString("refused[0].securityLevel")).isEqualTo("noAuthNoPriv");
        assertThat(refused.getLong("rejected.security-level")).isGreaterThanOrEqualTo(2);
        assertThat(io.restassured.RestAssured.get("/q/metrics").then().extract().asString())
                .containsPattern("emcomm_traps_rejected_total\\{reason=\"security-level\"[^}]*} [2-9]");
        advance(Duration.ofSeconds(21));
        poll();
        incidents.settle();
        assertThat(active().getList("$")).as("nothing opened on " + t.id()).isEmpty();
    }

    /** The NMS says a chassis of its hub is down (an authenticated inform, as the real proxy sends): HUB_OUTAGE for that
     * hub opens at once, named by the trap, and resolves when the NMS says the chassis is back (no remote had gone down). */
    @Test
    void anNmsChassisTrapOpensAndClearsTheHubsOutage() throws Exception {
        String hub = inventory.hub("hub-bj").agent().host();
        String to = "127.0.0.1:" + IncidentNetworkResource.trapPort;
        poll();
        int before = trapsReceived();
        List<String> inform = List.of("snmpinform", "-v3", "-u", "nms", "-l", "authPriv", "-a", "SHA", "-A", "demo-auth-pass", "-x", "AES",
                "-X", "demo-priv-pass", "-r", "1", "-t", "5", "--clientaddr=" + hub, to, "", "1.3.6.1.4.1.13732.99.2.3",
                "1.3.6.1.4.1.13732.99.99.0", "i");
        List<String> down = new java.util.ArrayList<>(inform);
        down.addAll(List.of("3", "1.3.6.1.4.1.13732.99.98.0", "s", "Chassis 2 down"));
        assertThat(run(down.toArray(String[]::new))).as("the inform was answered").isZero();
        waitFor("chassisDown", () -> trapsReceived() > before);
        incidents.settle();
        JsonPath a = active();
        assertThat(a.getString("[0].condition")).isEqualTo("HUB_OUTAGE");
        assertThat(a.getString("[0].scopeId")).isEqualTo("hub-bj");
        String id = a.getString("[0].id");
        assertThat(as(SimulatedNetworkResource.REVIEWER).get("/api/traps").then().extract().jsonPath().getString("traps[0].outcome")).isEqualTo("RAISE HUB_OUTAGE");
        List<String> up = new java.util.ArrayList<>(inform);
        up.addAll(List.of("2", "1.3.6.1.4.1.13732.99.98.0", "s", "Chassis 2 up"));
        assertThat(run(up.toArray(String[]::new))).isZero();
        waitFor("chassis up", () -> trapsReceived() > before + 1);
        incidents.settle();
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/" + id).then().body("status", is("RESOLVED"));
    }

    static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void lifecycleThroughTheApiWithRolesAndClearErrors() {
        Terminal t = inventory.terminals().stream().filter(x -> x.profile().equals("comtech-cdm570")).skip(2).findFirst().orElseThrow();
        downPastTheHold(t, 3600);
        String id = active().getString("[0].id");
        String base = "/api/incidents/" + id;
        as(SimulatedNetworkResource.REVIEWER).contentType("application/json").body("{}").post(base + "/acknowledge").then().statusCode(403);
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"note\":\"looking\"}").post(base + "/acknowledge")
                .then().statusCode(200).body("status", is("ACKNOWLEDGED")).body("acknowledgedBy", is(SimulatedNetworkResource.OPERATOR));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post(base + "/acknowledge")
                .then().statusCode(409).contentType("application/problem+json").body("type", is("urn:emcomm:problem:conflict"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post(base + "/notes")
                .then().statusCode(400).body("errors[0].field", is("note"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"note\":\"team on the way\"}").post(base + "/notes")
                .then().statusCode(200).body("timeline.text", hasItem("team on the way"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"major\":true,\"reason\":\"x\"}").post(base + "/classify")
                .then().statusCode(403);
        as(SimulatedNetworkResource.ADMIN).contentType("application/json").body("{\"major\":true}").post(base + "/classify")
                .then().statusCode(400).body("errors[0].field", is("reason"));
        as(SimulatedNetworkResource.ADMIN).contentType("application/json").body("{\"level\":\"V\",\"reason\":\"x\"}").post(base + "/classify")
                .then().statusCode(400).body("errors[0].field", is("level"));
        as(SimulatedNetworkResource.ADMIN).contentType("application/json").body("{\"major\":true,\"level\":\"III\",\"reason\":\"county HQ link\"}")
                .post(base + "/classify").then().statusCode(200).body("major", is(true)).body("level", is("III"))
                .body("classification.manual", is(true)).body("classification.by", is(SimulatedNetworkResource.ADMIN))
                .body("classification.reason", is("county HQ link"));
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?major=true").then().statusCode(200).body("id", hasItem(id));
        as(SimulatedNetworkResource.REVIEWER).get("/api/audit").then().statusCode(200).body("action", hasItem("incident.classify"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"note\":\"  \"}").post(base + "/resolve")
                .then().statusCode(400).body("errors[0].field", is("note"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"note\":\"modem power-cycled on site\"}").post(base + "/resolve")
                .then().statusCode(200).body("status", is("RESOLVED")).body("resolution", is("MANUAL"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"note\":\"again\"}").post(base + "/resolve").then().statusCode(409);
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents/INC-999999").then().statusCode(404);
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?status=CLOSED").then().statusCode(400).body("errors[0].field", is("status"));
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?major=maybe").then().statusCode(400).body("errors[0].field", is("major"));
        as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?from=yesterday").then().statusCode(400).body("errors[0].field", is("from"));
    }
}
