package org.emcomm.vsat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;

/**
 * Declaration → drafted status report over N simulated terminals, through the real service: starts
 * the packaged service as a child process on a generated network (the demo's mix of hub tables and
 * own agents, the simulator inside), waits for the first full poll cycle, then per round declares an
 * emergency over every province and drafts its report from a fresh poll. The peer figure, in the same
 * run, is the plain on-demand poll of the same terminals ({@code POST /api/network/poll}): the floor
 * that any report drawn from a fresh poll stands on. Each round also plans a drill over the same terminals and
 * times its start, which verifies every terminal live and records the result (then completes it).
 * {@code ReportBench [terminals=10000] [rounds=5]}
 */
public final class ReportBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int terminals = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("emcomm-report-bench");
        Path config = Files.createDirectories(dir.resolve("config")), data = Files.createDirectories(dir.resolve("data"));
        int agentPort, httpPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) { agentPort = s.getLocalPort(); }
        try (ServerSocket s = new ServerSocket(0)) { httpPort = s.getLocalPort(); }
        NetworkGenerator.write(config, terminals, NetworkGenerator.Mix.DEMO, "127.91", agentPort);
        String password = "bench-password-1";
        Files.writeString(config.resolve("users.yaml"), "users:\n  bench: {password: \"" + PasswordHash.hash(password) + "\", roles: [operator, coordinator]}\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx1g", "-Dquarkus.profile=demo", "-Dquarkus.http.port=" + httpPort,
                "-Demcomm.config-dir=" + config, "-Demcomm.data-dir=" + data, "-Demcomm.traps.port=0", "-Demcomm.traps.bind-address=127.0.0.1",
                "-Dquarkus.log.level=WARN", "-jar", "target/quarkus-app/quarkus-run.jar");
        File log = dir.resolve("service.log").toFile();
        Process service = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("bench:" + password).getBytes(StandardCharsets.UTF_8));
            String base = "http://127.0.0.1:" + httpPort;
            long t0 = System.nanoTime();
            JsonNode status = null;
            for (int i = 0; i < 600; i++) {
                if (!service.isAlive()) throw new IllegalStateException("the service stopped; see " + log);
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        status = get(http, base + "/api/network/status", auth);
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            if (status == null) throw new IllegalStateException("the service did not become ready; see " + log);
            System.out.printf(Locale.ROOT, "service ready (first cycle done) after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            List<Long> ms = new ArrayList<>(), pollMs = new ArrayList<>(), peerMs = new ArrayList<>(), drillMs = new ArrayList<>();
            String regions = "[\"sc\",\"yn\",\"gs\",\"gd\",\"fj\",\"he\"]";
            for (int i = -1; i < rounds; i++) { // one warm-up round
                long start = System.nanoTime();
                String body = "{\"title\":\"bench " + i + "\",\"type\":\"EARTHQUAKE\",\"regions\":" + regions + ",\"onsetAt\":\"" + OffsetDateTime.now().minusMinutes(1) + "\"}";
                JsonNode e = post(http, base + "/api/emergencies", auth, body, 201);
                JsonNode report = post(http, base + "/api/emergencies/" + e.path("id").asText() + "/reports", auth, "{}", 201);
                long took = (System.nanoTime() - start) / 1_000_000;
                JsonNode c = report.path("facts").path("counts");
                System.out.printf(Locale.ROOT, "round %2d: declared → drafted %5d ms (fresh poll %5d ms, %d answered of %d; total %d, online %d, degraded %d, offline %d, unknown %d)%n",
                        i, took, report.path("facts").path("poll").path("millis").asLong(), report.path("facts").path("poll").path("answered").asInt(),
                        report.path("facts").path("poll").path("polled").asInt(), c.path("total").asInt(), c.path("online").asInt(),
                        c.path("degraded").asInt(), c.path("offline").asInt(), c.path("unknown").asInt());
                long p0 = System.nanoTime();
                post(http, base + "/api/network/poll", auth, "", 200);
                long peer = (System.nanoTime() - p0) / 1_000_000;
                System.out.printf(Locale.ROOT, "          on-demand poll of the whole network %5d ms%n", peer);
                String plan = "{\"codeName\":\"bench " + i + "\",\"type\":\"LIVE\",\"organiser\":\"bench\",\"plannedStart\":\"" + OffsetDateTime.now()
                        + "\",\"plannedEnd\":\"" + OffsetDateTime.now().plusHours(2) + "\",\"objectives\":[\"verify every terminal\"],\"regions\":" + regions + "}";
                String drill = post(http, base + "/api/drills", auth, plan, 201).path("id").asText();
                long d0 = System.nanoTime();
                JsonNode started = post(http, base + "/api/drills/" + drill + "/start", auth, "", 200);
                long drillTook = (System.nanoTime() - d0) / 1_000_000;
                JsonNode v = started.path("verification");
                System.out.printf(Locale.ROOT, "          drill started with live verification %5d ms (round poll %d ms; %d of %d came up)%n", drillTook,
                        v.path("rounds").path(0).path("millis").asLong(), v.path("verified").asInt(), v.path("total").asInt());
                post(http, base + "/api/drills/" + drill + "/complete", auth, "{\"ratings\":[{\"objective\":\"O1\",\"rating\":\"P\"}]}", 200);
                if (i >= 0) {
                    drillMs.add(drillTook);
                    peerMs.add(peer);
                    ms.add(took);
                    pollMs.add(report.path("facts").path("poll").path("millis").asLong());
                }
            }
            Collections.sort(ms);
            Collections.sort(pollMs);
            Collections.sort(peerMs);
            long median = ms.get(ms.size() / 2);
            System.out.printf(Locale.ROOT, "terminals=%d rounds=%d java=%s cores=%d%n", terminals, rounds, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "report_%dk_ms median=%d min=%d max=%d (fresh poll median %d ms)%n", terminals / 1000, median, ms.get(0),
                    ms.get(ms.size() - 1), pollMs.get(pollMs.size() / 2));
            long peer = peerMs.get(peerMs.size() / 2);
            System.out.printf(Locale.ROOT, "peer: on-demand poll of the same terminals median %d ms; ratio report/poll %.2f%n", peer, median / (double) peer);
            Collections.sort(drillMs);
            long drill = drillMs.get(drillMs.size() / 2);
            System.out.printf(Locale.ROOT, "drill_start_%dk_ms median=%d min=%d max=%d; ratio drill start/poll %.2f%n", terminals / 1000, drill, drillMs.get(0),
                    drillMs.get(drillMs.size() - 1), drill / (double) peer);
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static JsonNode get(HttpClient http, String url, String auth) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode post(HttpClient http, String url, String auth, String body, int expect) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) throw new IllegalStateException(url + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }
}
