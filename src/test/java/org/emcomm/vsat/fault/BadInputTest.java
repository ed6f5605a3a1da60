package org.emcomm.vsat.fault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.testing.OpenApiDoc;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.junit.jupiter.api.Test;

/**
 * Bad input across every operation of the OpenAPI document: malformed JSON, bodies of the wrong shape, each
 * property given a value of the wrong type, unknown enum values, impossible dates, huge bodies, path traversal in
 * ids and attachment names. Each must come back 4xx as problem+json, never 5xx, and leave stored records as
 * they were (no audit entry, the journal verifies).
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedNetworkResource.class, restrictToAnnotatedClass = true)
class BadInputTest {
    static final String IMPOSSIBLE_TIME = "2026-02-30T25:61:00+08:00";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static RequestSpecification admin() {
        return given().urlEncodingEnabled(false).auth().preemptive().basic(SimulatedNetworkResource.ADMIN, SimulatedNetworkResource.PASSWORD);
    }

    record Case(String op, String what, Response response) {}

    @Test
    void everyOperationAnswersBadInputWith4xxProblemJson() throws Exception {
        Map<String, String> ids = realIds();
        int auditedBefore = admin().get("/api/audit").then().statusCode(200).extract().jsonPath().getList("$").size();
        OpenApiDoc doc = new OpenApiDoc(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        int operations = 0;
        for (OpenApiDoc.Operation op : doc.operations()) {
            operations++;
            List<Case> all = cases(doc, op, ids);
            for (Case c : all) {
                cases++;
                int status = c.response().statusCode();
                String type = String.valueOf(c.response().contentType());
                if (status < 400 || status >= 500) {
                    wrong.add(c.op() + " with " + c.what() + ": " + status + " " + abbreviate(c.response().asString()));
                } else if (!type.startsWith("application/problem+json")) {
                    wrong.add(c.op() + " with " + c.what() + ": " + status + " as " + type);
                } else if (c.response().jsonPath().getInt("status") != status) {
                    wrong.add(c.op() + " with " + c.what() + ": problem status differs from " + status);
                }
            }
        }
        System.out.printf("bad input: %d operations, %d bad requests, %d answered other than 4xx problem+json%n", operations, cases, wrong.size());
        assertThat(wrong).as("bad requests not answered 4xx problem+json").isEmpty();
        assertThat(cases).isGreaterThan(300);
        // Nothing refused was recorded (every recorded change has its audit entry), and what is stored still verifies.
        List<Object> audited = admin().get("/api/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(audited.subList(Math.min(auditedBefore, audited.size()), audited.size())).as("audit entries made by bad requests").isEmpty();
        admin().get("/api/journal/verify").then().statusCode(200).body("ok", org.hamcrest.Matchers.is(true));
        // The one upload that takes any bytes: a report file to verify. Junk is a fair question with a plain answer.
        admin().contentType("application/octet-stream").body(new byte[] {0x7f, 'E', 'L', 'F', 2, 1}).post("/api/compliance/report/verify")
                .then().statusCode(200).body("valid", org.hamcrest.Matchers.is(false));
    }

    /**
     * Strict, bounded input where a lenient read once stored what no read could show again: each is a 400 naming its
     * field, and every record kind can still be read and exported afterwards.
     */
    @Test
    void strictBoundedInputNamesTheFieldAndEveryRecordStaysReadable() {
        Map<String, String> ids = realIds();
        String report = "/api/emergencies/" + ids.get("emergency") + "/reports/" + ids.get("report");
        record Bad(String body, String field, String says) {}
        for (Bad b : List.of(
                new Bad("{\"summary\": \"a\", \"summary\": \"b\"}", "summary", "given twice"),
                new Bad("{\"summary\": \"a\", \"colour\": \"red\"}", "colour", "not a field of this request"),
                new Bad("{\"summary\": 12}", "summary", "wrong type"),
                new Bad("{\"summary\": \"a\\u0000b\"}", "summary", "control character"),
                new Bad("{\"actionsTaken\": \"" + "x".repeat(20_001) + "\"}", "actionsTaken", "longer than 20000"),
                // stored once, this made every read of the report (JSON, PDF, HTML) fail with 500
                new Bad("{\"nextUpdateAt\": \"+999999999-01-01T00:00:00Z\"}", "nextUpdateAt", "outside the years 1970"))) {
            admin().contentType("application/json").body(b.body()).patch(report).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.hasItem(b.field()))
                    .body("detail", org.hamcrest.Matchers.containsString(b.says()));
        }
        admin().contentType("application/json").body(Map.of("reason", "x".repeat(2001))).post("/api/tasks/" + ids.get("task") + "/fail")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("reason"));
        // every record kind reads back and exports
        for (String read : List.of("/api/emergencies/" + ids.get("emergency"), report, report + "?format=pdf", report + "?format=html", report + "?format=csv",
                "/api/drills/" + ids.get("drill"), "/api/drills/" + ids.get("drill") + "?format=pdf", "/api/drills?format=csv", "/api/tasks",
                "/api/tasks/" + ids.get("task"), "/api/incidents", "/api/audit", "/api/compliance/report?format=json", "/api/compliance/report?format=pdf",
                "/api/compliance/report?format=csv")) {
            admin().get(read).then().statusCode(200);
        }
    }

    @Test
    void aTargetOrHeadersTooLargeAnswerProblemJsonNamingWhich() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String base = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((SimulatedNetworkResource.ADMIN + ":" + SimulatedNetworkResource.PASSWORD).getBytes());
        record Case(String name, String query, String header, int status, String field) {}
        for (Case c : List.of(
                new Case("a 10 KB query", "?from=" + "x".repeat(10_000), null, 414, "uri"),
                new Case("a 40 KB header", "", "y".repeat(40_000), 431, "headers"))) {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/incidents" + c.query()))
                    .header("Authorization", auth);
            if (c.header() != null) b.header("X-Padding", c.header());
            java.net.http.HttpResponse<String> r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(c.name()).isEqualTo(c.status());
            assertThat(r.headers().firstValue("Content-Type")).as(c.name()).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            com.fasterxml.jackson.databind.JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertThat(p.path("status").asInt()).isEqualTo(c.status());
            assertThat(p.path("errors").get(0).path("field").asText()).as(c.name()).isEqualTo(c.field());
            assertThat(r.body().length()).as("the answer does not echo the request").isLessThan(2_000);
        }
    }

    /** A drill, an emergency with a report draft, a task and a maintenance window, so ids in paths are real ones. */
    Map<String, String> realIds() {
        Map<String, String> ids = new HashMap<>();
        String now = OffsetDateTime.now(ZONE).toString();
        Map<String, Object> drill = new HashMap<>();
        drill.put("codeName", "BAD-INPUT");
        drill.put("title", "Bad input drill");
        drill.put("type", "LIVE");
        drill.put("scope", "COMBINED");
        drill.put("purpose", "TEST");
        drill.put("organiser", "NOC");
        drill.put("plannedStart", OffsetDateTime.now(ZONE).plusHours(1).toString());
        drill.put("plannedEnd", OffsetDateTime.now(ZONE).plusHours(3).toString());
        drill.put("objectives", List.of("Nothing breaks"));
        drill.put("terminals", List.of());
        ids.put("drill", admin().contentType("application/json").body(drill).post("/api/drills").then().statusCode(201).extract().path("id"));
        String emergency = admin().contentType("application/json").body(Map.of("title", "Flood", "type", "FLOOD", "regions", List.of("sc-p1"), "onsetAt", now))
                .post("/api/emergencies").then().statusCode(201).extract().path("id");
        ids.put("emergency", emergency);
        ids.put("report", admin().contentType("application/json").body("{}").post("/api/emergencies/" + emergency + "/reports")
                .then().statusCode(201).extract().path("id"));
        ids.put("task", admin().contentType("application/json").body(Map.of("title", "Restore link", "emergency", emergency, "dueAt",
                OffsetDateTime.now(ZONE).plusHours(6).toString())).post("/api/tasks").then().statusCode(201).extract().path("id"));
        ids.put("terminal", admin().get("/api/terminals").then().statusCode(200).extract().path("[0].id"));
        return ids;
    }

    static String path(String template, Map<String, String> ids, String override, String overrideParam) {
        String p = template;
        p = p.replace("{id}", "id".equals(overrideParam) ? override : idFor(template, ids));
        p = p.replace("{rid}", "rid".equals(overrideParam) ? override : ids.get("report"));
        p = p.replace("{aid}", "aid".equals(overrideParam) ? override : "CA-1");
        p = p.replace("{indicator}", "indicator".equals(overrideParam) ? override : "drills");
        p = p.replace("{kind}", "kind".equals(overrideParam) ? override : "user");
        p = p.replace("{key}", "key".equals(overrideParam) ? override : "nobody-locked");
        return p;
    }

    static String idFor(String template, Map<String, String> ids) {
        if (template.startsWith("/api/drills")) return ids.get("drill");
        if (template.startsWith("/api/emergencies")) return ids.get("emergency");
        if (template.startsWith("/api/tasks")) return ids.get("task");
        if (template.startsWith("/api/terminals")) return ids.get("terminal");
        return "nope-1";
    }

    List<Case> cases(OpenApiDoc doc, OpenApiDoc.Operation op, Map<String, String> ids) {
        List<Case> out = new ArrayList<>();
        String fine = path(op.path(), ids, null, null);
        String json = op.bodyType() != null && op.bodyType().contains("json") ? "application/json" : null;
        // Path parameters: traversal and junk.
        for (OpenApiDoc.Param p : op.params()) {
            if (!p.in().equals("path")) continue;
            for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "x%00y")) {
                out.add(new Case(op.key(), p.name() + "=" + bad, send(op, path(op.path(), ids, bad, p.name()), Map.of(), json, json == null ? null : "{}")));
            }
        }
        // Query parameters: a value of the wrong kind for each.
        for (OpenApiDoc.Param p : op.params()) {
            if (!p.in().equals("query")) continue;
            for (String bad : badQueryValues(p)) {
                out.add(new Case(op.key(), p.name() + "=" + bad, send(op, fine, Map.of(p.name(), bad), json, json == null ? null : "{}")));
            }
        }
        if (op.bodyType() == null) return out;
        if (json == null && op.params().stream().noneMatch(p -> p.name().equals("name"))) {
            return out; // a file to check (report verification): any bytes are a fair question, see below
        }
        if (json == null) { // raw upload (attachments): traversal in the name, a body of the wrong kind
            out.add(new Case(op.key(), "name=../../etc/passwd", sendRaw(fine + "?name=..%2F..%2Fetc%2Fpasswd&kind=OTHER", "text/plain", "x".getBytes())));
            out.add(new Case(op.key(), "name=/etc/passwd", sendRaw(fine + "?name=%2Fetc%2Fpasswd&kind=OTHER", "text/plain", "x".getBytes())));
            out.add(new Case(op.key(), "an executable as a PDF", sendRaw(fine + "?name=plan.pdf&kind=OTHER", "application/pdf", new byte[] {0x7f, 'E', 'L', 'F', 2, 1})));
            out.add(new Case(op.key(), "an unknown kind", sendRaw(fine + "?name=a.txt&kind=GOSSIP", "text/plain", "x".getBytes())));
            return out;
        }
        out.add(new Case(op.key(), "malformed JSON", send(op, fine, Map.of(), json, "{\"title\": ")));
        out.add(new Case(op.key(), "an array body", send(op, fine, Map.of(), json, "[1, 2, 3]")));
        out.add(new Case(op.key(), "a string body", send(op, fine, Map.of(), json, "\"text\"")));
        out.add(new Case(op.key(), "2 MiB body", send(op, fine, Map.of(), json, "{\"title\": \"" + "x".repeat(2 << 20) + "\"}")));
        out.add(new Case(op.key(), "a field the request does not take", send(op, fine, Map.of(), json, "{\"colour\": \"red\"}")));
        JsonNode props = op.body() == null ? null : op.body().path("properties");
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode schema = doc.resolve(p.getValue());
                for (String bad : badJsonValues(schema)) {
                    out.add(new Case(op.key(), p.getKey() + ": " + bad, send(op, fine, Map.of(), json, "{\"" + p.getKey() + "\": " + bad + "}")));
                }
                // a key given twice (an independent test got 500 with no body from ten one-field operations)
                String good = "string".equals(schema.path("type").asText()) ? "\"x\"" : "[]".equals(schema.path("type").asText()) ? "[]" : "\"x\"";
                out.add(new Case(op.key(), p.getKey() + " given twice", send(op, fine, Map.of(), json,
                        "{\"" + p.getKey() + "\": " + good + ", \"" + p.getKey() + "\": " + good + "}")));
            }
        }
        return out;
    }

    /** Values no caller could mean: by the schema's type, enum or format, and by the parameter's role. */
    static List<String> badQueryValues(OpenApiDoc.Param p) {
        JsonNode s = p.schema() == null ? null : p.schema();
        String type = s == null ? "" : s.path("type").asText();
        String format = s == null ? "" : s.path("format").asText();
        List<String> out = new ArrayList<>();
        if (s != null && s.has("enum")) out.add("NOT_A_VALUE");
        switch (p.name()) {
            case "from", "to" -> { out.add(IMPOSSIBLE_TIME.replace("+", "%2B")); out.add("yesterday"); }
            case "year" -> { out.add("twenty"); out.add("99999999999"); out.add("-5"); }
            case "status", "state", "condition", "kind", "format" -> out.add("NOT_A_VALUE");
            case "major", "overdue", "unknown", "active" -> out.add("maybe");
            case "step" -> { out.add("fortnight"); out.add("-PT1M"); }
            case "name" -> out.add("..%2F..%2Fetc%2Fpasswd");
            default -> {
                if (type.equals("integer") || type.equals("number")) out.add("many");
                if (type.equals("boolean")) out.add("maybe");
                if (format.equals("date-time") || format.equals("date")) out.add(IMPOSSIBLE_TIME.replace("+", "%2B"));
            }
        }
        return out.stream().distinct().toList();
    }

    static List<String> badJsonValues(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) return List.of("{\"nested\": [true]}");
        List<String> out = new ArrayList<>();
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if (schema.has("enum")) out.add("\"NOT_A_VALUE\"");
        if (format.equals("date-time") || format.equals("date") || schema.path("$ref").asText().endsWith("OffsetDateTime")) out.add("\"" + IMPOSSIBLE_TIME + "\"");
        switch (type) {
            case "string" -> {
                out.add("{\"nested\": [true]}");
                out.add("12"); // a number for a text: not coerced
                out.add("\"NUL \\u0000 and escape \\u001b[2J\""); // control characters are refused, not stored
            }
            case "integer", "number" -> { out.add("\"many\""); out.add("1e400"); }
            case "boolean" -> out.add("\"maybe\"");
            case "array" -> out.add("{\"not\": \"a list\"}");
            case "object" -> out.add("[\"not\", \"an object\"]");
            default -> out.add("{\"nested\": [true]}");
        }
        return out;
    }

    static Response send(OpenApiDoc.Operation op, String path, Map<String, String> query, String type, String body) {
        RequestSpecification s = admin();
        StringBuilder url = new StringBuilder(path);
        char sep = '?';
        for (var q : query.entrySet()) {
            url.append(sep).append(q.getKey()).append('=').append(q.getValue());
            sep = '&';
        }
        if (type != null) s = s.contentType(type).body(body);
        return s.request(op.method(), url.toString());
    }

    static Response sendRaw(String url, String type, byte[] body) {
        return admin().contentType(type).body(body).post(url);
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
