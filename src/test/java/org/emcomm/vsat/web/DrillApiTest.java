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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.emcomm.vsat.drill.DrillService;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.JournalService;
import org.emcomm.vsat.polling.PollingService;
import org.emcomm.vsat.testing.IncidentNetworkResource;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.emcomm.vsat.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drills end to end on the simulated network (250 terminals) with a test clock of their own: the lifecycle
 * rules, live verification against real SNMP agents, corrective actions, attachments, the year plan and the
 * PDF record.
 */
@QuarkusTest
@TestProfile(DrillApiTest.Profile.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DrillApiTest {
    /** Its own profile, so this test may move the clock by days without touching the incident and emergency tests. */
    public static class Profile extends IncidentApiTest.Profile {}

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Inject TestClock clock;
    @Inject Inventory inventory;
    @Inject DrillService drills;
    @Inject PollingService polling;
    @Inject JournalService journal;

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SimulatedNetworkResource.PASSWORD);
    }

    static RequestSpecification coord() { return as(SimulatedNetworkResource.COORDINATOR).contentType("application/json"); }

    String at(Duration fromNow) { return OffsetDateTime.ofInstant(clock.instant().plus(fromNow), ZONE).toString(); }

    Map<String, Object> planBody(String codeName, List<String> terminals) {
        Map<String, Object> b = new HashMap<>();
        b.put("codeName", codeName);
        b.put("title", "县级指挥所卫星通信保障演练 County command post VSAT drill");
        b.put("type", "LIVE");
        b.put("scope", "COMBINED");
        b.put("purpose", "TEST");
        b.put("organiser", "省应急通信保障中心 Provincial EmComm Centre");
        b.put("coOrganisers", List.of("China Telecom Satellite"));
        b.put("plannedStart", at(Duration.ofMinutes(-5)));
        b.put("plannedEnd", at(Duration.ofHours(3)));
        b.put("location", "成都 Chengdu");
        b.put("scenario", "M7.0 earthquake cuts terrestrial links to three counties");
        b.put("simulatedLevel", "Ⅱ");
        b.put("objectives", List.of("Bring up every VSAT terminal within 30 minutes", "Report network status to the ministry within 30 minutes"));
        b.put("subjects", List.of("卫星链路开通 Satellite link set-up"));
        b.put("participants", List.of(Map.of("organisation", "Provincial NOC", "role", "PLAYER", "count", 12),
                Map.of("organisation", "Ministry evaluators", "role", "EVALUATOR", "name", "王 Wang")));
        b.put("resources", Map.of("people", 40, "vehicles", 6, "satelliteCapacity", "2 × 2 MHz on beam-north"));
        b.put("terminals", terminals);
        return b;
    }

    JsonPath plan(Map<String, Object> body) {
        return coord().body(body).post("/api/drills").then().statusCode(201).extract().jsonPath();
    }

    /** The drill once its {@code n}-th verification round is recorded. */
    JsonPath round(String id, int n) {
        try {
            org.emcomm.vsat.testing.Await.until("round " + n + " of " + id, () -> drill(id).getList("verification.rounds").size() >= n);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return drill(id);
    }

    JsonPath drill(String id) { return as(SimulatedNetworkResource.REVIEWER).get("/api/drills/" + id).then().statusCode(200).extract().jsonPath(); }

    void scenario(String type, String target) {
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body(Map.of("type", type, "target", target, "durationSeconds", 3600))
                .post("/api/simulator/scenarios").then().statusCode(201);
    }

    @AfterEach
    void clearSky() {
        as(SimulatedNetworkResource.OPERATOR).delete("/api/simulator/scenarios").then().statusCode(204);
    }

    Map<String, Object> ratings(String... codes) {
        Map<String, Object> b = new HashMap<>();
        List<Map<String, String>> r = new java.util.ArrayList<>();
        for (int i = 0; i < codes.length; i++) r.add(Map.of("objective", "O" + (i + 1), "rating", codes[i]));
        b.put("ratings", r);
        return b;
    }

    @Test
    void completingAPlannedDrillOrCompletingTwiceIsAConflictAndBadInputNamesItsField() {
        String id = plan(planBody("Tianfu-1", List.of())).getString("id");
        assertThat(drill(id).getString("status")).isEqualTo("PLANNED");
        coord().body(ratings("P", "S")).post("/api/drills/" + id + "/complete").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("never started"));
        coord().post("/api/drills/" + id + "/start").then().statusCode(200).body("status", is("IN_PROGRESS"))
                .body("verification.result", is("No terminals in this drill"));
        coord().post("/api/drills/" + id + "/start").then().statusCode(409);

        // the after-action record: every objective rated; each corrective action with owner and due date
        coord().body(ratings("P")).post("/api/drills/" + id + "/complete").then().statusCode(400).body("errors.field", hasItem("ratings"));
        Map<String, Object> noOwner = ratings("P", "S");
        noOwner.put("correctiveActions", List.of(Map.of("title", "Spare BUC in every county kit", "dueAt", at(Duration.ofDays(30)))));
        coord().body(noOwner).post("/api/drills/" + id + "/complete").then().statusCode(400).body("errors.field", hasItem("correctiveActions[0].owner"));
        Map<String, Object> noDue = ratings("P", "S");
        noDue.put("correctiveActions", List.of(Map.of("title", "Spare BUC", "owner", "Logistics"), Map.of("title", "x", "owner", "y")));
        coord().body(noDue).post("/api/drills/" + id + "/complete").then().statusCode(400).body("errors.field", hasItem("correctiveActions[0].dueAt"));
        Map<String, Object> badRating = ratings("P", "EXCELLENT");
        coord().body(badRating).post("/api/drills/" + id + "/complete").then().statusCode(400).body("errors.field", hasItem("ratings[1].rating"));
        assertThat(drill(id).getString("status")).as("a refused completion records nothing").isEqualTo("IN_PROGRESS");

        Map<String, Object> ok = ratings("P", "S");
        ok.put("strengths", List.of("Link up in 12 minutes"));
        ok.put("improvements", List.of("Status report took 26 minutes"));
        ok.put("correctiveActions", List.of(Map.of("title", "Spare BUC in every county kit", "owner", "Logistics 后勤处", "dueAt", at(Duration.ofDays(30)))));
        ok.put("signOff", Map.of("name", "李主任 Director Li", "role", "Exercise director"));
        JsonPath done = coord().body(ok).post("/api/drills/" + id + "/complete").then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getBoolean("countsTowardTarget")).isTrue();
        assertThat(done.getList("ratings.rating")).containsExactly("PERFORMED_WITHOUT_CHALLENGES", "PERFORMED_WITH_SOME_CHALLENGES");
        assertThat(done.getString("actions[0].owner")).isEqualTo("Logistics 后勤处");
        coord().body(ok).post("/api/drills/" + id + "/complete").then().statusCode(409).body("detail", containsString("already COMPLETED"));
        coord().body(Map.of("reason", "too late")).post("/api/drills/" + id + "/cancel").then().statusCode(409);

        // cancelling needs a reason; a cancelled drill does not count
        String other = plan(planBody("Tianfu-2", List.of())).getString("id");
        coord().body(Map.of()).post("/api/drills/" + other + "/cancel").then().statusCode(400).body("errors.field", hasItem("reason"));
        coord().body(Map.of("reason", "Typhoon warning 台风预警")).post("/api/drills/" + other + "/cancel").then().statusCode(200)
                .body("status", is("CANCELLED")).body("countsTowardTarget", is(false)).body("cancelReason", is("Typhoon warning 台风预警"));
        coord().post("/api/drills/" + other + "/start").then().statusCode(409);

        // plans that cannot be made
        record Case(String field, Object value, String expected) {}
        for (Case c : List.of(new Case("codeName", "", "codeName"), new Case("type", "PARADE", "type"),
                new Case("plannedEnd", at(Duration.ofHours(-1)), "plannedEnd"), new Case("objectives", List.of(), "objectives"),
                new Case("participants", List.of(Map.of("organisation", "NOC", "role", "SPECTATOR")), "participants[0].role"),
                new Case("terminals", List.of(inventory.terminals().iterator().next().id(), "T-NOPE"), "terminals[1]"),
                new Case("regions", List.of("atlantis"), "regions[0]"), new Case("plannedStart", "soon", "plannedStart"),
                new Case("simulatedLevel", "V", "simulatedLevel"))) {
            Map<String, Object> b = planBody("Bad", List.of());
            b.put(c.field(), c.value());
            coord().body(b).post("/api/drills").then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(c.expected()));
        }
        as(SimulatedNetworkResource.REVIEWER).contentType("application/json").body(planBody("R", List.of())).post("/api/drills").then().statusCode(403);
        as(SimulatedNetworkResource.OPERATOR).contentType("application/json").body(planBody("O", List.of())).post("/api/drills").then().statusCode(403);
        as(SimulatedNetworkResource.REVIEWER).get("/api/drills/DRILL-999999").then().statusCode(404);
        assertThat(drill(id).getList("history.type")).startsWith("drill.planned", "drill.started", "drill.verified", "drill.completed")
                .contains("drill.action-added");
    }

    @Test
    void twentyTerminalsThreeDownSeventeenVerifiedWithTheirTimesAndTheThreeWhenTheyComeBack() {
        List<Terminal> own = inventory.terminals().stream().filter(t -> !t.viaHub()).limit(12).toList();
        List<Terminal> rows = inventory.terminals().stream().filter(Terminal::viaHub).limit(8).toList();
        List<String> ids = new java.util.ArrayList<>();
        own.forEach(t -> ids.add(t.id()));
        rows.forEach(t -> ids.add(t.id()));
        assertThat(ids).hasSize(20);
        List<String> down = List.of(own.get(2).id(), own.get(7).id(), rows.get(3).id());
        String id = plan(planBody("Shudao-20", ids)).getString("id");
        assertThat(drill(id).getInt("verification.total")).isEqualTo(20);
        down.forEach(t -> scenario("TERMINAL_DOWN", t));

        clock.advance(Duration.ofMinutes(1));
        Instant started = clock.instant();
        JsonPath starting = coord().post("/api/drills/" + id + "/start").then().statusCode(200).extract().jsonPath();
        assertThat(starting.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(polling.faster()).as("the drill's terminals are polled on the fast interval while it runs").containsKeys(ids.toArray(String[]::new));
        // the start answers at once; the round under way shows how far its poll has come (two agents are silent)
        assertThat(starting.getString("verification.running.trigger")).isEqualTo("START");
        assertThat(starting.getInt("verification.running.poll.polled")).isEqualTo(20);
        JsonPath s = round(id, 1);
        assertThat(s.getString("verification.running")).isNull();
        assertThat(s.getInt("verification.rounds[0].polled")).isEqualTo(20);
        assertThat(s.getString("verification.rounds[0].trigger")).isEqualTo("START");
        assertThat(s.getInt("verification.verified")).isEqualTo(17);
        assertThat(s.getList("verification.neverUp", String.class)).containsExactlyInAnyOrderElementsOf(down);
        assertThat(s.getString("verification.result")).startsWith("17 of 20 terminals came up after the start; 3 never did: ");
        List<Map<String, Object>> checks = s.getList("verification.terminals");
        assertThat(checks).hasSize(20);
        for (Map<String, Object> c : checks) {
            String t = (String) c.get("terminal");
            if (down.contains(t)) {
                assertThat(c.get("verified")).as(t).isEqualTo(false);
                assertThat(c.get("firstUpAt")).as(t).isNull();
                assertThat(c.get("state")).as(t).isEqualTo("DOWN");
                assertThat(c.get("answered")).as(t + ": an own agent stays silent, a hub answers for its remote")
                        .isEqualTo(t.equals(rows.get(3).id()));
            } else {
                assertThat(c.get("verified")).as(t).isEqualTo(true);
                assertThat(c.get("answered")).as(t).isEqualTo(true);
                assertThat(c.get("state")).as(t).isEqualTo("UP");
                assertThat(Instant.parse(OffsetDateTime.parse((String) c.get("firstUpAt")).toInstant().toString())).as(t).isEqualTo(started);
                assertThat(c.get("site")).as(t).isNotNull();
            }
        }
        assertThat(s.getList("warnings", String.class)).anySatisfy(w -> assertThat(w).contains("3 never did"));

        // the three come back; an on-demand round records when
        clearSky();
        clock.advance(Duration.ofMinutes(7));
        Instant back = clock.instant();
        as(SimulatedNetworkResource.OPERATOR).post("/api/drills/" + id + "/verify").then().statusCode(200);
        JsonPath v = round(id, 2);
        assertThat(v.getString("verification.rounds[1].trigger")).isEqualTo("ON_DEMAND");
        assertThat(v.getInt("verification.verified")).isEqualTo(20);
        assertThat(v.getString("verification.result")).isEqualTo("All 20 terminals came up after the start");
        for (Map<String, Object> c : v.<Map<String, Object>>getList("verification.terminals")) {
            Instant first = OffsetDateTime.parse((String) c.get("firstUpAt")).toInstant();
            assertThat(first).as((String) c.get("terminal")).isEqualTo(down.contains(c.get("terminal")) ? back : started);
        }
        as(SimulatedNetworkResource.REVIEWER).post("/api/drills/" + id + "/verify").then().statusCode(403);

        // timeline, then the record as PDF
        coord().body(Map.of("kind", "INJECT", "content", "Inject 1: county trunk fibre cut", "expectedAction", "Dispatch the VSAT vehicle",
                "at", OffsetDateTime.ofInstant(started.plusSeconds(60), ZONE).toString(), "objective", "o1")).post("/api/drills/" + id + "/events").then().statusCode(201);
        coord().body(Map.of("kind", "OBSERVATION", "content", "Vehicle on site", "observedAction", "Terminal up after 7 min", "objective", "O1"))
                .post("/api/drills/" + id + "/events").then().statusCode(201);
        coord().body(Map.of("kind", "GOSSIP", "content", "x")).post("/api/drills/" + id + "/events").then().statusCode(400).body("errors.field", hasItem("kind"));
        coord().body(Map.of("kind", "NOTE", "content", "x", "objective", "O9")).post("/api/drills/" + id + "/events").then().statusCode(400)
                .body("errors.field", hasItem("objective"));
        JsonPath done = coord().body(ratings("S", "P")).post("/api/drills/" + id + "/complete").then().statusCode(200).extract().jsonPath();
        assertThat(done.getList("timeline.kind")).containsExactly("INJECT", "OBSERVATION");
        assertThat(polling.faster()).as("off the fast interval once completed").doesNotContainKeys(ids.toArray(String[]::new));
        assertThat(done.getList("history.type")).contains("drill.terminal-up");

        byte[] pdf = as(SimulatedNetworkResource.REVIEWER).get("/api/drills/" + id + "?format=pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String text = pdfText(pdf);
        assertThat(text).contains("应急通信保障演练报告", "Drill After-Action Report", "Shudao-20", "终端验证结果", "Terminals verified live",
                "20 / 20", "演练目标与评价", "完成但存在一些问题", "Inject 1: county trunk fibre cut", down.get(0));
    }

    @Test
    void aDrillWhoseTerminalsNeverCameUpCanBeCompletedAndItsRecordSaysSo() throws Exception {
        List<Terminal> ts = inventory.terminals().stream().filter(t -> !t.viaHub()).skip(30).limit(2).toList();
        ts.forEach(t -> scenario("TERMINAL_DOWN", t.id()));
        String id = plan(planBody("Dark-2", ts.stream().map(Terminal::id).toList())).getString("id");
        JsonPath s = coord().post("/api/drills/" + id + "/start").then().statusCode(200).extract().jsonPath();
        assertThat(s.getInt("verification.verified")).isZero();
        clock.advance(Duration.ofMinutes(30));
        JsonPath done = coord().body(ratings("U", "M")).post("/api/drills/" + id + "/complete").then().statusCode(200).extract().jsonPath();
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getString("verification.result")).isEqualTo("None of the 2 terminals came up after the start");
        assertThat(done.getList("verification.neverUp", String.class)).containsExactlyElementsOf(ts.stream().map(Terminal::id).toList());
        assertThat(done.getList("history.text", String.class)).contains("completed: 0 of 2 terminals came up");
        assertThat(pdfText(as(SimulatedNetworkResource.REVIEWER).get("/api/drills/" + id + "?format=pdf").then().statusCode(200).extract().asByteArray()))
                .contains("None of the 2 terminals came up after the start", "未能完成");
    }

    @Test
    void correctiveActionsNeedOwnerAndDueDateFallOverdueOnceAndStayOpenAcrossYears() throws Exception {
        String id = plan(planBody("Action-1", List.of())).getString("id");
        coord().body(Map.of("title", "x", "owner", "y", "dueAt", at(Duration.ofDays(1)))).post("/api/drills/" + id + "/actions").then().statusCode(409);
        coord().post("/api/drills/" + id + "/start").then().statusCode(200);
        coord().body(Map.of("title", "Train two more operators per county", "dueAt", at(Duration.ofDays(10)))).post("/api/drills/" + id + "/actions")
                .then().statusCode(400).body("errors.field", hasItem("owner"));
        coord().body(Map.of("title", "Train two more operators per county", "owner", "Training section")).post("/api/drills/" + id + "/actions")
                .then().statusCode(400).body("errors.field", hasItem("dueAt"));
        coord().body(Map.of("title", "Train two more operators per county", "owner", "Training section", "dueAt", at(Duration.ofDays(10))))
                .post("/api/drills/" + id + "/actions").then().statusCode(201).body("actions[0].id", is("CA-1")).body("actions[0].overdue", is(false));
        coord().body(ratings("P", "P")).post("/api/drills/" + id + "/complete").then().statusCode(200);

        clock.advance(Duration.ofDays(11));
        drills.checkActions();
        drills.checkActions();
        JsonPath d = drill(id);
        assertThat(d.getBoolean("actions[0].overdue")).isTrue();
        assertThat(d.getInt("actions[0].overdueDays")).isEqualTo(1);
        assertThat(d.getList("history.type")).containsOnlyOnce("drill.action-overdue");
        assertThat(d.getList("warnings", String.class)).contains("1 corrective action(s) overdue");
        waitFor(() -> IncidentNetworkResource.webhook.requests.stream().anyMatch(r -> "drill.action-overdue".equals(r.header("X-EmComm-Event"))
                && r.body().contains(id)));

        clock.advance(Duration.ofDays(400)); // into another year: still open, still listed
        List<Map<String, Object>> open = as(SimulatedNetworkResource.REVIEWER).get("/api/drills/actions?overdue=true").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(open).anySatisfy(a -> {
            assertThat(a.get("drill")).isEqualTo(id);
            assertThat(a.get("status")).isEqualTo("OPEN");
        });
        coord().body(Map.of("status", "CLOSED")).patch("/api/drills/" + id + "/actions/CA-1").then().statusCode(400).body("errors.field", hasItem("note"));
        coord().body(Map.of("status", "CLOSED", "note", "24 operators trained 已培训")).patch("/api/drills/" + id + "/actions/CA-1").then().statusCode(200)
                .body("actions[0].status", is("CLOSED")).body("actions[0].overdue", is(false)).body("actions[0].closedBy", is(SimulatedNetworkResource.COORDINATOR));
        as(SimulatedNetworkResource.REVIEWER).get("/api/drills/actions").then().statusCode(200).body("drill", org.hamcrest.Matchers.not(hasItem(id)));
        coord().body(Map.of("status", "DONE")).patch("/api/drills/" + id + "/actions/CA-1").then().statusCode(400).body("errors.field", hasItem("status"));
        coord().body(Map.of("status", "OPEN")).patch("/api/drills/" + id + "/actions/CA-9").then().statusCode(404);
    }

    @Test
    void attachmentsAreStoredWithTheirHashCheckedAndDownloadable() throws Exception {
        String id = plan(planBody("Paper-1", List.of())).getString("id");
        byte[] pdf = "%PDF-1.4\n% a tiny plan\n".getBytes(StandardCharsets.US_ASCII);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/pdf").body(pdf).queryParam("kind", "PLAN")
                .queryParam("name", "../../etc/演练方案.pdf").post("/api/drills/" + id + "/attachments").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("name"));
        JsonPath a = as(SimulatedNetworkResource.COORDINATOR).contentType("application/pdf").body(pdf)
                .queryParam("kind", "PLAN").queryParam("name", "演练方案.pdf").post("/api/drills/" + id + "/attachments").then().statusCode(201).extract().jsonPath();
        assertThat(a.getString("sha256")).isEqualTo(sha);
        assertThat(a.getString("name")).isEqualTo("演练方案.pdf");
        assertThat(a.getLong("size")).isEqualTo(pdf.length);
        byte[] back = as(SimulatedNetworkResource.REVIEWER).get("/api/drills/" + id + "/attachments/A1").then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", containsString("filename*=UTF-8''%E6%BC%94")).extract().asByteArray();
        assertThat(back).isEqualTo(pdf);
        assertThat(drill(id).getList("history.text", String.class)).anySatisfy(t -> assertThat(t).contains("sha256 " + sha));

        as(SimulatedNetworkResource.COORDINATOR).contentType("image/png").body(pdf).post("/api/drills/" + id + "/attachments?name=photo.png&kind=PHOTO")
                .then().statusCode(415).body("detail", containsString("does not look like image/png"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/x-msdownload").body(new byte[]{'M', 'Z'})
                .post("/api/drills/" + id + "/attachments?name=setup.exe").then().statusCode(415);
        as(SimulatedNetworkResource.COORDINATOR).contentType("text/plain").body("sign-in: 张三\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/drills/" + id + "/attachments?kind=SELFIE&name=a.txt").then().statusCode(400).body("errors.field", hasItem("kind"));
        as(SimulatedNetworkResource.COORDINATOR).contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .post("/api/drills/" + id + "/attachments?kind=NOTICE").then().statusCode(400).body("errors.field", hasItem("name"));
        byte[] big = new byte[(int) drills.attachmentLimit() + 1];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        as(SimulatedNetworkResource.COORDINATOR).contentType("application/pdf").body(big).post("/api/drills/" + id + "/attachments?name=big.pdf")
                .then().statusCode(413).contentType("application/problem+json");
        as(SimulatedNetworkResource.REVIEWER).contentType("application/pdf").body(pdf).post("/api/drills/" + id + "/attachments?name=x.pdf").then().statusCode(403);
        assertThat(drill(id).getList("attachments")).as("refused uploads left nothing").hasSize(1);
        try (var files = Files.list(Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("emcomm.data-dir", String.class),
                "drills", "attachments"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("only the accepted file, under its hash").containsExactly(sha);
        }
        assertThat(journal.verify().ok()).isTrue();
    }

    @Test
    void theYearPlanShowsPaceAndWarnsWhenThePlanCannotReachTheTarget() {
        int year = clock.instant().atZone(ZONE).getYear() + 2; // a year of its own, untouched by the other tests
        Instant jan = OffsetDateTime.parse(year + "-01-10T09:00:00+08:00").toInstant();
        for (int m = 1; m <= 10; m++) {
            Map<String, Object> b = planBody("Y-" + m, List.of());
            b.put("plannedStart", year + String.format("-%02d-12T09:00:00+08:00", m));
            b.put("plannedEnd", year + String.format("-%02d-12T12:00:00+08:00", m));
            plan(b);
        }
        clock.set(jan);
        JsonPath p = as(SimulatedNetworkResource.REVIEWER).get("/api/drills/plan?year=" + year).then().statusCode(200).extract().jsonPath();
        assertThat(p.getInt("target")).isEqualTo(30);
        assertThat(p.getInt("reachable")).isEqualTo(10);
        assertThat(p.getList("months.planned", Integer.class)).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
        assertThat(p.getDouble("expectedByNow")).as("30 × 9.375 days / 365 (or 366)").isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(p.getList("warnings.code")).contains("PLAN_SHORT");
        assertThat(p.getString("warnings[0].message")).isEqualTo("the plan reaches 10 of 30 drills this year: plan at least 20 more before " + year + "-12-31");
        assertThat(p.getString("status")).isEqualTo("AT_RISK");
        as(SimulatedNetworkResource.REVIEWER).get("/api/drills/plan?year=next").then().statusCode(400).body("errors.field", hasItem("year"));

        String csv = as(SimulatedNetworkResource.REVIEWER).get("/api/drills?year=" + year + "&format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).startsWith("drill,code_name,title,type,scope,purpose,status,counts_toward_target,planned_start");
        assertThat(lines[1]).contains("Y-1", "LIVE", "PLANNED", "false", year + "-01-12T09:00:00+08:00");
        assertThat(as(SimulatedNetworkResource.REVIEWER).get("/api/drills?year=" + year).then().statusCode(200).extract().jsonPath().getList("$")).hasSize(10);
    }

    /** Last, after the other tests wrote their drills: the journal's drill events, replayed into a new book, give the same records. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void theRecordsRebuildFromTheJournalAsTheyAre() {
        drills.flush();
        org.emcomm.vsat.drill.DrillBook replay = new org.emcomm.vsat.drill.DrillBook(ZONE); // texts in the service's zone
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        journal.subscribe(0, e -> {
            if (!open.get() || !e.stream().equals(org.emcomm.vsat.drill.DrillBook.STREAM)) return;
            try {
                replay.apply(e.seq(), e.type(), e.entity(), e.actor(), e.at(), json.readTree(e.payload()));
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        open.set(false);
        assertThat(replay.size()).isGreaterThanOrEqualTo(5);
        assertThat(replay.find(d -> true)).isEqualTo(drills.book().find(d -> true));
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        org.emcomm.vsat.testing.Await.until("the condition", c);
    }
}
