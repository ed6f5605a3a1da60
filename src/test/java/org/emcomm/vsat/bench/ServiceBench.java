package org.emcomm.vsat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.testing.ServiceProcess;

/**
 * The packaged service ({@code target/quarkus-app}) as its own process over the bench network, with its
 * embedded default store, as {@code make run} starts it but without the built-in simulator: the agents are
 * the bench's simulator process.
 */
final class ServiceBench implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((BenchNetwork.USER + ":" + BenchNetwork.PASSWORD).getBytes(StandardCharsets.UTF_8));
    /** The JVM options the service runs with in the bench, as {@code make run} starts it: the JDK's defaults but for
     * the heap bound, and the class-data-sharing archive {@code make} builds next to the jar. */
    static final List<String> JVM = Files.isRegularFile(Path.of("target/emcomm-cds.jsa"))
            ? List.of("-Xmx1g", "-XX:SharedArchiveFile=target/emcomm-cds.jsa") : List.of("-Xmx1g");

    /** JVM options; with {@code JFR=DIR} in the environment, also a Flight Recording (profile settings) into DIR/NAME.jfr. */
    private static List<String> jvm(String name) {
        String jfr = System.getenv("JFR");
        if (jfr == null || jfr.isBlank()) return JVM;
        List<String> options = new java.util.ArrayList<>(JVM);
        options.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr).toAbsolutePath().resolve(name + ".jfr"));
        return options;
    }

    final ServiceProcess process;

    private ServiceBench(ServiceProcess process) { this.process = process; }

    /**
     * Starts the service on a fresh data folder and waits until it is ready (every terminal polled once).
     * {@code interval}: the polling interval; a tiny one makes the scheduler poll every terminal again as
     * soon as its sample is in, the service's sustained throughput.
     */
    static ServiceBench start(String name, BenchNetwork network, Path data, Duration interval, int window) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.profile", "demo");
        props.put("emcomm.config-dir", network.config.toString());
        props.put("emcomm.profiles-dir", network.profiles.toString());
        props.put("emcomm.data-dir", Files.createDirectories(data).toString());
        props.put("emcomm.simulator.enabled", "false");
        props.put("emcomm.traps.port", "0");
        props.put("emcomm.traps.bind-address", "127.0.0.1");
        props.put("emcomm.polling.interval", interval.toMillis() + "ms");
        props.put("emcomm.polling.tick", interval.compareTo(Duration.ofSeconds(1)) < 0 ? "50ms" : "1s");
        props.put("emcomm.polling.window", Integer.toString(window));
        props.put("quarkus.log.level", System.getenv().getOrDefault("SERVICE_LOG", "WARN"));
        return new ServiceBench(ServiceProcess.start(name, props, jvm(name), Duration.ofMinutes(3)));
    }

    long readyMillis() { return process.readyMillis(); }

    /** One on-demand poll of the whole network: the cycle as the service measured it (poll, decode, state, rules, records). */
    Cycle pollAll() throws Exception {
        JsonNode r = post("/api/network/poll", "", 200);
        JsonNode c = r.path("cycle");
        int answered = c.path("byStatus").path("ANSWERED").asInt();
        return new Cycle(c.path("durationMs").asLong(), answered);
    }

    record Cycle(long millis, int answered) {}

    /** Answered requests per second over {@code seconds}, from the service's own SNMP counters. */
    double sustained(double seconds) throws Exception {
        Map<String, Double> a = metrics();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        Map<String, Double> b = metrics();
        double took = (System.nanoTime() - t0) / 1e9;
        double sent = b.get("emcomm_snmp_requests_total") - a.get("emcomm_snmp_requests_total");
        double lost = b.get("emcomm_snmp_timeouts_total") - a.get("emcomm_snmp_timeouts_total")
                + b.get("emcomm_snmp_failures_total") - a.get("emcomm_snmp_failures_total");
        if (lost > sent / 100) throw new IllegalStateException("service: " + lost + " of " + sent + " requests timed out or failed");
        return (sent - lost) / took;
    }

    private Map<String, Double> metrics() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(process.url() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(emcomm_snmp_(?:requests|timeouts|failures)_total)(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(r.body());
        while (m.find()) out.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        if (out.size() != 3) throw new IllegalStateException("no SNMP counters in /q/metrics: " + out);
        return out;
    }

    /** Emergency declared over every province → first status report drafted and completed from its fresh poll, in ms (the
     * draft answers at once; the service completes its facts when the poll is done). */
    Report declareAndReport(int round) throws Exception {
        String regions = "[\"sc\",\"yn\",\"gs\",\"gd\",\"fj\",\"he\"]";
        long start = System.nanoTime();
        String body = "{\"title\":\"bench " + round + "\",\"type\":\"EARTHQUAKE\",\"regions\":" + regions + ",\"onsetAt\":\""
                + OffsetDateTime.now().minusMinutes(1) + "\"}";
        JsonNode e = post("/api/emergencies", body, 201);
        JsonNode report = post("/api/emergencies/" + e.path("id").asText() + "/reports", "{}", 201);
        String path = "/api/emergencies/" + e.path("id").asText() + "/reports/" + report.path("id").asText();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!report.path("facts").path("poll").path("complete").asBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("report not completed within 2 min: " + report.path("facts").path("poll"));
            Thread.sleep(20);
            report = get(path);
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        JsonNode facts = report.path("facts");
        return new Report(took, facts.path("poll").path("answered").asInt(),
                facts.path("counts").path("total").asInt());
    }

    record Report(long millis, int answered, int total) {}

    /** Heap in use after a full GC ({@code jcmd GC.run}), in MiB. */
    double heapAfterFullGcMb() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        if (!m.find()) throw new IllegalStateException("jcmd GC.heap_info: " + info);
        return Long.parseLong(m.group(2)) / 1024.0;
    }

    private String jcmd(String command) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("jcmd " + command + ": " + out);
        return out;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(process.url() + path)).header("Authorization", AUTH).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path, String body, int expect) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(process.url() + path)).header("Authorization", AUTH)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }


    @Override
    public void close() { process.close(); }
}
