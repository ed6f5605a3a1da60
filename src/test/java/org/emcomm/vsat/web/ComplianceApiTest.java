package org.emcomm.vsat.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.emcomm.vsat.compliance.ComplianceService;
import org.emcomm.vsat.incident.IncidentService;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.simulator.SimulatorService;
import org.emcomm.vsat.testing.IncidentNetworkResource;
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
    @Inject ComplianceService compliance;
    @Inject IncidentService incidents;
    @Inject SimulatorService simulator;
    @Inject Inventory inventory;

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
        assertThat(j.getList("indicators.id")).containsExactly("drills", "major-incidents", "status-report-timeliness", "task-completion", "availability");
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

    // ---- a simulated year (issue 7) -------------------------------------------------------------

    String plan(String code, OffsetDateTime start) {
        return as(SimulatedNetworkResource.COORDINATOR).body(Map.of("codeName", code, "type", "TABLETOP", "organiser", "NOC",
                "plannedStart", start.toString(), "plannedEnd", start.plusHours(2).toString(), "objectives", List.of("Walk through the hub failover")))
                .post("/api/drills").then().statusCode(201).extract().path("id");
    }

    void poll() { as(SimulatedNetworkResource.OPERATOR).post("/api/network/poll").then().statusCode(200); }

    void advance(Duration d) {
        clock.advance(d);
        simulator.sweep();
    }

    /** A terminal down for 20 minutes: its incident opens, is classified major by an admin, and resolves when it is back. */
    String majorIncident(Terminal t, String reason) {
        poll();
        as(SimulatedNetworkResource.OPERATOR).body(Map.of("type", "TERMINAL_DOWN", "target", t.id(), "durationSeconds", 1200))
                .post("/api/simulator/scenarios").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofSeconds(10));
            poll();
        }
        advance(Duration.ofSeconds(25));
        incidents.settle();
        String id = as(SimulatedNetworkResource.REVIEWER).get("/api/incidents?status=ACTIVE").then().statusCode(200).extract().jsonPath()
                .getString("find { it.scopeId == '" + t.id() + "' }.id");
        assertThat(id).as("an incident for " + t.id()).isNotNull();
        as(SimulatedNetworkResource.ADMIN).body(Map.of("major", true, "reason", reason)).post("/api/incidents/" + id + "/classify")
                .then().statusCode(200);
        advance(Duration.ofMinutes(21));
        for (int i = 0; i < 3; i++) {
            poll();
            advance(Duration.ofSeconds(10));
        }
        incidents.settle();
        return id;
    }

    List<String> warningsOf(String indicator, int year) {
        return as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/warnings?year=" + year).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.indicator == '" + indicator + "' }.to", String.class);
    }

    @Test
    void aSimulatedYearScoresAsDomainMdSaysAndItsReportVerifiesAgainstTheJournal() throws Exception {
        // the records reach back more than a year (a drill planned and called off in 2049), so the usual rate is the trailing 12 months
        at("2049-03-01T09:00:00");
        String old = drill("Y-OLD");
        as(SimulatedNetworkResource.COORDINATOR).body(Map.of("reason", "replanned")).post("/api/drills/" + old + "/cancel").then().statusCode(200);

        at("2050-01-05T09:00:00");
        OffsetDateTime first = OffsetDateTime.parse("2050-01-10T09:00:00+08:00");
        List<String> drills = new ArrayList<>();
        for (int k = 0; k < 33; k++) drills.add(plan("Y-" + k, first.plusDays(10L * k)));
        List<Terminal> comtech = inventory.terminals().stream().filter(t -> t.profile().equals("comtech-cdm570")).sorted(java.util.Comparator.comparing(Terminal::id))
                .skip(5).limit(3).toList();
        List<String> emergencies = new ArrayList<>(), tasks = new ArrayList<>(), majors = new ArrayList<>();
        String failedTask = null;

        for (int k = 0; k < 33; k++) {
            OffsetDateTime start = first.plusDays(10L * k);
            // what else happens in the year, in time order, between the drills
            if (k == 3) emergencies.add(emergency(12));                  // February
            if (k == 6) emergencies.add(emergency(25));                  // March
            if (k == 8) for (int i = 0; i < 10; i++) tasks.add(task(emergencies.get(0), true));
            if (k == 9) majors.add(majorIncident(comtech.get(0), "county command post link lost in the flood"));
            if (k == 20) majors.add(majorIncident(comtech.get(1), "hub uplink chain failed"));
            if (k == 21) {
                compliance.check();
                assertThat(warningsOf("major-incidents", 2050)).as("the 2nd major incident: the next one misses").contains("AT_RISK");
            }
            if (k == 22) emergencies.add(emergency(29));
            if (k == 24) majors.add(majorIncident(comtech.get(2), "outage over 60 min reported by the site"));
            if (k == 25) {
                compliance.check();
                assertThat(warningsOf("major-incidents", 2050)).last().isEqualTo("MISSED");
                as(SimulatedNetworkResource.ADMIN).body(Map.of("major", false, "reason", "planned power cut at the site, announced beforehand"))
                        .post("/api/incidents/" + majors.get(2) + "/classify").then().statusCode(200).body("major", is(false));
                compliance.check();
                assertThat(warningsOf("major-incidents", 2050)).containsSubsequence("AT_RISK", "MISSED", "AT_RISK");
            }
            if (k == 27) emergencies.add(emergency(41));
            if (k == 28) {
                for (int i = 0; i < 9; i++) tasks.add(task(emergencies.get(3), true));
                failedTask = task(emergencies.get(3), false);
                tasks.add(failedTask);
                compliance.check();
                assertThat(warningsOf("task-completion", 2050)).as("one failed of 20: 100 % can no longer be reached").containsExactly("MISSED");
                assertThat(warningsOf("status-report-timeliness", 2050)).contains("MISSED");
            }
            clock.set(start.toInstant());
            if (k == 5 || k == 12) {
                as(SimulatedNetworkResource.COORDINATOR).body(Map.of("reason", "called off: the hub was in maintenance")).post("/api/drills/" + drills.get(k) + "/cancel")
                        .then().statusCode(200);
            } else {
                as(SimulatedNetworkResource.COORDINATOR).post("/api/drills/" + drills.get(k) + "/start").then().statusCode(200);
                clock.advance(Duration.ofHours(2));
                as(SimulatedNetworkResource.COORDINATOR).body(Map.of("ratings", List.of(Map.of("objective", "O1", "rating", "P"))))
                        .post("/api/drills/" + drills.get(k) + "/complete").then().statusCode(200);
            }
            if (k == 17) {
                // 30 June, noon: 16 done (18 planned by now, 2 cancelled); 30 × 180.5/365 = 14.8 expected; 15 still planned, so 31 reachable;
                // the usual rate is 16 over the last 12 months = 1.33/month, which reaches 16 + 1.33 × 6.07 = 24.1 by the year's end
                at("2050-06-30T12:00:00");
                JsonPath june = indicators("year=2050");
                assertThat(june.getDouble("indicators[0].actual")).isEqualTo(16.0);
                assertThat(june.getDouble("indicators[0].pace.elapsedShare")).isEqualTo(0.4945);
                assertThat(june.getDouble("indicators[0].pace.expectedByNow")).isEqualTo(14.8);
                assertThat(june.getInt("indicators[0].pace.done")).isEqualTo(16);
                assertThat(june.getDouble("indicators[0].pace.behindBy")).isEqualTo(0.0);
                assertThat(june.getInt("indicators[0].pace.reachable")).isEqualTo(31);
                assertThat(june.getDouble("indicators[0].pace.usualPerMonth")).isEqualTo(1.33);
                assertThat(june.getDouble("indicators[0].pace.projectedAtUsualRate")).isEqualTo(24.1);
                assertThat(june.getString("indicators[0].status")).isEqualTo("AT_RISK");
                assertThat(june.getList("indicators[0].warnings", String.class)).singleElement().asString().startsWith("BELOW_USUAL_RATE");
                assertThat(june.getString("indicators[1].status")).as("1 major incident of 2").isEqualTo("ON_TRACK");
                assertThat(june.getString("indicators[2].status")).as("12 and 25 min: on time so far").isEqualTo("ON_TRACK");
                assertThat(june.getString("indicators[3].status")).isEqualTo("ON_TRACK");
                compliance.check();
                assertThat(warningsOf("drills", 2050)).contains("AT_RISK");
                DrillApiTest.waitFor(() -> IncidentNetworkResource.webhook.requests.stream().anyMatch(r -> "compliance.status-changed".equals(r.header("X-EmComm-Event"))
                        && r.body().contains("\"drills\"") && r.body().contains("AT_RISK")));
            }
        }

        at("2051-01-10T09:00:00");
        JsonPath y = indicators("year=2050");
        assertThat(y.getDouble("indicators[0].actual")).isEqualTo(31.0);
        assertThat(y.getString("indicators[0].status")).isEqualTo("MET");
        assertThat(y.getInt("indicators[0].detail.cancelled")).isEqualTo(2);
        assertThat(y.getDouble("indicators[1].actual")).isEqualTo(2.0);
        assertThat(y.getString("indicators[1].status")).isEqualTo("MET");
        assertThat(y.getList("indicators[1].recordIds")).containsExactly(majors.get(0), majors.get(1));
        assertThat(y.getList("indicators[1].detail.reclassifiedNotMajor")).containsExactly(majors.get(2));
        assertThat(y.getDouble("indicators[2].actual")).isEqualTo(0.75);
        assertThat(y.getString("indicators[2].status")).isEqualTo("MISSED");
        assertThat(y.getInt("indicators[2].detail.onTime")).isEqualTo(3);
        assertThat(y.getInt("indicators[2].detail.late")).isEqualTo(1);
        assertThat(y.getInt("indicators[2].detail.maxSeconds")).isEqualTo(41 * 60);
        assertThat(y.getFloat("indicators[2].detail.medianSeconds")).isEqualTo((25 + 29) * 30f);
        assertThat(y.getDouble("indicators[3].actual")).isEqualTo(0.95);
        assertThat(y.getString("indicators[3].status")).isEqualTo("MISSED");
        assertThat(y.getList("indicators[3].detail.notCompletedIds")).containsExactly(failedTask);
        assertThat(y.getDouble("indicators[4].detail.monitoredHours")).as("the polls of the year were counted").isPositive();

        // scores: 25 + 25 + 0.75 × 25 + 0.95 × 25 = 92.5 of 100: 优
        JsonPath score = as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/score?year=2050").then().statusCode(200).extract().jsonPath();
        assertThat(score.getList("lines.score", Float.class)).containsExactly(25f, 25f, 18.75f, 23.75f, null);
        assertThat(score.getDouble("total")).isEqualTo(92.5);
        assertThat(score.getDouble("max")).isEqualTo(100.0);
        assertThat(score.getString("grade.zh")).isEqualTo("优");

        // deviation causes: admin or reviewer, for an indicator not met
        String dev = "/api/compliance/deviations/status-report-timeliness?year=2050";
        Map<String, String> text = Map.of("cause", "The October flood report waited for the county's figures", "measures", "Submit the first report with what is known; amend later");
        as(SimulatedNetworkResource.OPERATOR).body(text).put(dev).then().statusCode(403);
        as(SimulatedNetworkResource.COORDINATOR).body(text).put(dev).then().statusCode(403);
        as(SimulatedNetworkResource.REVIEWER).body(Map.of("measures", "x")).put(dev).then().statusCode(400).body("errors.field", hasItem("cause"));
        as(SimulatedNetworkResource.REVIEWER).body(text).put("/api/compliance/deviations/drills?year=2050").then().statusCode(409);
        as(SimulatedNetworkResource.REVIEWER).body(text).put("/api/compliance/deviations/uptime?year=2050").then().statusCode(400).body("errors.field", hasItem("indicator"));
        as(SimulatedNetworkResource.ADMIN).body(text).put(dev).then().statusCode(200).body("by", is(SimulatedNetworkResource.ADMIN));
        as(SimulatedNetworkResource.REVIEWER).body(Map.of("cause", "任务F-20因道路冲毁失败", "measures", "配备备用便携站"))
                .put("/api/compliance/deviations/task-completion?year=2050").then().statusCode(200);

        // the report: JSON, then tampered
        io.restassured.response.Response r = as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/report?year=2050&format=json");
        r.then().statusCode(200);
        byte[] json = r.asByteArray();
        JsonPath rep = new JsonPath(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(rep.getString("integrity.digest")).hasSize(64).isEqualTo(r.header("X-Report-Digest"));
        assertThat(rep.getDouble("content.total")).isEqualTo(92.5);
        assertThat(rep.getString("content.grade.zh")).isEqualTo("优");
        assertThat(rep.getString("content.indicators[2].deviation.cause")).isEqualTo(text.get("cause"));
        assertThat(rep.getBoolean("content.indicators[2].deviationMissing")).isFalse();
        assertThat(rep.getString("content.indicators[3].deviation.measures")).isEqualTo("配备备用便携站");
        assertThat(rep.getList("content.evidence.findAll { it.indicator == 'drills' }.id")).hasSize(33).containsAll(drills);
        assertThat(rep.getList("content.evidence.findAll { it.indicator == 'major-incidents' }.id")).containsExactly(majors.get(0), majors.get(1), majors.get(2));
        assertThat(rep.getList("content.evidence.findAll { it.indicator == 'status-report-timeliness' }.id")).containsExactlyElementsOf(emergencies);
        assertThat(rep.getList("content.evidence.findAll { it.indicator == 'task-completion' }.id")).containsExactlyInAnyOrderElementsOf(tasks);
        JsonPath ok = verify(json);
        assertThat(ok.getBoolean("valid")).as(ok.prettify()).isTrue();
        assertThat(ok.getList("checks.name")).containsExactly("issued", "digest", "journal");
        assertThat(ok.getString("report")).isEqualTo(r.header("X-Report-Id"));
        String tampered = new String(json, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\"actual\" : 31\\.0", "\"actual\" : 32.0");
        assertThat(tampered).isNotEqualTo(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        JsonPath bad = verify(tampered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bad.getBoolean("valid")).isFalse();
        assertThat(bad.getList("checks.findAll { !it.ok }.name")).containsExactly("issued", "digest");

        // CSV, and the PDF with its Chinese text and digest
        byte[] csv = as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/report?year=2050&format=csv").then().statusCode(200).extract().asByteArray();
        assertThat(verify(csv).getBoolean("valid")).isTrue();
        String csvText = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csvText).contains("indicator,drills,").contains("total,").contains(",92.5,");
        assertThat(verify(csvText.replace(",0.95,", ",1.0,").getBytes(java.nio.charset.StandardCharsets.UTF_8)).getBoolean("valid")).isFalse();
        io.restassured.response.Response pr = as(SimulatedNetworkResource.REVIEWER).get("/api/compliance/report?year=2050&format=pdf");
        byte[] pdf = pr.then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String t = new PDFTextStripper().getText(doc);
            assertThat(t).contains("应急通信保障绩效自评报告").contains("自评表").contains("证据索引").contains("产出指标").contains("效益指标")
                    .contains("优 Excellent").contains(pr.header("X-Report-Digest")).contains("配备备用便携站").contains("未达成").contains(">= 30 drills").contains("<= 2");
        }
        assertThat(verify(pdf).getBoolean("valid")).isTrue();
        byte[] changed = pdf.clone();
        changed[changed.length / 2] ^= 1;
        assertThat(verify(changed).getBoolean("valid")).isFalse();
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/compliance-report-2050.pdf"), pdf);
        as(SimulatedNetworkResource.REVIEWER).contentType("application/octet-stream").body(new byte[0]).post("/api/compliance/report/verify")
                .then().statusCode(400).body("errors.field", hasItem("body"));

        // warnings over the year, a reviewer reads everything and changes nothing else
        compliance.check(); // 2051 now: the new year's first statuses, none of them about 2050
        assertThat(warningsOf("task-completion", 2050)).containsExactly("MISSED");
        as(SimulatedNetworkResource.REVIEWER).body(Map.of("terminals", List.of(comtech.get(0).id()), "from", "2051-01-11T00:00:00", "to", "2051-01-11T02:00:00",
                "reason", "BUC swap")).post("/api/maintenance").then().statusCode(403);
        as(SimulatedNetworkResource.REVIEWER).post("/api/incidents/" + majors.get(0) + "/classify").then().statusCode(403);
        as(SimulatedNetworkResource.REVIEWER).post("/api/drills/" + drills.get(0) + "/cancel").then().statusCode(403);

        // maintenance windows: declared ahead, named terminals, ended early once
        as(SimulatedNetworkResource.OPERATOR).body(Map.of("from", "2051-01-11T00:00:00", "to", "2051-01-11T02:00:00", "reason", "x"))
                .post("/api/maintenance").then().statusCode(400).body("errors.field", hasItem("terminals"));
        as(SimulatedNetworkResource.OPERATOR).body(Map.of("terminals", List.of("no-such"), "from", "2051-01-11T00:00:00", "to", "2051-01-11T02:00:00", "reason", "x"))
                .post("/api/maintenance").then().statusCode(400).body("errors.field", hasItem("terminals[0]"));
        as(SimulatedNetworkResource.OPERATOR).body(Map.of("terminals", List.of(comtech.get(0).id()), "from", "2051-01-09T00:00:00", "to", "2051-01-11T02:00:00", "reason", "x"))
                .post("/api/maintenance").then().statusCode(400).body("errors.field", hasItem("from"));
        as(SimulatedNetworkResource.OPERATOR).body(Map.of("terminals", List.of(comtech.get(0).id()), "from", "2051-01-10T09:00:00", "to", "2051-01-10T08:00:00", "reason", "x"))
                .post("/api/maintenance").then().statusCode(400).body("errors.field", hasItem("to"));
        String w = as(SimulatedNetworkResource.OPERATOR).body(Map.of("terminals", List.of(comtech.get(0).id()), "beam", comtech.get(1).beam(),
                "from", "2051-01-10T09:00:00", "to", "2051-01-10T13:00:00", "reason", "BUC swap")).post("/api/maintenance").then().statusCode(201)
                .body("terminals", hasItem(comtech.get(0).id())).body("terminals", hasItem(comtech.get(1).id())).extract().path("id");
        as(SimulatedNetworkResource.REVIEWER).get("/api/maintenance?active=true").then().statusCode(200).body("id", hasItem(w));
        clock.advance(Duration.ofHours(1));
        as(SimulatedNetworkResource.OPERATOR).post("/api/maintenance/" + w + "/end").then().statusCode(200);
        as(SimulatedNetworkResource.OPERATOR).post("/api/maintenance/" + w + "/end").then().statusCode(409);
        as(SimulatedNetworkResource.REVIEWER).get("/api/maintenance?active=true").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(w)));
    }

    JsonPath verify(byte[] file) {
        return as(SimulatedNetworkResource.REVIEWER).contentType("application/octet-stream").body(file).post("/api/compliance/report/verify")
                .then().statusCode(200).extract().jsonPath();
    }
}
