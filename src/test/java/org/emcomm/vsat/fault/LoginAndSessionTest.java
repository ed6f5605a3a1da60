package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.FileInputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.emcomm.vsat.config.EmcommConfig;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.testing.SimulatedNetworkResource;
import org.emcomm.vsat.testing.TestClock;
import org.junit.jupiter.api.Test;

/**
 * Logins and sessions as an attacker and a locked-out operator meet them (issue 23, item 7): hundreds of wrong
 * passwords as fast as the network allows, the right password during a lock, a password changed while a session is
 * open, framing and sniffing defences on every answer, cookies over TLS. The service listens on plain HTTP and on
 * TLS (a key made for this run) behind a trusted proxy (127.0.0.1), so each test speaks from its own source address
 * through X-Forwarded-For. The guard runs with the shipped limits; the test clock stands still unless moved, so no
 * delay runs out on its own.
 */
@QuarkusTest
@TestProfile(LoginAndSessionTest.Profile.class)
class LoginAndSessionTest {
    static final String PW = SimulatedNetworkResource.PASSWORD;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY_PASSWORD = "tls-test-store";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() { return Set.of(TestClock.class); }

        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(TlsNetwork.class)); }
    }

    /** The usual test network, plus a TLS key for localhost and a trusted proxy at 127.0.0.1. */
    public static class TlsNetwork extends SimulatedNetworkResource {
        static Path keyStore;

        @Override
        protected String ipPrefix() { return "127.84"; }

        @Override
        protected Map<String, String> extra() throws Exception {
            keyStore = Files.createTempDirectory("emcomm-tls").resolve("localhost.p12");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "localhost",
                    "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", KEY_PASSWORD,
                    "-keypass", KEY_PASSWORD, "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("keytool: " + out);
            Map<String, String> props = new HashMap<>();
            props.put("quarkus.tls.key-store.p12.path", keyStore.toString());
            props.put("quarkus.tls.key-store.p12.password", KEY_PASSWORD);
            props.put("quarkus.http.test-ssl-port", "0");
            props.put("quarkus.http.insecure-requests", "enabled");
            props.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            props.put("quarkus.http.proxy.allow-x-forwarded", "true");
            props.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
            return props;
        }
    }

    @TestHTTPResource("/")
    URL root;

    @TestHTTPResource(value = "/", tls = true)
    URL tlsRoot;

    @Inject TestClock clock;
    @Inject EmcommConfig config;

    /** HTTP/1.1 as a browser speaks plain HTTP (Java's client would try an h2c upgrade). */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path, String user, String password, String from, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path)).timeout(Duration.ofSeconds(30));
        if (user != null) b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (from != null) b.header("X-Forwarded-For", from);
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String user, String from) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PW).getBytes(StandardCharsets.UTF_8)));
        if (from != null) b.header("X-Forwarded-For", from);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(HttpClient client, String base, String user, String password, String... headers) throws Exception {
        String body = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/j_security_check")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Requested-With", "emcomm-console")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "name=value" of each Set-Cookie, for a Cookie header. */
    static String cookies(HttpResponse<?> r) {
        List<String> out = new ArrayList<>();
        for (String c : r.headers().allValues("Set-Cookie")) out.add(c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
        return String.join("; ", out);
    }

    @Test
    void twoHundredWrongPasswordsThenTheRightOneIsStillRefusedUntilAnAdminLiftsTheLock() throws Exception {
        String from = "198.51.100.20";
        int unauthorized = 0, throttled = 0;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = get("/api/terminals", "coord", "guess-" + i, from);
            if (r.statusCode() == 401) unauthorized++;
            else if (r.statusCode() == 429) {
                throttled++;
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(r.headers().firstValue("Retry-After")).as("try %d", i).isPresent();
                assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("try again in");
            } else throw new AssertionError("try " + i + " answered " + r.statusCode() + ": " + r.body());
        }
        System.out.printf("login: 200 wrong passwords in a row: %d checked (401), %d refused unchecked (429)%n", unauthorized, throttled);
        assertThat(unauthorized).as("only the free tries are checked while no time passes").isEqualTo(3);
        assertThat(throttled).isEqualTo(197);
        assertThat(get("/api/terminals", "coord", PW, from).statusCode()).as("the right password is not even checked").isEqualTo(429);

        // The attacker waits out every delay: the name is locked at the tenth checked failure.
        int checked = unauthorized;
        for (int i = 0; i < 50 && checked < 10; i++) {
            HttpResponse<String> r = get("/api/terminals", "coord", "slow-guess-" + i, from);
            if (r.statusCode() == 429) clock.advance(Duration.ofSeconds(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())));
            else if (r.statusCode() == 401) checked++;
        }
        assertThat(checked).isEqualTo(10);
        HttpResponse<String> locked = get("/api/terminals", "coord", PW, from);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(locked.body()).path("detail").asText()).contains("locked");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isEqualTo(900);
        assertThat(get("/api/terminals", "coord", PW, "198.51.100.21").statusCode()).as("the name is locked from everywhere").isEqualTo(429);

        // An admin sees the lock, the audit has it, and the admin lifts it.
        JsonNode locks = JSON.readTree(get("/api/access/locks", "adm", PW, null).body());
        assertThat(locks.toString()).contains("\"key\":\"coord\"");
        JsonNode coord = null;
        for (JsonNode l : locks) if (l.path("key").asText().equals("coord")) coord = l;
        assertThat(coord.path("kind").asText()).isEqualTo("user");
        assertThat(coord.path("locked").asBoolean()).isTrue();
        assertThat(coord.path("failures").asInt()).isEqualTo(10);
        assertThat(get("/api/access/locks", "op", PW, null).statusCode()).as("only admins see locks").isEqualTo(403);
        JsonNode audit = JSON.readTree(get("/api/audit", "adm", PW, null).body());
        assertThat(audit.toString()).contains("login.lock").contains("user:coord");
        assertThat(send("DELETE", "/api/access/locks/user/coord", "adm", null).statusCode()).isEqualTo(204);
        assertThat(get("/api/terminals", "coord", PW, from).statusCode()).as("after the lift").isEqualTo(200);
        assertThat(send("DELETE", "/api/access/locks/user/coord", "adm", null).statusCode()).as("nothing left to lift").isEqualTo(404);
        assertThat(send("DELETE", "/api/access/locks/robot/coord", "adm", null).statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(get("/api/audit", "adm", PW, null).body()).toString()).contains("access.lock.lift");
    }

    @Test
    void theConsoleFormIsSlowedTooAndSays429() throws Exception {
        String from = "198.51.100.40";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) statuses.add(form(http, root.toString(), "op", "wrong-" + i, "X-Forwarded-For", from).statusCode());
        assertThat(statuses).containsExactly(401, 401, 401, 429, 429, 429);
        HttpResponse<String> right = form(http, root.toString(), "op", PW, "X-Forwarded-For", from);
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(right.headers().allValues("Set-Cookie")).as("no session for a try that was not checked").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(form(http, root.toString(), "op", PW, "X-Forwarded-For", from).statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsTheSessionsOpenedWithTheOldOne() throws Exception {
        String from = "198.51.100.30";
        HttpResponse<String> login = form(http, root.toString(), "rev", PW, "X-Forwarded-For", from);
        assertThat(login.statusCode()).isEqualTo(200);
        String session = cookies(login);
        assertThat(session).contains("quarkus-credential=").contains("emcomm-session-v=");
        assertThat(get("/api/console/session", null, null, from, "Cookie", session).statusCode()).isEqualTo(200);
        String credentialOnly = session.replaceAll("(; )?emcomm-session-v=[^;]*", "");
        assertThat(get("/api/console/session", null, null, from, "Cookie", credentialOnly).statusCode())
                .as("the session cookie alone does not name the password").isEqualTo(401);

        Path users = Path.of(config.configDir()).resolve("users.yaml");
        String before = Files.readString(users);
        String line = before.lines().filter(l -> l.startsWith("  rev:")).findFirst().orElseThrow();
        Files.writeString(users, before.replace(line, "  rev: {password: \"" + PasswordHash.hash("new-password-2") + "\", roles: [reviewer]}"));
        try {
            HttpResponse<String> reload = send("POST", "/api/config/reload", "adm", null);
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            assertThat(get("/api/console/session", null, null, from, "Cookie", session).statusCode()).as("the old session").isEqualTo(401);
            assertThat(get("/api/terminals", "rev", PW, from).statusCode()).as("Basic with the old password").isEqualTo(401);
            assertThat(get("/api/terminals", "rev", "new-password-2", from).statusCode()).isEqualTo(200);
            HttpResponse<String> again = form(http, root.toString(), "rev", "new-password-2", "X-Forwarded-For", from);
            assertThat(get("/api/console/session", null, null, from, "Cookie", cookies(again)).statusCode()).isEqualTo(200);
        } finally {
            Files.writeString(users, before);
            send("POST", "/api/config/reload", "adm", null);
        }
    }

    @Test
    void everyAnswerCarriesTheFramingAndSniffingDefences() throws Exception {
        Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
        answers.put("console page", get("/", null, null, null));
        answers.put("console script", get("/console/app.js", null, null, null));
        answers.put("print view script", get("/console/print.js", null, null, null));
        answers.put("API without credentials", get("/api/terminals", null, null, null));
        answers.put("API", get("/api/terminals", "op", PW, null));
        answers.put("API 404", get("/api/terminals/NOPE", "op", PW, null));
        answers.put("unknown path", get("/nowhere", null, null, null));
        answers.put("health", get("/q/health", null, null, null));
        answers.put("metrics", get("/q/metrics", null, null, null));
        answers.put("OpenAPI", get("/q/openapi", null, null, null));
        answers.put("Swagger UI", get("/q/swagger-ui/", null, null, null));
        for (var e : answers.entrySet()) {
            HttpResponse<String> r = e.getValue();
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(e.getKey() + " CSP").contains("frame-ancestors 'none'").contains("object-src 'none'").contains("default-src 'self'");
            if (!e.getKey().equals("Swagger UI")) assertThat(csp).as(e.getKey() + " CSP").doesNotContain("unsafe-inline").contains("script-src 'self';");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(e.getKey()).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(e.getKey()).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(e.getKey()).hasValue("no-referrer");
        }
        assertThat(answers.get("console page").body()).as("the page itself has no inline script or style").doesNotContain("<script>").doesNotContain("<style")
                .doesNotContain("onclick");
    }

    @Test
    void sessionCookiesAreSecureOverTlsAndBehindATlsProxyOnly() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(TlsNetwork.keyStore.toFile())) {
            store.load(in, KEY_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
        assertThat(tlsRoot.getProtocol()).isEqualTo("https");

        for (int i = 0; i < 4; i++) {
            int status = form(https, tlsRoot.toString(), "op", "wrong-" + i, "X-Forwarded-For", "198.51.100.51").statusCode();
            assertThat(status).as("a wrong password on the form over TLS (HTTP/2), try %d", i).isEqualTo(i < 3 ? 401 : 429);
        }
        HttpResponse<String> overTls = form(https, tlsRoot.toString(), "adm", PW, "X-Forwarded-For", "198.51.100.50");
        assertThat(overTls.statusCode()).isEqualTo(200);
        assertThat(overTls.headers().allValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("; Secure").containsIgnoringCase("HttpOnly"));

        HttpResponse<String> viaProxy = form(http, root.toString(), "adm", PW, "X-Forwarded-For", "198.51.100.50", "X-Forwarded-Proto", "https");
        assertThat(viaProxy.headers().allValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("; Secure"));

        HttpResponse<String> plain = form(http, root.toString(), "adm", PW, "X-Forwarded-For", "198.51.100.50");
        assertThat(plain.headers().allValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
    }
}
