package org.emcomm.vsat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;

/**
 * The emergency path through the real service, over N simulated terminals (the demo's mix of hub tables and own
 * agents, the simulator inside the packaged service started as a child process, polling every 30 s):
 * <ol>
 * <li>a clear sky: per round, an emergency declared over every province and its report drafted (the draft answers at
 * once; the service completes it from the fresh poll), next to the plain on-demand poll of the same terminals (the
 * peer), and a drill over them started (the start answers at once; its round records itself);</li>
 * <li>one hub silent: an emergency's report drafted over the whole network while another operator submits another
 * emergency's report; the submit's latency (goal &lt; 200 ms) next to a plain read of the same emergency at the same
 * moment (the peer), and whether its recorded submission time is its arrival;</li>
 * <li>a beam outage of beam-west (3,000 of 10,000 terminals): incidents opened and notifications sent (goal 1 each), and
 * how long after the outage its parent opened (goal: within one poll interval).</li>
 * </ol>
 * {@code ReportBench [terminals=10000] [rounds=5]}
 */
public final class ReportBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base, auth;

    private ReportBench(String base, String auth) {
        this.base = base;
        this.auth = auth;
    }

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
        // a webhook that counts what the service notifies
        ConcurrentLinkedQueue<String> notified = new ConcurrentLinkedQueue<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            String event = ex.getRequestHeaders().getFirst("X-EmComm-Event");
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (event != null) notified.add(event + " " + body);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx1g", "-Dquarkus.profile=demo", "-Dquarkus.http.port=" + httpPort,
                "-Demcomm.config-dir=" + config, "-Demcomm.data-dir=" + data, "-Demcomm.traps.port=0", "-Demcomm.traps.bind-address=127.0.0.1",
                "-Demcomm.polling.interval=" + INTERVAL.toSeconds() + "s",
                "-Demcomm.notifications.webhooks.bench.url=http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
                "-Demcomm.notifications.webhooks.bench.secret=bench-secret",
                "-Dquarkus.log.level=WARN", "-jar", "target/quarkus-app/quarkus-run.jar");
        File log = dir.resolve("service.log").toFile();
        Process service = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        try {
            ReportBench b = new ReportBench("http://127.0.0.1:" + httpPort,
                    "Basic " + Base64.getEncoder().encodeToString(("bench:" + password).getBytes(StandardCharsets.UTF_8)));
            long t0 = System.nanoTime();
            b.ready(service, log);
            System.out.printf(Locale.ROOT, "service ready (first cycle done) after %d ms; terminals=%d rounds=%d java=%s cores=%d%n",
                    (System.nanoTime() - t0) / 1_000_000, terminals, rounds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            List<String> summary = new ArrayList<>();
            b.clearSky(terminals, rounds, summary);
            b.silentHub(summary);
            b.beamOutage(notified, summary);
            System.out.println();
            System.out.println("== bench-report summary (goal; ratio to the peer measured in the same run) ==");
            summary.forEach(System.out::println);
        } finally {
            service.destroy();
            service.waitFor();
            hook.stop(0);
        }
    }

    private static final String ALL = "[\"sc\",\"yn\",\"gs\",\"gd\",\"fj\",\"he\"]";

    /** Phase 1: declaration to drafted report, drafted to completed, and a drill's start, on a clear sky. */
    private void clearSky(int terminals, int rounds, List<String> summary) throws Exception {
        List<Long> draftMs = new ArrayList<>(), completeMs = new ArrayList<>(), peerMs = new ArrayList<>(), drillMs = new ArrayList<>(),
                roundMs = new ArrayList<>();
        for (int i = -1; i < rounds; i++) { // one warm-up round
            long start = System.nanoTime();
            JsonNode e = declare("bench " + i, ALL);
            String id = e.path("id").asText();
            JsonNode report = post("/api/emergencies/" + id + "/reports", "{}", 201);
            long drafted = (System.nanoTime() - start) / 1_000_000;
            JsonNode done = completed(id, report.path("id").asText(), Duration.ofMinutes(2));
            long complete = (System.nanoTime() - start) / 1_000_000;
            JsonNode c = done.path("facts").path("counts");
            JsonNode p = done.path("facts").path("poll");
            System.out.printf(Locale.ROOT, "round %2d: declared → draft answered %5d ms, completed from the fresh poll %6d ms (poll %d ms: %d answered,"
                            + " %d not answering of %d; online %d, degraded %d, offline %d, unknown %d, unconfirmed %d)%n", i, drafted, complete,
                    p.path("millis").asLong(), p.path("answered").asInt(), p.path("noAnswer").asInt(), p.path("polled").asInt(), c.path("online").asInt(),
                    c.path("degraded").asInt(), c.path("offline").asInt(), c.path("unknown").asInt(), c.path("unconfirmed").asInt());
            long p0 = System.nanoTime();
            post("/api/network/poll", "", 200);
            long peer = (System.nanoTime() - p0) / 1_000_000;
            String plan = "{\"codeName\":\"bench " + i + "\",\"type\":\"LIVE\",\"organiser\":\"bench\",\"plannedStart\":\"" + OffsetDateTime.now()
                    + "\",\"plannedEnd\":\"" + OffsetDateTime.now().plusHours(2) + "\",\"objectives\":[\"verify every terminal\"],\"regions\":" + ALL + "}";
            String drill = post("/api/drills", plan, 201).path("id").asText();
            long d0 = System.nanoTime();
            post("/api/drills/" + drill + "/start", "", 200);
            long startMs = (System.nanoTime() - d0) / 1_000_000;
            JsonNode recorded = until(() -> get("/api/drills/" + drill), d -> d.path("verification").path("rounds").size() > 0, Duration.ofMinutes(2));
            long roundTook = (System.nanoTime() - d0) / 1_000_000;
            JsonNode v = recorded.path("verification");
            System.out.printf(Locale.ROOT, "          on-demand poll of the whole network %5d ms; drill start answered %4d ms, round recorded %5d ms (%d of %d came up)%n",
                    peer, startMs, roundTook, v.path("verified").asInt(), v.path("total").asInt());
            post("/api/drills/" + drill + "/complete", "{\"ratings\":[{\"objective\":\"O1\",\"rating\":\"P\"}]}", 200);
            if (i >= 0) {
                draftMs.add(drafted);
                completeMs.add(complete);
                peerMs.add(peer);
                drillMs.add(startMs);
                roundMs.add(roundTook);
            }
        }
        long peer = median(peerMs);
        summary.add(String.format(Locale.ROOT, "report_%dk_draft_answer_ms     median %5d (max %5d)  goal < 1000; the draft no longer waits for the poll",
                terminals / 1000, median(draftMs), Collections.max(draftMs)));
        summary.add(String.format(Locale.ROOT, "report_%dk_completed_ms        median %5d (max %5d)  peer: on-demand poll of the same terminals %d ms, ratio %.2f",
                terminals / 1000, median(completeMs), Collections.max(completeMs), peer, median(completeMs) / (double) peer));
        summary.add(String.format(Locale.ROOT, "drill_%dk_start_answer_ms      median %5d; round recorded median %d ms, ratio to the poll %.2f", terminals / 1000,
                median(drillMs), median(roundMs), median(roundMs) / (double) peer));
    }

    /** Phase 2: a hub silent; a submit while a draft of the whole network waits on it. */
    private void silentHub(List<String> summary) throws Exception {
        // another emergency's report, ready to submit, one per sample
        int samples = 5;
        List<String[]> ready = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String id = declare("ready " + i, "[\"fj\"]").path("id").asText();
            String rid = post("/api/emergencies/" + id + "/reports", "{}", 201).path("id").asText();
            completed(id, rid, Duration.ofMinutes(2));
            ready.add(new String[]{id, rid});
        }
        post("/api/simulator/scenarios", "{\"type\":\"HUB_OUTAGE\",\"target\":\"hub-gz\",\"durationSeconds\":3600}", 201);
        List<Long> submitMs = new ArrayList<>(), peerMs = new ArrayList<>(), draftMs = new ArrayList<>();
        long worstSkew = 0;
        int waited = 0;
        for (int i = 0; i < samples; i++) {
            String id = declare("silent hub " + i, ALL).path("id").asText();
            long d0 = System.nanoTime();
            JsonNode draft = post("/api/emergencies/" + id + "/reports", "{}", 201);
            draftMs.add((System.nanoTime() - d0) / 1_000_000);
            if (!draft.path("facts").path("poll").path("complete").asBoolean()) waited++;
            String[] r = ready.get(i);
            Instant sent = Instant.now();
            long s0 = System.nanoTime();
            post("/api/emergencies/" + r[0] + "/reports/" + r[1] + "/submit", "{\"approvedBy\":\"Duty chief\"}", 200);
            submitMs.add((System.nanoTime() - s0) / 1_000_000);
            long g0 = System.nanoTime();
            JsonNode after = get("/api/emergencies/" + r[0]);
            peerMs.add((System.nanoTime() - g0) / 1_000_000);
            Instant recorded = OffsetDateTime.parse(after.path("clock").path("submittedAt").asText()).toInstant();
            worstSkew = Math.max(worstSkew, Math.abs(Duration.between(sent, recorded).toMillis()));
        }
        JsonNode progress = get("/api/emergencies/" + declare("silent hub, last", ALL).path("id").asText()).path("freshPoll");
        System.out.printf(Locale.ROOT, "hub-gz silent: %d of %d drafts answered while their fresh poll still waited for the hub; a draft's poll now: %s%n",
                waited, samples, progress);
        post("/api/simulator/scenarios", null, 204, "DELETE");
        long submit = median(submitMs), peer = median(peerMs);
        summary.add(String.format(Locale.ROOT, "submit_during_silent_hub_draft_ms median %4d (max %4d)  goal < 200; peer: read of the same emergency %d ms,"
                + " ratio %.2f; submittedAt within %d ms of the request's sending", submit, Collections.max(submitMs), peer, submit / (double) Math.max(1, peer), worstSkew));
        summary.add(String.format(Locale.ROOT, "draft_during_silent_hub_ms       median %4d (max %4d)  goal < 1000; %d of %d answered before their poll finished",
                median(draftMs), Collections.max(draftMs), waited, samples));
    }

    /** Phase 3: the beam with most terminals loses service; what opens and what is notified. */
    private void beamOutage(ConcurrentLinkedQueue<String> notified, List<String> summary) throws Exception {
        until(() -> get("/api/network/status"), s -> s.path("total").path("down").asInt() == 0 && s.path("total").path("unknown").asInt() == 0,
                Duration.ofMinutes(3));
        until(() -> JSON.valueToTree(getList("/api/incidents?status=ACTIVE")), a -> a.size() == 0, Duration.ofMinutes(5));
        // beam-west: 3,000 of the 10,000 (2,000 remotes in hub-bj's tables, 1,000 modems with their own agents); its hub serves
        // a second beam, so the outage must be told from the hub's
        String beam = "beam-west";
        int size = get("/api/network/status").path("byBeam").path(beam).path("total").asInt();
        notified.clear();
        Instant start = Instant.now();
        post("/api/simulator/scenarios", "{\"type\":\"BEAM_OUTAGE\",\"target\":\"" + beam + "\",\"durationSeconds\":3600}", 201);
        long openedAfter = -1;
        long t0 = System.nanoTime();
        // watch past the hold, the state machines' hysteresis and the correlation wait (3 min)
        while (System.nanoTime() - t0 < Duration.ofMinutes(4).toNanos()) {
            List<JsonNode> active = getList("/api/incidents?status=ACTIVE");
            if (openedAfter < 0 && active.stream().anyMatch(i -> "BEAM_OUTAGE".equals(i.path("condition").asText()) || "HUB_OUTAGE".equals(i.path("condition").asText()))) {
                openedAfter = (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(1000);
        }
        List<JsonNode> since = getList("/api/incidents?from=" + OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
        long notes = notified.stream().filter(n -> n.startsWith("incident.") && !n.startsWith("incident.resolved")).count();
        List<String> what = since.stream().map(i -> i.path("condition").asText() + " " + i.path("scopeId").asText() + " (" + i.path("children").asInt()
                + " children)").toList();
        System.out.printf(Locale.ROOT, "%s outage (%d terminals): incidents opened %s; notifications %d%n", beam, size, what, notes);
        post("/api/simulator/scenarios", null, 204, "DELETE");
        summary.add(String.format(Locale.ROOT, "beam_outage_%d_terminals_incidents %d  goal 1; notifications %d, goal 1; parent opened %s after the outage,"
                + " goal within one poll interval (%d s)", size, since.size(), notes, openedAfter < 0 ? "never" : openedAfter / 1000.0 + " s", INTERVAL.toSeconds()));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void ready(Process service, File log) throws Exception {
        for (int i = 0; i < 900; i++) {
            if (!service.isAlive()) throw new IllegalStateException("the service stopped; see " + log);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become ready; see " + log);
    }

    private JsonNode declare(String title, String regions) throws Exception {
        return post("/api/emergencies", "{\"title\":\"" + title + "\",\"type\":\"EARTHQUAKE\",\"regions\":" + regions + ",\"onsetAt\":\""
                + OffsetDateTime.now().minusMinutes(1) + "\"}", 201);
    }

    private JsonNode completed(String id, String rid, Duration within) throws Exception {
        return until(() -> get("/api/emergencies/" + id + "/reports/" + rid), r -> r.path("facts").path("poll").path("complete").asBoolean(), within);
    }

    private interface Call { JsonNode get() throws Exception; }

    private static JsonNode until(Call call, java.util.function.Predicate<JsonNode> done, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode n = call.get();
            if (done.test(n)) return n;
            if (System.nanoTime() > end) throw new IllegalStateException("not done within " + within + ": " + n.toString().substring(0, Math.min(400, n.toString().length())));
            Thread.sleep(100);
        }
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private List<JsonNode> getList(String path) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        get(path).forEach(out::add);
        return out;
    }

    private JsonNode post(String path, String body, int expect) throws Exception { return post(path, body, expect, "POST"); }

    private JsonNode post(String path, String body, int expect, String method) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
