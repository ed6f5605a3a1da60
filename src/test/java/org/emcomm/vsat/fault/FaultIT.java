package org.emcomm.vsat.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;
import org.emcomm.vsat.testing.ServiceProcess;
import org.emcomm.vsat.testing.TestNetwork;

/** What the fault tests that run the packaged service share: a generated network with its users, and HTTP calls. */
final class FaultIT {
    static final String PASSWORD = "fault-password-1";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FaultIT() {}

    /** A generated network (demo mix) in a new folder, with users op, coord, rev and adm. */
    static Path network(int terminals, String ipPrefix) throws Exception {
        Path dir = Files.createTempDirectory("emcomm-fault");
        NetworkGenerator.write(dir, terminals, NetworkGenerator.Mix.DEMO, ipPrefix, TestNetwork.freeUdpPort());
        String hash = PasswordHash.hash(PASSWORD);
        Files.writeString(dir.resolve("users.yaml"), "users:\n"
                + "  op: {password: \"" + hash + "\", roles: [operator]}\n"
                + "  coord: {password: \"" + hash + "\", roles: [coordinator]}\n"
                + "  rev: {password: \"" + hash + "\", roles: [reviewer]}\n"
                + "  adm: {password: \"" + hash + "\", roles: [admin]}\n");
        return dir;
    }

    /** The service over that network, its simulator answering for it, polling every {@code interval}. */
    static Map<String, String> props(Path config, Path data, String interval) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("emcomm.config-dir", config.toString());
        p.put("emcomm.profiles-dir", TestNetwork.projectProfiles().toAbsolutePath().toString());
        p.put("emcomm.data-dir", data.toString());
        p.put("emcomm.simulator.enabled", "true");
        p.put("emcomm.polling.interval", interval);
        p.put("emcomm.polling.timeout-override", "500ms");
        p.put("emcomm.traps.port", "0");
        p.put("emcomm.traps.bind-address", "127.0.0.1");
        return p;
    }

    /** Declares an emergency (support tasks belong to one) and returns its id. */
    static String emergency(ServiceProcess s) throws Exception {
        HttpResponse<String> r = call(s, "POST", "/api/emergencies", "op", "{\"title\":\"Fault test flood\",\"type\":\"FLOOD\",\"regions\":[\"sc\"],"
                + "\"onsetAt\":\"" + java.time.OffsetDateTime.now() + "\"}");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"(EM-[^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) throw new AssertionError("declaring an emergency: " + r.statusCode() + " " + r.body());
        return m.group(1);
    }

    /** A support task for that emergency, as JSON. */
    static String task(String emergency, String title) {
        return "{\"title\":\"" + title + "\",\"emergency\":\"" + emergency + "\",\"dueAt\":\"" + java.time.OffsetDateTime.now().plusHours(4) + "\"}";
    }

    /** A call as {@code user} with the fault tests' password (no user: no credentials). */
    static HttpResponse<String> call(ServiceProcess s, String method, String path, String user, String json) {
        return call(s, method, path, user, PASSWORD, json);
    }

    /** A call with these credentials and an optional JSON body; a failed exchange is an unchecked exception. */
    static HttpResponse<String> call(ServiceProcess s, String method, String path, String user, String password, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) b.header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    /** A Prometheus figure from the text of /q/metrics: the first series that starts with {@code prefix} (a regex), or with
     * {@code sum} all of them added (the heap's pools); 0 when there is none. */
    static long metric(String metrics, String prefix, boolean sum) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + prefix + "[^\\n]*\\s([0-9.eE+]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            if (!sum) break;
        }
        return (long) total;
    }

    /** Heap in use right after a full GC of the service. */
    static long heapAfterGc(ServiceProcess s, String user, String password) throws Exception {
        s.fullGc();
        return metric(call(s, "GET", "/q/metrics", user, password, null).body(), "jvm_memory_used_bytes\\{area=\"heap\"", true);
    }
}
