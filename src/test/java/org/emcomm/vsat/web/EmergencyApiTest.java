package org.emcomm.vsat.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.emcomm.vsat.emergency.EmergencyCalendar;
import org.emcomm.vsat.emergency.EmergencyService;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.polling.PollingService;
import org.emcomm.vsat.testing.IncidentNetworkResource;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.emcomm.vsat.testing.TestClock;
import org.emcomm.vsat.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

/** Emergencies end to end on the simulated network and a test clock: declare, the report clock and its
 * warnings, drafting from a fresh poll, exports (the PDF read back), support tasks. */
@QuarkusTest
@TestProfile(IncidentApiTest.Profile.class)
class EmergencyApiTest {
    @Inject TestClock clock;
    @Inject EmergencyService emergencies;
    @Inject PollingService polling;
    @Inject Inventory inventory;
    @Inject NetworkHealth health;
    @Inject EmergencyCalendar calendar;
    @Inject org.emcomm.vsat.journal.JournalService journal;
    @Inject org.emcomm.vsat.simulator.SimulatorService simulator;

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SimulatedNetworkResource.PASSWORD);
    }

    String onset(Duration ago) { return OffsetDateTime.ofInstant(clock.instant().minus(ago), java.time.ZoneId.of("Asia/Shanghai")).toString(); }

    JsonPath declare(String title, String type, List<String> regions, String onsetAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("type", type);
        body.put("regions", regions);
        body.put("onsetAt", onsetAt);
        return as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body(body).post("/api/emergencies")
                .then().statusCode(201).extract().jsonPath();
    }

    JsonPath draft(String id) {
        return as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post("/api/emergencies/" + id + "/reports")
                .then().statusCode(201).extract().jsonPath();
    }

    JsonPath report(String id, String rid) {
        return as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + id + "/reports/" + rid).then().statusCode(200).extract().jsonPath();
    }

    /** The report once the service has completed its facts from the fresh poll. */
    JsonPath completed(String id, String rid) throws InterruptedException {
        waitFor("report " + id + "/" + rid + " completed from its fresh poll", () -> report(id, rid).getBoolean("facts.poll.complete"));
        return report(id, rid);
    }

    JsonPath submit(String id, String rid) {
        return as(SimulatedNetworkResource.OPERATOR).contentType("application/json")
                .body(Map.of("approvedBy", "Duty chief 值班长", "actionsTaken", "Backup terminals dispatched / 已调派备用终端"))
                .post("/api/emergencies/" + id + "/reports/" + rid + "/submit").then().statusCode(200).extract().jsonPath();
    }

    JsonPath emergency(String id) {
        return as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + id).then().statusCode(200).extract().jsonPath();
    }

    List<WebhookReceiver.Request> hooks(String event, String id) {
        return IncidentNetworkResource.webhook.requests.stream()
                .filter(r -> event.equals(r.header("X-EmComm-Event")) && r.body().contains("\"id\":\"" + id + "\"")).toList();
    }

    static void waitFor(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        org.emcomm.vsat.testing.Await.until(what, c);
    }

    @Test
    void badDeclarationsAreRefusedNamingTheField() {
        record Case(String body, String field) {}
        String onset = onset(Duration.ofMinutes(5));
        for (Case c : List.of(
                new Case("{}", "title"),
                new Case("{\"title\":\"Quake\",\"type\":\"METEOR\",\"regions\":[\"sc\"],\"onsetAt\":\"" + onset + "\"}", "type"),
                new Case("{\"title\":\"Quake\",\"type\":\"EARTHQUAKE\",\"regions\":[],\"onsetAt\":\"" + onset + "\"}", "regions"),
                new Case("{\"title\":\"Quake\",\"type\":\"EARTHQUAKE\",\"regions\":[\"sc\",\"atlantis\"],\"onsetAt\":\"" + onset + "\"}", "regions[1]"),
                new Case("{\"title\":\"Quake\",\"type\":\"EARTHQUAKE\",\"regions\":[\"sc\"]}", "onsetAt"),
                new Case("{\"title\":\"Quake\",\"type\":\"EARTHQUAKE\",\"regions\":[\"sc\"],\"onsetAt\":\"" + onset(Duration.ofMinutes(-10)) + "\"}", "onsetAt"),
                new Case("{\"title\":\"Quake\",\"type\":\"EARTHQUAKE\",\"regions\":[\"sc\"],\"onsetAt\":\"yesterday-ish\"}", "onsetAt"),
                new Case("{\"title\":\"Quake\",\"type\":\"EARTHQUAKE\",\"regions\":\"sc\",\"onsetAt\":\"" + onset + "\"}", "regions"))) {
            as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body(c.body()).post("/api/emergencies")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(c.field()));
        }
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").post("/api/emergencies")
                .then().statusCode(400).body("errors.field", hasItem("title"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"title\": ").post("/api/emergencies")
                .then().statusCode(400).body("type", containsString("malformed-json"));
        as(SimulatedNetworkResource.REVIEWER).contentType("application/json").body("{}").post("/api/emergencies").then().statusCode(403);
    }

    @Test
    void submittedAt2959IsOnTimeAt3001LateWarningsFireOnceAndAnUnsubmittedReportShowsOverdue() throws Exception {
        String onTime = declare("Earthquake 地震 M6.1", "earthquake", List.of("sc-p1"), onset(Duration.ofMinutes(3))).getString("id");
        String late = declare("Flood 洪涝", "FLOOD", List.of("yn"), onset(Duration.ofMinutes(1))).getString("id");
        JsonPath never = declare("Typhoon 台风", "TYPHOON", List.of("gd-p2-c1"), onset(Duration.ZERO));
        String neverId = never.getString("id");
        assertThat(Duration.between(OffsetDateTime.parse(never.getString("declaredAt")), OffsetDateTime.parse(never.getString("reportDueAt"))))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(never.getString("clock.state")).isEqualTo("RUNNING");
        assertThat(never.getLong("clock.secondsLeft")).isEqualTo(1800);

        String r1 = draft(onTime).getString("id");
        String r2 = draft(late).getString("id");
        clock.advance(Duration.ofMinutes(19));
        emergencies.checkClocks();
        assertThat(emergency(onTime).getList("clock.warnings")).isEmpty();
        clock.advance(Duration.ofMinutes(1)); // 20:00: 10 minutes left
        emergencies.checkClocks();
        emergencies.checkClocks();
        clock.advance(Duration.ofSeconds(30));
        emergencies.checkClocks();
        assertThat(emergency(onTime).getList("clock.warnings.leftMinutes", Integer.class)).containsExactly(10);
        clock.advance(Duration.ofSeconds(270)); // 25:00: 5 minutes left
        emergencies.checkClocks();
        clock.advance(Duration.ofMinutes(2));
        emergencies.checkClocks();
        for (String id : List.of(onTime, late, neverId)) {
            assertThat(emergency(id).getList("clock.warnings.leftMinutes", Integer.class)).as(id).containsExactly(10, 5);
        }

        clock.advance(Duration.ofSeconds(179)); // 27:00 → 29:59
        long headBefore = as(SimulatedNetworkResource.ADMIN).get("/api/journal/head").then().statusCode(200).extract().jsonPath().getLong("seq");
        JsonPath first = submit(onTime, r1);
        assertThat(first.getString("status")).isEqualTo("SUBMITTED");
        // the report names the record chain's head at its submission: a real point of the chain, printed on the report
        long headSeq = first.getLong("recordHead.seq");
        assertThat(headSeq).isGreaterThanOrEqualTo(headBefore);
        assertThat(journal.anchor(headSeq).hashAtSeq()).isEqualTo(first.getString("recordHead.hash"));
        assertThat(as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + onTime + "/reports/" + r1 + "?format=html").then().statusCode(200)
                .extract().asString()).contains("Record chain").contains(first.getString("recordHead.hash"));
        JsonPath e1 = emergency(onTime);
        assertThat(e1.getString("clock.state")).isEqualTo("ON_TIME");
        assertThat(e1.getBoolean("clock.onTime")).isTrue();
        assertThat(e1.getLong("clock.tookSeconds")).isEqualTo(29 * 60 + 59);

        clock.advance(Duration.ofSeconds(2)); // 30:01
        emergencies.checkClocks();
        submit(late, r2);
        JsonPath e2 = emergency(late);
        assertThat(e2.getString("clock.state")).isEqualTo("LATE");
        assertThat(e2.getBoolean("clock.onTime")).isFalse();
        assertThat(e2.getLong("clock.lateBySeconds")).isEqualTo(1);
        assertThat(e2.getString("clock.overdueAt")).as("it was overdue for a second, and that stays on record").isNotNull();

        JsonPath e3 = emergency(neverId);
        assertThat(e3.getString("clock.state")).isEqualTo("OVERDUE");
        assertThat(e3.getLong("clock.overdueBySeconds")).isEqualTo(1);
        assertThat(e3.getList("timeline.type")).containsOnlyOnce("emergency.report-overdue");
        List<Map<String, Object>> open = as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies?status=OPEN").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(open).filteredOn(m -> m.get("id").equals(neverId)).singleElement()
                .satisfies(m -> assertThat(((Map<?, ?>) m.get("clock")).get("state")).isEqualTo("OVERDUE"));

        // the webhook heard each warning once, and the deadline once
        waitFor("webhook deliveries", () -> hooks("emergency.report-overdue", neverId).size() == 1 && hooks("emergency.report-warning", late).size() == 2);
        for (String id : List.of(onTime, late, neverId)) assertThat(hooks("emergency.report-warning", id)).as(id).hasSize(2);
        assertThat(hooks("emergency.report-submitted", onTime).get(0).body()).contains("\"onTime\":true");
        assertThat(hooks("emergency.report-overdue", onTime)).isEmpty();
    }

    @Test
    void aReportIsDraftedFromAFreshPollWithCriticalTerminalsFirstAndReadsBackAsPdfCsvAndHtml() throws Exception {
        JsonPath e = declare("Earthquake 汶川 drill-free test", "EARTHQUAKE", List.of("sc"), onset(Duration.ofMinutes(2)));
        String id = e.getString("id");
        List<Terminal> area = inventory.terminals().stream().filter(t -> inventory.within(t.region(), "sc")).toList();
        assertThat(polling.faster()).as("the area is on the fast interval").containsKeys(area.stream().map(Terminal::id).toArray(String[]::new));
        assertThat(calendar.active(area.get(0).id(), clock.instant())).isTrue();

        JsonPath drafted = draft(id);
        String rid = drafted.getString("id");
        assertThat(drafted.getString("kind")).isEqualTo("INITIAL");
        assertThat(drafted.getInt("number")).isEqualTo(1);
        assertThat(drafted.getInt("facts.poll.polled")).isEqualTo(area.size());
        assertThat(drafted.getInt("facts.poll.answered") + drafted.getInt("facts.poll.noAnswer") + drafted.getInt("facts.poll.waiting"))
                .isEqualTo(area.size());
        JsonPath r = completed(id, rid);
        assertThat(r.getInt("facts.poll.answered") + r.getInt("facts.poll.unanswered")).isEqualTo(area.size());
        // the service only reads: the agents took gets, walks and bulk walks (the fresh poll among them), never a SET
        Map<String, Long> requests = simulator.requestsByType();
        assertThat(requests.getOrDefault("GET", 0L) + requests.getOrDefault("GETBULK", 0L)).as("the polls reached the agents").isPositive();
        assertThat(requests.keySet()).as("PDU types the agents received").isSubsetOf("GET", "GETNEXT", "GETBULK");
        assertThat(r.getInt("facts.poll.waiting")).isZero();
        assertThat(r.getString("draftedBy")).as("completing the facts is not a new draft by a person").isEqualTo(SimulatedNetworkResource.OPERATOR);
        int total = r.getInt("facts.counts.total");
        assertThat(total).isEqualTo(area.size());
        Map<TerminalState, Long> states = new java.util.EnumMap<>(TerminalState.class);
        for (Terminal t : area) states.merge(health.status(t.id()).state(), 1L, Long::sum);
        assertThat(r.getInt("facts.counts.online")).isEqualTo(states.getOrDefault(TerminalState.UP, 0L).intValue());
        assertThat(r.getInt("facts.counts.degraded")).isEqualTo(states.getOrDefault(TerminalState.DEGRADED, 0L).intValue());
        assertThat(r.getInt("facts.counts.offline") + r.getInt("facts.counts.unknown"))
                .isEqualTo(states.getOrDefault(TerminalState.DOWN, 0L).intValue() + states.getOrDefault(TerminalState.UNKNOWN, 0L).intValue());
        assertThat(r.getInt("facts.counts.unconfirmed")).as("every terminal answered on a clear sky").isZero();
        List<Boolean> critical = r.getList("facts.terminals.critical", Boolean.class);
        long nCritical = area.stream().filter(Terminal::critical).count();
        assertThat(nCritical).isPositive();
        assertThat(critical.subList(0, (int) nCritical)).containsOnly(true);
        assertThat(critical.subList((int) nCritical, critical.size())).containsOnly(false);
        assertThat(r.getList("facts.hubs.id")).isNotEmpty();
        assertThat(r.getList("facts.beams.id")).isNotEmpty();
        assertThat(r.getString("facts.asOf")).endsWith("+08:00");

        // a redraft keeps the number and the narrative, with fresh facts
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body(Map.of("summary", "主震后通信基本正常 Network mostly up after the main shock"))
                .patch("/api/emergencies/" + id + "/reports/" + rid).then().statusCode(200).body("narrative.summary", containsString("主震"));
        JsonPath again = draft(id);
        assertThat(again.getString("id")).isEqualTo(rid);
        assertThat(again.getString("narrative.summary")).contains("主震");
        assertThat(emergency(id).getList("reports")).hasSize(1);

        byte[] pdf = as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + id + "/reports/" + rid + "?format=pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(595.27563f, org.assertj.core.data.Offset.offset(0.01f));
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("通信网络运行情况报告", "Network Status Report", "终端总数", "Total terminals", "在线", "Online", "离线", "Offline",
                "重要终端", "Critical terminals", "主震后通信基本正常", "地震");
        assertThat(text).containsPattern("终端总数 Total terminals\\s*" + total + "\\b");
        assertThat(text).containsPattern("在线 Online\\s*" + r.getInt("facts.counts.online") + "\\b");
        assertThat(text).contains(area.get(0).id());

        String csv = as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + id + "/reports/" + rid + "?format=csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("emergency,report,kind,number,as_of,terminal,");
        assertThat(lines).hasSize(total + 1);
        assertThat(lines.get(1)).contains(",true,"); // a critical terminal first

        String html = as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + id + "/reports/" + rid + "?format=html")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("<meta charset=\"utf-8\">", "终端总数 Total terminals", "@page { size: A4");
        as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + id + "/reports/" + rid + "?format=docx")
                .then().statusCode(400).body("errors.field", hasItem("format"));
    }

    @Test
    void withAHubSilentADraftAnswersAtOnceSaysHowFarThePollCameAndASubmitKeepsItsArrivalTime() throws Exception {
        // another emergency's report, ready to submit
        String other = declare("Flood 洪涝, report ready", "FLOOD", List.of("gd-p2"), onset(Duration.ofMinutes(4))).getString("id");
        String ready = draft(other).getString("id");
        completed(other, ready);
        List<Terminal> area = inventory.terminals().stream().filter(t -> inventory.within(t.region(), "sc")).toList();
        List<String> behindHub = area.stream().filter(t -> t.viaHub() && t.hub().equals("hub-bj")).map(Terminal::id).toList();
        assertThat(behindHub).isNotEmpty();
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body(Map.of("type", "HUB_OUTAGE", "target", "hub-bj", "durationSeconds", 3600))
                .post("/api/simulator/scenarios").then().statusCode(201);
        try {
            String id = declare("Earthquake 地震 under a silent hub", "EARTHQUAKE", List.of("sc"), onset(Duration.ofMinutes(2))).getString("id");
            JsonPath drafted = draft(id);
            String rid = drafted.getString("id");
            assertThat(drafted.getBoolean("facts.poll.complete")).as("the draft did not wait for the silent hub's timeouts").isFalse();
            assertThat(drafted.getInt("facts.poll.waiting")).isGreaterThanOrEqualTo(behindHub.size());
            assertThat(drafted.getInt("facts.counts.online")).as("no terminal is online before it answers").isLessThanOrEqualTo(drafted.getInt("facts.poll.answered"));
            assertThat(emergency(id).getInt("freshPoll.polled")).isEqualTo(area.size());

            // the submission time is the request's arrival, even when it waits for another command on that emergency to finish
            java.lang.reflect.Method lockOf = EmergencyService.class.getDeclaredMethod("lockOf", String.class);
            lockOf.setAccessible(true);
            Object lock = lockOf.invoke(io.quarkus.arc.ClientProxy.unwrap(emergencies), other);
            java.time.Instant arrival = clock.instant();
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
            Thread submitter = new Thread(() -> {
                try {
                    emergencies.submit(other, ready, null, "Duty chief 值班长", SimulatedNetworkResource.OPERATOR);
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            synchronized (lock) {
                submitter.start();
                waitFor("the submit waiting for the emergency", () -> submitter.getState() == Thread.State.BLOCKED);
                clock.advance(Duration.ofSeconds(7));
            }
            submitter.join(10_000);
            assertThat(failed.get()).isNull();
            assertThat(OffsetDateTime.parse(emergency(other).getString("clock.submittedAt")).toInstant()).isEqualTo(arrival);

            // the service completes the draft as the poll settles: exactly as polled, the hub's remotes not answering
            JsonPath r = completed(id, rid);
            assertThat(r.getInt("facts.poll.polled")).isEqualTo(area.size());
            assertThat(r.getInt("facts.poll.answered")).isEqualTo(area.size() - behindHub.size());
            assertThat(r.getInt("facts.poll.noAnswer")).isEqualTo(behindHub.size());
            assertThat(r.getInt("facts.poll.waiting")).isZero();
            List<Map<String, Object>> areas = r.getList("facts.areas");
            assertThat(areas.stream().filter(a -> "PREFECTURE".equals(a.get("level"))).mapToInt(a -> (Integer) a.get("answered")).sum())
                    .as("per prefecture, the same answers").isEqualTo(area.size() - behindHub.size());
            assertThat(areas.stream().filter(a -> "COUNTY".equals(a.get("level"))).mapToInt(a -> (Integer) a.get("noAnswer")).sum()).isEqualTo(behindHub.size());
            List<Map<String, Object>> silent = r.<Map<String, Object>>getList("facts.terminals").stream().filter(t -> behindHub.contains(t.get("id"))).toList();
            assertThat(silent).hasSize(behindHub.size()).allSatisfy(t -> {
                assertThat(t.get("freshPoll")).isEqualTo("NO_ANSWER");
                assertThat(t.get("reported")).as("not online: it did not answer").isIn("UNCONFIRMED", "UNKNOWN", "OFFLINE");
                assertThat((String) t.get("reason")).contains("hub management system not answering").doesNotContain("127.");
                assertThat((String) t.get("reasonZh")).contains("主站网管无应答");
            });
            // the hub's modems that answer for themselves report their lost lock: offline as their answer says, though their
            // state machine has seen one such answer only and still says UP
            List<String> ownOfHub = area.stream().filter(t -> !t.viaHub() && t.hub().equals("hub-bj")).map(Terminal::id).toList();
            List<Map<String, Object>> unlocked = r.<Map<String, Object>>getList("facts.terminals").stream().filter(t -> ownOfHub.contains(t.get("id"))).toList();
            assertThat(unlocked).isNotEmpty().allSatisfy(t -> {
                assertThat(t.get("freshPoll")).isEqualTo("ANSWERED");
                assertThat(t.get("reported")).as("%s", t).isEqualTo("OFFLINE");
            });
            assertThat(unlocked).anySatisfy(t -> assertThat(t.get("state")).as("hysteresis not yet past").isEqualTo("UP"));
            assertThat(r.getInt("facts.counts.online") + r.getInt("facts.counts.degraded") + r.getInt("facts.counts.offline")
                    + r.getInt("facts.counts.unknown") + r.getInt("facts.counts.unconfirmed")).isEqualTo(area.size());
            assertThat(emergency(id).getList("timeline.text", String.class)).anySatisfy(t -> assertThat(t).startsWith("report " + rid + " facts completed"));
        } finally {
            as(SimulatedNetworkResource.OPERATOR).delete("/api/simulator/scenarios").then().statusCode(204);
        }
    }

    @Test
    void anAreaWithNoTerminalsGetsAValidReportThatSaysSo() throws Exception {
        String id = declare("Fire in an area we do not cover", "FIRE", List.of(IncidentNetworkResource.EMPTY_PROVINCE), onset(Duration.ZERO)).getString("id");
        JsonPath r = draft(id);
        assertThat(r.getInt("facts.counts.total")).isZero();
        assertThat(r.getList("facts.terminals")).isEmpty();
        assertThat(r.getString("note")).contains("No terminals in this area");
        byte[] pdf = as(SimulatedNetworkResource.REVIEWER).get("/api/emergencies/" + id + "/reports/" + r.getString("id") + "?format=pdf")
                .then().statusCode(200).extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("区域内没有终端", "No terminals in this area");
        }
        submit(id, r.getString("id"));
    }

    @Test
    void theReportLadderUpdatesThenFinalThenClose() {
        String id = declare("Flood, ladder", "FLOOD", List.of("fj-p1"), onset(Duration.ofMinutes(1))).getString("id");
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"kind\":\"UPDATE\"}").post("/api/emergencies/" + id + "/reports")
                .then().statusCode(400).body("errors.field", hasItem("kind"));
        String r1 = draft(id).getString("id");
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post("/api/emergencies/" + id + "/reports/" + r1 + "/submit")
                .then().statusCode(400).body("errors.field", hasItem("approvedBy"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{\"approvedBy\":\"Director Wang\"}")
                .post("/api/emergencies/" + id + "/reports/" + r1 + "/approve").then().statusCode(200).body("approvedBy", is("Director Wang"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post("/api/emergencies/" + id + "/reports/" + r1 + "/submit")
                .then().statusCode(200).body("status", is("SUBMITTED"));
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post("/api/emergencies/" + id + "/reports/" + r1 + "/submit")
                .then().statusCode(409);
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post("/api/emergencies/" + id + "/close").then().statusCode(409);
        JsonPath update = draft(id);
        assertThat(update.getString("kind")).isEqualTo("UPDATE");
        assertThat(update.getInt("number")).isEqualTo(2);
        submit(id, update.getString("id"));
        String fin = as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"kind\":\"final\"}")
                .post("/api/emergencies/" + id + "/reports").then().statusCode(201).body("kind", is("FINAL")).body("number", is(3))
                .extract().path("id");
        submit(id, fin);
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post("/api/emergencies/" + id + "/reports").then().statusCode(409);
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{\"note\":\"waters receded\"}").post("/api/emergencies/" + id + "/close")
                .then().statusCode(200).body("status", is("CLOSED")).body("closeNote", is("waters receded"));
        assertThat(emergency(id).getList("timeline.type")).contains("emergency.declared", "emergency.report-drafted", "emergency.report-submitted",
                "emergency.closed");
        // no other emergency covers fj-p1: its terminals are back on the normal interval
        List<String> area = inventory.terminals().stream().filter(t -> inventory.within(t.region(), "fj-p1")).map(Terminal::id).toList();
        assertThat(area).isNotEmpty();
        assertThat(polling.faster().keySet()).doesNotContainAnyElementsOf(area);
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body("{}").post("/api/emergencies/" + id + "/reports").then().statusCode(409);
    }

    @Test
    void supportTasksRunTheirLifecycleAndTheCompletionRateCountsFailuresButNotRequesterCancellations() {
        String em = declare("Earthquake, tasks", "EARTHQUAKE", List.of("gs-p1"), onset(Duration.ofMinutes(1))).getString("id");
        String due = OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofHours(6)), java.time.ZoneId.of("Asia/Shanghai")).toString();
        String terminal = inventory.terminals().stream().filter(t -> inventory.within(t.region(), "gs-p1")).findFirst().orElseThrow().id();
        String[] ids = new String[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = as(SimulatedNetworkResource.COORDINATOR).contentType("application/json")
                    .body(Map.of("title", "Restore link " + i + " 恢复链路", "emergency", em, "dueAt", due, "team", "Team " + i, "terminals", List.of(terminal)))
                    .post("/api/tasks").then().statusCode(201).body("status", is("ASSIGNED")).extract().path("id");
        }
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{}").post("/api/tasks/" + ids[0] + "/complete").then().statusCode(409);
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{}").post("/api/tasks/" + ids[0] + "/start")
                .then().statusCode(200).body("status", is("IN_PROGRESS"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{}").post("/api/tasks/" + ids[0] + "/complete")
                .then().statusCode(200).body("status", is("COMPLETED"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{}").post("/api/tasks/" + ids[0] + "/complete").then().statusCode(409);
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{}").post("/api/tasks/" + ids[1] + "/fail")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{\"reason\":\"road blocked 道路中断\"}").post("/api/tasks/" + ids[1] + "/fail")
                .then().statusCode(200).body("status", is("FAILED")).body("reason", containsString("道路中断"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{\"reason\":\"not needed any more\"}").post("/api/tasks/" + ids[2] + "/cancel")
                .then().statusCode(200).body("cancelledBy", is("REQUESTER"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body("{\"reason\":\"x\",\"by\":\"nobody\"}").post("/api/tasks/" + ids[3] + "/cancel")
                .then().statusCode(400).body("errors.field", hasItem("by"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body(Map.of("title", "t", "dueAt", due)).post("/api/tasks")
                .then().statusCode(400).body("errors.field", hasItem("emergency"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body(Map.of("title", "t", "emergency", em)).post("/api/tasks")
                .then().statusCode(400).body("errors.field", hasItem("dueAt"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/json").body(Map.of("title", "t", "emergency", em, "dueAt", due, "terminals", List.of("T-NOPE")))
                .post("/api/tasks").then().statusCode(400).body("errors.field", hasItem("terminals[0]"));
        as(SimulatedNetworkResource.REVIEWER).contentType("application/json").body("{}").post("/api/tasks/" + ids[3] + "/start").then().statusCode(403);

        String from = OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai")).toString();
        String to = OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofDays(1)), java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonPath c = as(SimulatedNetworkResource.REVIEWER).queryParam("from", from).queryParam("to", to).get("/api/tasks/completion")
                .then().statusCode(200).extract().jsonPath();
        // this window holds only this test's tasks: 4 created, 1 cancelled by the requester → 3 due, 1 completed, 1 failed, 1 open
        assertThat(c.getInt("due")).isEqualTo(3);
        assertThat(c.getInt("completed")).isEqualTo(1);
        assertThat(c.getInt("failed")).isEqualTo(1);
        assertThat(c.getInt("open")).isEqualTo(1);
        assertThat(c.getInt("cancelledByRequester")).isEqualTo(1);
        assertThat(c.getDouble("rate")).isEqualTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(c.getList("completedIds")).containsExactly(ids[0]);

        // the emergency's report lists its tasks
        JsonPath r = draft(em);
        assertThat(r.getList("facts.tasks.id")).containsExactlyInAnyOrder(ids[0], ids[1], ids[2], ids[3]);
        assertThat(as(SimulatedNetworkResource.REVIEWER).get("/api/tasks/" + ids[1]).then().statusCode(200).extract().jsonPath()
                .getList("timeline.type")).containsExactly("task.created", "task.failed");
    }
}
