package org.emcomm.vsat.fault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.testing.OpenApiDoc;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: the table in docs/access.md against the service. Every operation of the OpenAPI document
 * must be in the table (and nothing else), and each is called as no one and as each of the four roles.
 * Allowed means the call gets past access control (neither 401 nor 403), whatever it then says about the
 * (deliberately thin) request; refused means 401 without credentials and 403 with them, as problem+json.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatedNetworkResource.class, restrictToAnnotatedClass = true)
class AccessMatrixTest {
    static final List<String> CALLERS = List.of("anyone", "operator", "coordinator", "reviewer", "admin");
    static final Map<String, String> USER = Map.of("operator", SimulatedNetworkResource.OPERATOR, "coordinator",
            SimulatedNetworkResource.COORDINATOR, "reviewer", SimulatedNetworkResource.REVIEWER, "admin", SimulatedNetworkResource.ADMIN);

    /** docs/access.md: "| `METHOD /path` | anyone | operator | coordinator | reviewer | admin |" with yes or —. */
    static Map<String, List<Boolean>> documented() throws Exception {
        Map<String, List<Boolean>> out = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([A-Z]+ /[^`]+)` \\|(.*)\\|\\s*$");
        for (String line : Files.readAllLines(Path.of("docs/access.md"))) {
            Matcher m = row.matcher(line);
            if (!m.matches()) continue;
            List<Boolean> cells = new ArrayList<>();
            for (String c : m.group(2).split("\\|")) cells.add(c.trim().equals("yes"));
            assertThat(cells).as("columns of %s", m.group(1)).hasSize(CALLERS.size());
            assertThat(out.put(m.group(1), cells)).as("%s listed twice", m.group(1)).isNull();
        }
        return out;
    }

    @Test
    void everyOperationLetsInExactlyTheRolesTheAccessTableNames() throws Exception {
        Map<String, List<Boolean>> table = documented();
        List<OpenApiDoc.Operation> ops = new OpenApiDoc(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString()).operations();
        assertThat(ops).hasSizeGreaterThan(60);
        TreeSet<String> inDoc = new TreeSet<>(ops.stream().map(OpenApiDoc.Operation::key).toList());
        assertThat(new TreeSet<>(table.keySet())).as("docs/access.md against /q/openapi").isEqualTo(inDoc);

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (OpenApiDoc.Operation op : ops) {
            List<Boolean> allowed = table.get(op.key());
            for (int c = 0; c < CALLERS.size(); c++) {
                String caller = CALLERS.get(c);
                Response r = call(op, caller);
                calls++;
                int status = r.statusCode();
                boolean refused = status == 401 || status == 403;
                if (allowed.get(c) && refused) {
                    wrong.add(op.key() + " as " + caller + ": " + status + ", the table allows it");
                } else if (!allowed.get(c)) {
                    int expected = caller.equals("anyone") ? 401 : 403;
                    if (status != expected) wrong.add(op.key() + " as " + caller + ": " + status + ", expected " + expected);
                    else if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                        wrong.add(op.key() + " as " + caller + ": " + status + " without problem+json (" + r.contentType() + ")");
                    }
                }
                if (status >= 500) wrong.add(op.key() + " as " + caller + ": " + status + " " + r.asString());
            }
        }
        System.out.printf("access matrix: %d operations x %d callers = %d calls%n", ops.size(), CALLERS.size(), calls);
        assertThat(wrong).as("calls that disagree with docs/access.md").isEmpty();
    }

    /** The thinnest call: unknown ids, an empty JSON object as the body. */
    static Response call(OpenApiDoc.Operation op, String caller) {
        RequestSpecification spec = given().config(RestAssuredConfig.config()).redirects().follow(false);
        if (!caller.equals("anyone")) spec = spec.auth().preemptive().basic(USER.get(caller), SimulatedNetworkResource.PASSWORD);
        String path = op.path().replaceAll("\\{[^}]+}", "nope-1");
        if (op.bodyType() != null) {
            if (op.bodyType().contains("json")) spec = spec.contentType("application/json").body("{}");
            else spec = spec.contentType("text/plain").body("x");
        }
        return spec.request(op.method(), path);
    }
}
