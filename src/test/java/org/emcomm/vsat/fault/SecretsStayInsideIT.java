package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.simulator.ScenarioType;
import org.emcomm.vsat.simulator.SimAgentServer;
import org.emcomm.vsat.simulator.SimNetwork;
import org.emcomm.vsat.testing.Await;
import org.emcomm.vsat.testing.OpenApiDoc;
import org.emcomm.vsat.testing.ServiceProcess;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/**
 * Secrets never leave the service. The packaged service runs with distinctive secrets everywhere one can go
 * (SNMP communities, v3 pass phrases, a user's password, the shard token, a webhook key, an InfluxDB token) and is
 * made to use and mishandle them: it polls, an incident fires a webhook at a dead receiver, InfluxDB is
 * unreachable, callers log in wrongly (one with a secret as the password), a credentials file with an error is
 * hot-reloaded. Then its whole log, every GET answer and every error answer are searched for each secret.
 */
class SecretsStayInsideIT {
    static final String PASSWORD = "pw-Secret-User-3Hn";
    static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("modem community", "comm-Secret-7Qx");
        SECRETS.put("hub community", "hubcomm-Secret-5Vd");
        SECRETS.put("v3 auth pass phrase", "auth-Secret-9Zk");
        SECRETS.put("v3 priv pass phrase", "priv-Secret-4Wm");
        SECRETS.put("user password", PASSWORD);
        SECRETS.put("shard token", "shard-Secret-8Lp");
        SECRETS.put("webhook key", "hook-Secret-2Tj");
        SECRETS.put("influx token", "influx-Secret-6Rb");
    }


    @Test
    void noSecretInTheLogOrInAnyAnswer() throws Exception {
        Path dir = Files.createTempDirectory("emcomm-secrets");
        int port = TestNetwork.freeUdpPort();
        NetworkGenerator.write(dir, 24, NetworkGenerator.Mix.DEMO, "127.96", port);
        String creds = NetworkGenerator.credentials().replace(":nms-public}", ":hubcomm-Secret-5Vd}").replace(":public}", ":comm-Secret-7Qx}")
                .replace("demo-auth-pass", "auth-Secret-9Zk").replace("demo-priv-pass", "priv-Secret-4Wm");
        Files.writeString(dir.resolve("credentials.yaml"), creds);
        Files.writeString(dir.resolve("users.yaml"), "users:\n  op: {password: \"" + PasswordHash.hash(PASSWORD) + "\", roles: [operator]}\n"
                + "  adm: {password: \"" + PasswordHash.hash(PASSWORD) + "\", roles: [admin]}\n");
        Inventory inventory = new ConfigLoader(name -> null).load(dir, TestNetwork.projectProfiles());
        assertThat(creds).contains("comm-Secret-7Qx", "hubcomm-Secret-5Vd", "auth-Secret-9Zk", "priv-Secret-4Wm");
        SimNetwork network = new SimNetwork(inventory, Clock.systemUTC(), 7);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("emcomm.config-dir", dir.toString());
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        try (var files = Files.list(TestNetwork.projectProfiles())) {
            for (Path f : files.toList()) Files.copy(f, profiles.resolve(f.getFileName()));
        }
        props.put("emcomm.profiles-dir", profiles.toString());
        props.put("emcomm.data-dir", Files.createTempDirectory("emcomm-secrets-data").toString());
        props.put("emcomm.polling.interval", "1h"); // one cycle at start (readiness); the test polls on demand
        props.put("emcomm.polling.timeout-override", "200ms");
        props.put("emcomm.polling.confirm-retries", "0");
        props.put("emcomm.incidents.hold", "1s");
        props.put("emcomm.incidents.correlation-wait", "2s"); // only this terminal is polled: the siblings never will be
        props.put("emcomm.traps.port", "0");
        props.put("emcomm.traps.bind-address", "127.0.0.1");
        props.put("emcomm.config-watch", "0s");
        props.put("emcomm.shard.token", SECRETS.get("shard token"));
        props.put("emcomm.notifications.webhooks.noc.url", "http://127.0.0.1:" + ServiceProcess.freeTcpPort() + "/hook");
        props.put("emcomm.notifications.webhooks.noc.secret", SECRETS.get("webhook key"));
        props.put("emcomm.notifications.webhooks.noc.backoff", "100ms");
        // An InfluxDB that answers queries with nothing and refuses every write: the token is sent, and errors follow.
        com.sun.net.httpserver.HttpServer influx = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicReference<String> tokenSeen = new java.util.concurrent.atomic.AtomicReference<>();
        influx.createContext("/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) tokenSeen.set(auth);
            ex.getRequestBody().readAllBytes();
            boolean write = ex.getRequestURI().getPath().contains("write");
            byte[] body = write ? "{\"code\":\"unavailable\",\"message\":\"down for the test\"}".getBytes() : new byte[0];
            ex.sendResponseHeaders(write ? 503 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) ex.getResponseBody().write(body);
            ex.close();
        });
        influx.start();
        props.put("emcomm.influx.url", "http://127.0.0.1:" + influx.getAddress().getPort());
        props.put("emcomm.influx.token", SECRETS.get("influx token"));
        props.put("emcomm.influx.timeout", "1s");
        SimAgentServer agents = new SimAgentServer(network, 1);
        agents.start();
        try (agents; ServiceProcess service = ServiceProcess.start("secrets", props, Duration.ofSeconds(60))) {
            List<String> answers = new ArrayList<>();
            // Polls that use every credential, then an outage long enough for an incident and its webhook.
            String terminal = inventory.terminals().stream().filter(t -> !t.viaHub()).findFirst().orElseThrow().id();
            answers.add(FaultIT.call(service, "POST", "/api/network/poll", "adm", PASSWORD, null).body());
            network.start(ScenarioType.TERMINAL_DOWN, terminal, Duration.ofMinutes(5), 0);
            for (int i = 0; i < 4; i++) answers.add(FaultIT.call(service, "POST", "/api/network/poll?terminal=" + terminal, "adm", PASSWORD, null).body());
            Await.until("an incident for " + terminal, Duration.ofSeconds(30),
                    () -> FaultIT.call(service, "GET", "/api/incidents", "adm", PASSWORD, null).body().contains(terminal), service::tail);
            Await.until("a webhook delivery attempted", Duration.ofSeconds(30),
                    () -> FaultIT.call(service, "GET", "/api/notifications", "adm", PASSWORD, null).body().contains("\"lastError\":\""), service::tail);
            // Wrong logins, one of them with a secret as the password, by Basic and by the console's form.
            answers.add(FaultIT.call(service, "GET", "/api/terminals", "op", "wrong-password", null).body());
            answers.add(FaultIT.call(service, "GET", "/api/terminals", "op", SECRETS.get("modem community"), null).body());
            answers.add(FaultIT.call(service, "GET", "/api/terminals", "nobody", SECRETS.get("shard token"), null).body());
            answers.add(form(service, "op", SECRETS.get("v3 auth pass phrase")).body());
            // A shard call with a wrong token, and a bad credentials file hot-reloaded.
            answers.add(FaultIT.HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/internal/shard/samples")).header("X-EmComm-Shard-Token", "guess")
                    .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString()).body());
            Files.writeString(dir.resolve("credentials.yaml"), creds.replace("version: v3", "version: v9"));
            HttpResponse<String> refused = FaultIT.call(service, "POST", "/api/config/reload", "adm", PASSWORD, null);
            assertThat(refused.statusCode()).isEqualTo(422);
            answers.add(refused.body());
            Files.writeString(dir.resolve("credentials.yaml"), creds.replace("community: \"${EMCOMM_MODEM_COMMUNITY:comm-Secret-7Qx}\"",
                    "community: \"${EMCOMM_MODEM_COMMUNITY:comm-Secret-7Qx}\", extra: comm-Secret-7Qx"));
            answers.add(FaultIT.call(service, "POST", "/api/config/reload", "adm", PASSWORD, null).body());
            // A broken line holding a secret (inline or as a ${VAR:default}) in a file of every kind: the parser quotes
            // that line in its own message; the 422, GET /api/config and the log must not.
            Path profile = profiles.resolve("comtech-cdm570.yaml");
            String profileText = Files.readString(profile);
            String inventoryText = Files.readString(dir.resolve("inventory.yaml"));
            String usersText = Files.readString(dir.resolve("users.yaml"));
            Map<Path, String[]> broken = new LinkedHashMap<>();
            broken.put(dir.resolve("credentials.yaml"), new String[] {creds, creds.replace("community: \"${EMCOMM_MODEM_COMMUNITY:comm-Secret-7Qx}\"",
                    "community: @comm-Secret-7Qx")});
            broken.put(dir.resolve("inventory.yaml"), new String[] {inventoryText, inventoryText + "\nextra: {name: ${HUB_NAME:hubcomm-Secret-5Vd}}}\n"});
            broken.put(dir.resolve("users.yaml"), new String[] {usersText, usersText + "  op2: {password: @" + PASSWORD + ", roles: [operator]}\n"});
            broken.put(profile, new String[] {profileText, profileText + "\nextra: {a: ${X:auth-Secret-9Zk}}}\n"});
            int refusedFiles = 0;
            for (var e : broken.entrySet()) {
                assertThat(e.getValue()[1]).as("the secret was planted").isNotEqualTo(e.getValue()[0]);
                Files.writeString(e.getKey(), e.getValue()[1]);
                HttpResponse<String> r = FaultIT.call(service, "POST", "/api/config/reload", "adm", PASSWORD, null);
                assertThat(r.statusCode()).as(e.getKey().toString()).isEqualTo(422);
                assertThat(r.body()).as("the 422 names the broken file").contains(e.getKey().getFileName().toString());
                answers.add(r.body());
                answers.add(FaultIT.call(service, "GET", "/api/config", "op", PASSWORD, null).body());
                Files.writeString(e.getKey(), e.getValue()[0]);
                refusedFiles++;
            }
            // Every GET the API has, with real ids where the path needs one.
            OpenApiDoc doc = new OpenApiDoc(FaultIT.call(service, "GET", "/q/openapi?format=json", null, null, null).body());
            int gets = 0;
            for (OpenApiDoc.Operation op : doc.operations()) {
                if (!op.method().equals("GET")) continue;
                String path = op.path().replace("/api/terminals/{id}", "/api/terminals/" + terminal).replaceAll("\\{[^}]+}", "X");
                answers.add(FaultIT.call(service, "GET", path, "adm", PASSWORD, null).body());
                gets++;
            }
            for (String p : List.of("/q/health", "/q/metrics", "/q/openapi")) answers.add(FaultIT.call(service, "GET", p, null, null, null).body());
            Thread.sleep(1500); // let the log catch up with the last calls
            String log = Files.readString(service.log);
            List<String> leaks = new ArrayList<>();
            SECRETS.forEach((what, secret) -> {
                if (log.contains(secret)) leaks.add(what + " in the log: " + around(log, secret));
                for (String a : answers) if (a.contains(secret)) leaks.add(what + " in an answer: " + around(a, secret));
            });
            var sessionKey = java.util.regex.Pattern.compile("temporary key (?!<secret>)\\S+").matcher(log);
            if (sessionKey.find()) leaks.add("the console session key in the log: " + sessionKey.group());
            assertThat(log).as("the session key line is there, its key redacted").contains("temporary key <secret>");
            System.out.printf("secrets: %d secrets, %d log lines, %d answers (%d GET operations, %d broken files reloaded) searched, %d leaks%n",
                    SECRETS.size(), log.lines().count(), answers.size(), gets, refusedFiles, leaks.size());
            assertThat(log).as("the service did use and mishandle the secrets").contains("refused").contains("noc");
            assertThat(tokenSeen.get()).as("the InfluxDB token was used").contains(SECRETS.get("influx token"));
            assertThat(leaks).isEmpty();
        } finally {
            influx.stop(0);
        }
    }

    HttpResponse<String> form(ServiceProcess s, String user, String password) throws Exception {
        String body = "j_username=" + user + "&j_password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
        return FaultIT.HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + "/j_security_check")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String around(String text, String needle) {
        int i = text.indexOf(needle);
        return text.substring(Math.max(0, i - 120), Math.min(text.length(), i + needle.length() + 40)).replace('\n', ' ');
    }
}
