package org.emcomm.vsat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emcomm.vsat.storage.SamplePoint;
import org.emcomm.vsat.storage.StorageBench;
import org.emcomm.vsat.testing.InfluxFixture;

/**
 * {@code make bench}: the service against the raw snmp4j limit and its C and Go peers, in one run on this
 * machine, loopback only. Every figure is the median of {@code RUNS} runs; prints a table and writes
 * {@code bench/results/latest.json}. docs/performance.md says what each figure means.
 * Settings come from the environment: TERMINALS (10000), RUNS (3), SECONDS (5, per throughput window),
 * WINDOW (256 requests in flight), SIM_THREADS (2), OUT (bench/results/latest.json).
 */
public final class BenchSuite {
    private final int terminals = env("TERMINALS", 10_000);
    private final int runs = env("RUNS", 3);
    private final double seconds = env("SECONDS", 5);
    private final int window = env("WINDOW", 256);
    private final int simThreads = env("SIM_THREADS", 2);
    private final Path out = Path.of(System.getenv().getOrDefault("OUT", "bench/results/latest.json"));
    /** Parts to run (snmp, service, storage; default all): for profiling one part, not for results. */
    private final List<String> parts = List.of(System.getenv().getOrDefault("PARTS", "snmp,service,geo,memory,storage").split(","));
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();

    public static void main(String[] args) {
        try {
            new BenchSuite().run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long began = System.nanoTime();
        Map<String, Object> machine = machine();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("terminals", terminals);
        settings.put("oids_per_request", BenchNetwork.OIDS.size());
        settings.put("runs", runs);
        settings.put("window_seconds", seconds);
        settings.put("snmp_window", window);
        settings.put("simulator_threads", simThreads);
        settings.put("service_jvm", String.join(" ", ServiceBench.JVM));
        settings.put("exporter_concurrency", 16);
        System.out.println("machine:  " + machine);
        System.out.println("settings: " + settings);
        Path dir = Files.createTempDirectory("emcomm-bench");
        try (BenchNetwork network = BenchNetwork.start(dir, terminals, simThreads)) {
            System.out.printf(Locale.ROOT, "simulator: %d agents on 127.92.x.y:%d (pid %d)%n", network.agents.size(), network.port, network.simulatorPid());
            if (parts.contains("snmp")) snmpPeers(dir, network);
            if (parts.contains("service")) service(dir, network);
        }
        if (parts.contains("geo")) geo(dir);
        if (parts.contains("memory")) {
            add("bytes_per_request_in_flight", InFlightMemory.bytesPerRequest(16_384));
            System.out.printf(Locale.ROOT, "memory: %,.0f bytes of heap per request in flight (16,384 waiting)%n", last("bytes_per_request_in_flight"));
        }
        if (parts.contains("storage")) storage();
        Map<String, Object> figures = figures();
        Map<String, Object> goals = goals(figures);
        print(figures, goals);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("at", Instant.now().toString());
        result.put("machine", machine);
        result.put("settings", settings);
        result.put("figures", figures);
        result.put("goals", goals);
        result.put("runs", samples);
        result.put("took_s", Math.round((System.nanoTime() - began) / 1e9));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.printf(Locale.ROOT, "wrote %s (%d s)%n", out, Math.round((System.nanoTime() - began) / 1e9));
    }

    /** The raw snmp4j client, net-snmp's client and the exporter, interleaved run by run so they share conditions. */
    private void snmpPeers(Path dir, BenchNetwork network) throws Exception {
        RawSnmp.run(network.agents, window, 1, 2); // JIT warm-up
        try (Peers.Exporter exporter = Peers.Exporter.start(dir)) {
            long self = ProcessHandle.current().pid();
            for (int r = 0; r < runs; r++) {
                long sim0 = cpuMicros(network.simulatorPid()), me0 = cpuMicros(self), t0 = System.nanoTime();
                RawSnmp.Run run = RawSnmp.run(network.agents, window, 1, seconds);
                double requests = run.answeredInAll(); // the CPU time covers the warm-up second too
                add("raw_req_per_s", run.perSecond());
                add("sim_cpu_us_per_req_raw", (cpuMicros(network.simulatorPid()) - sim0) / requests);
                add("raw_cpu_us_per_req", (cpuMicros(self) - me0) / requests);
                add("machine_cpu_share_raw", ((cpuMicros(network.simulatorPid()) - sim0) + (cpuMicros(self) - me0))
                        / ((System.nanoTime() - t0) / 1e3) / Runtime.getRuntime().availableProcessors());
                add("netsnmp_req_per_s", Peers.netSnmp(dir, network.agents.get(r), 20_000));
                add("exporter_req_per_s", exporter.scrapesPerSecond(network.agents, 16, 1, seconds));
                System.out.printf(Locale.ROOT, "run %d: raw %,.0f req/s, net-snmp %,.0f req/s, exporter %,.0f scrapes/s%n", r,
                        last("raw_req_per_s"), last("netsnmp_req_per_s"), last("exporter_req_per_s"));
            }
        }
    }

    private void service(Path dir, BenchNetwork network) throws Exception {
        for (int r = 0; r < runs; r++) {
            try (ServiceBench s = ServiceBench.start("bench-service-" + r, network, dir.resolve("data-" + r), Duration.ofHours(1), window)) {
                add("ready_ms", s.readyMillis());
                s.pollAll(); // warm-up
                for (int c = 0; c < 3; c++) {
                    ServiceBench.Cycle cycle = s.pollAll();
                    if (cycle.answered() != terminals) throw new IllegalStateException("cycle answered " + cycle.answered() + " of " + terminals);
                    add("cycle_10k_ms", cycle.millis());
                }
                s.declareAndReport(-1); // warm-up
                for (int i = 0; i < 2; i++) {
                    ServiceBench.Report report = s.declareAndReport(i);
                    if (report.total() != terminals || report.answered() != terminals) {
                        throw new IllegalStateException("report counted " + report.total() + " terminals, " + report.answered() + " answered");
                    }
                    add("report_10k_ms", report.millis());
                }
                add("heap_10k_mb", s.heapAfterFullGcMb());
                System.out.printf(Locale.ROOT, "service run %d: ready %.0f ms, cycle %.0f ms, report %.0f ms, heap %.1f MB%n", r,
                        last("ready_ms"), last("cycle_10k_ms"), last("report_10k_ms"), last("heap_10k_mb"));
            }
        }
        try (ServiceBench s = ServiceBench.start("bench-service-sustained", network, dir.resolve("data-sustained"), Duration.ofMillis(1), window)) {
            s.sustained(2); // warm-up
            for (int r = 0; r < runs; r++) {
                long sim0 = cpuMicros(network.simulatorPid()), svc0 = cpuMicros(s.process.pid());
                double rate = s.sustained(seconds);
                add("service_req_per_s", rate);
                add("sim_cpu_us_per_req_service", (cpuMicros(network.simulatorPid()) - sim0) / (rate * seconds));
                add("service_cpu_us_per_req", (cpuMicros(s.process.pid()) - svc0) / (rate * seconds));
                System.out.printf(Locale.ROOT, "service sustained run %d: %,.0f req/s%n", r, last("service_req_per_s"));
            }
        }
    }

    /**
     * The same terminals behind a geostationary hop (600 ms ± 30), then with 2 % loss each way: one cycle after a
     * warm-up one, and (without loss) an emergency's first report from its fresh poll. A cycle over the satellite is
     * long, so these are measured once per bench, not {@code runs} times.
     */
    private void geo(Path dir) throws Exception {
        try (BenchNetwork network = BenchNetwork.start(dir.resolve("geo"), terminals, simThreads, "geo");
             ServiceBench s = ServiceBench.start("bench-service-geo", network, dir.resolve("data-geo"), Duration.ofHours(1), window)) {
            s.pollAll(); // warm-up
            ServiceBench.Cycle cycle = s.pollAll();
            if (cycle.answered() != terminals) throw new IllegalStateException("geo cycle answered " + cycle.answered() + " of " + terminals);
            add("cycle_10k_geo_ms", cycle.millis());
            ServiceBench.Report report = s.declareAndReport(0);
            add("report_10k_geo_ms", report.millis());
            System.out.printf(Locale.ROOT, "geo: cycle %,d ms, report %,d ms (%d of %d answered)%n", cycle.millis(), report.millis(), report.answered(), report.total());
        }
        try (BenchNetwork network = BenchNetwork.start(dir.resolve("geo-loss"), terminals, simThreads, "geo,loss=0.02");
             ServiceBench s = ServiceBench.start("bench-service-geo-loss", network, dir.resolve("data-geo-loss"), Duration.ofHours(1), window)) {
            s.pollAll(); // warm-up
            ServiceBench.Cycle cycle = s.pollAll();
            add("cycle_10k_geo_loss_ms", cycle.millis());
            add("cycle_10k_geo_loss_unanswered", terminals - cycle.answered());
            System.out.printf(Locale.ROOT, "geo with 2 %% loss: cycle %,d ms, %d of %d answered%n", cycle.millis(), cycle.answered(), terminals);
        }
    }

    private void storage() throws Exception {
        for (int r = 0; r < runs; r++) add("journal_records_per_s", StorageBench.journal(20_000, 16));
        System.out.printf(Locale.ROOT, "journal: %,.0f records/s%n", median("journal_records_per_s"));
        List<SamplePoint> points = StorageBench.samples(200_000);
        try (InfluxFixture influx = InfluxFixture.start()) {
            StorageBench.service(influx, points); // warm-up
            for (int r = 0; r < runs; r++) {
                add("influx_points_per_s", StorageBench.service(influx, points));
                add("influx_raw_points_per_s", StorageBench.raw(influx, points, false));
                System.out.printf(Locale.ROOT, "influx run %d: service %,.0f points/s, raw %,.0f points/s%n", r,
                        last("influx_points_per_s"), last("influx_raw_points_per_s"));
            }
        }
    }

    private Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        double raw = median("raw_req_per_s"), service = median("service_req_per_s");
        f.put("raw_req_per_s", Math.round(raw));
        f.put("service_req_per_s", Math.round(service));
        f.put("poll_ratio_to_raw", round2(service / raw));
        f.put("cycle_10k_ms", Math.round(median("cycle_10k_ms")));
        f.put("netsnmp_req_per_s", Math.round(median("netsnmp_req_per_s")));
        f.put("exporter_req_per_s", Math.round(median("exporter_req_per_s")));
        f.put("service_to_exporter", round2(service / median("exporter_req_per_s")));
        f.put("report_10k_ms", Math.round(median("report_10k_ms")));
        f.put("journal_records_per_s", Math.round(median("journal_records_per_s")));
        f.put("influx_points_per_s", Math.round(median("influx_points_per_s")));
        f.put("influx_raw_points_per_s", Math.round(median("influx_raw_points_per_s")));
        f.put("influx_ratio_to_raw", round2(median("influx_points_per_s") / median("influx_raw_points_per_s")));
        f.put("heap_10k_mb", round2(median("heap_10k_mb")));
        // Where the CPU goes (from /proc): the client and the simulator share the machine's cores.
        f.put("raw_cpu_us_per_req", round2(median("raw_cpu_us_per_req")));
        f.put("service_cpu_us_per_req", round2(median("service_cpu_us_per_req")));
        f.put("sim_cpu_us_per_req", round2(median("sim_cpu_us_per_req_raw")));
        f.put("service_cpu_per_req_ratio", round2(median("service_cpu_us_per_req") / median("raw_cpu_us_per_req")));
        f.put("machine_cpu_share_raw", round2(median("machine_cpu_share_raw")));
        f.put("ready_ms", Math.round(median("ready_ms")));
        if (samples.containsKey("bytes_per_request_in_flight")) f.put("bytes_per_request_in_flight", Math.round(median("bytes_per_request_in_flight")));
        if (samples.containsKey("cycle_10k_geo_ms")) {
            f.put("cycle_10k_geo_ms", Math.round(median("cycle_10k_geo_ms")));
            f.put("cycle_10k_geo_loss_ms", Math.round(median("cycle_10k_geo_loss_ms")));
            f.put("cycle_10k_geo_loss_unanswered", Math.round(median("cycle_10k_geo_loss_unanswered")));
            f.put("report_10k_geo_ms", Math.round(median("report_10k_geo_ms")));
        }
        return f;
    }

    private static Map<String, Object> goals(Map<String, Object> f) {
        Map<String, Object> g = new LinkedHashMap<>();
        goal(g, "poll_ratio_to_raw", ">= 0.5", num(f, "poll_ratio_to_raw") >= 0.5);
        goal(g, "cycle_10k_ms", "<= 1000", num(f, "cycle_10k_ms") <= 1000);
        goal(g, "report_10k_ms", "<= 2000", num(f, "report_10k_ms") <= 2000);
        goal(g, "heap_10k_mb", "<= 256", num(f, "heap_10k_mb") <= 256);
        goal(g, "ready_ms", "<= 3000", num(f, "ready_ms") <= 3000);
        goal(g, "influx_ratio_to_raw", ">= 0.8", num(f, "influx_ratio_to_raw") >= 0.8);
        goal(g, "service_to_exporter", ">= 5", num(f, "service_to_exporter") >= 5);
        goal(g, "service_cpu_per_req_ratio", "<= 1.5", num(f, "service_cpu_per_req_ratio") <= 1.5);
        if (f.containsKey("cycle_10k_geo_ms")) {
            // the physical floor of a cycle over one geostationary hop is one round trip, about 600 ms
            goal(g, "cycle_10k_geo_ms", "<= 1000", num(f, "cycle_10k_geo_ms") <= 1000);
            goal(g, "cycle_10k_geo_loss_ms", "<= 2500", num(f, "cycle_10k_geo_loss_ms") <= 2500);
            goal(g, "cycle_10k_geo_loss_unanswered", "0", num(f, "cycle_10k_geo_loss_unanswered") == 0);
            goal(g, "report_10k_geo_ms", "<= 2500", num(f, "report_10k_geo_ms") <= 2500);
        }
        return g;
    }

    private static void goal(Map<String, Object> g, String key, String goal, boolean met) {
        g.put(key, Map.of("goal", goal, "met", met));
    }

    private void print(Map<String, Object> figures, Map<String, Object> goals) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-26s %14s   %-10s %s%n", "figure (median of " + runs + ")", "value", "goal", "");
        figures.forEach((k, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) goals.get(k);
            String goal = g == null ? "" : (String) g.get("goal");
            String met = g == null ? "" : Boolean.TRUE.equals(g.get("met")) ? "met" : "MISSED";
            String value = v instanceof Double d ? String.format(Locale.ROOT, "%,.2f", d) : String.format(Locale.ROOT, "%,d", (Long) v);
            System.out.printf(Locale.ROOT, "%-26s %14s   %-10s %s%n", k, value, goal, met);
        });
        System.out.println();
    }

    private static double num(Map<String, Object> f, String k) { return ((Number) f.get(k)).doubleValue(); }

    private static double round2(double d) { return Math.round(d * 100) / 100.0; }

    private void add(String key, double value) { samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value); }

    private double last(String key) { List<Double> l = samples.get(key); return l.get(l.size() - 1); }

    private double median(String key) {
        List<Double> l = new ArrayList<>(samples.getOrDefault(key, List.of(Double.NaN)));
        Collections.sort(l);
        int n = l.size();
        return n % 2 == 1 ? l.get(n / 2) : (l.get(n / 2 - 1) + l.get(n / 2)) / 2;
    }

    private static Map<String, Object> machine() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        String cpu = "unknown";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        }
        m.put("cpu", cpu);
        Path mem = Path.of("/proc/meminfo");
        if (Files.isReadable(mem)) {
            m.put("memory_gib", Files.readAllLines(mem).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0 * 10) / 10.0).findFirst().orElse(0.0));
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        return m;
    }

    /** CPU time (user + system) a process has used so far, in microseconds, from /proc (Linux). */
    static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            return ticks * 1_000_000L / 100; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }

    private static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
