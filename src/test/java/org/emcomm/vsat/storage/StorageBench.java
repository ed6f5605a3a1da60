package org.emcomm.vsat.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.emcomm.vsat.journal.Journal;
import org.emcomm.vsat.testing.InfluxFixture;

/**
 * {@code make bench-storage}: fsync'd journal appends per second (16 concurrent writers, and one),
 * and samples per second into the real influxd 1.6.7 through the service's writer, next to plain
 * line-protocol POSTs of the same points in the same run. Medians of 3 runs.
 */
public final class StorageBench {
    public static void main(String[] args) throws Exception {
        try {
            bench(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void bench(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        System.out.printf("machine: %d cores, JDK %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"));
        double j16 = median(() -> journal(events, 16));
        double j1 = median(() -> journal(Math.min(events, 2_000), 1));
        System.out.printf("journal_records_per_s      %,10.0f  (16 writers, fsync'd group commit, %d events per run)%n", j16, events);
        System.out.printf("journal_records_per_s_1    %,10.0f  (1 writer: one fsync per event)%n", j1);

        try (InfluxFixture influx = InfluxFixture.start()) {
            List<SamplePoint> sample = samples(points);
            double service = median(() -> service(influx, sample));
            double raw = median(() -> raw(influx, sample, false));
            double direct = median(() -> raw(influx, sample, true));
            System.out.printf("influx_points_per_s        %,10.0f  (service writer: influxdb-client-java, batches of 5000, %d points)%n", service, points);
            System.out.printf("influx_raw_points_per_s    %,10.0f  (plain POST /write of the same lines, 5000 per request, 1 connection, same front)%n", raw);
            System.out.printf("ratio service/raw          %10.2f%n", service / raw);
            System.out.printf("influx_raw_direct_points_per_s %,6.0f  (the same POSTs straight to influxd, no front: 10 fields, 10,000 series per run)%n", direct);
        }
    }

    public interface Run { double go() throws Exception; }

    public static double median(Run r) throws Exception {
        double[] v = new double[3];
        for (int i = 0; i < v.length; i++) v[i] = r.go();
        Arrays.sort(v);
        return v[1];
    }

    public static double journal(int events, int writers) throws Exception {
        Path dir = Files.createTempDirectory("bench-journal");
        String payload = "{\"terminal\":\"T-SC-00001\",\"note\":\"" + "x".repeat(200) + "\"}";
        try (Journal j = Journal.open(dir, Journal.Options.DEFAULT, e -> { })) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            long start = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < events / writers; i++) j.append("incident", "incident.noted", "I-1", "op", payload, Instant.now());
                }));
            }
            for (Future<?> f : all) f.get();
            double rate = (events / writers * writers) / ((System.nanoTime() - start) / 1e9);
            pool.shutdown();
            return rate;
        }
    }

    public static List<SamplePoint> samples(int n) {
        List<SamplePoint> out = new ArrayList<>(n);
        Instant t0 = Instant.parse("2026-11-21T00:00:00Z");
        for (int i = 0; i < n; i++) {
            int terminal = i % 10_000;
            out.add(new SamplePoint(String.format("T-%05d", terminal), "r" + terminal % 30, "hub-" + terminal % 4, "beam-" + terminal % 8,
                    "idirect-nms", t0.plusSeconds(60L * (i / 10_000)), "UP", "ANSWERED", 800,
                    Map.of("esno", 10.0 + i % 7, "rx_power", -45.5, "tx_power", 3.0, "buc_temp", 41.0, "state", 1.0,
                            "cpu", 12.0, "ber", 1e-7, "uptime", 86400.0 + i, "in_octets", 1.0e9 + i, "out_octets", 5.0e8 + i)));
        }
        return out;
    }

    private static int run;

    public static double service(InfluxFixture influx, List<SamplePoint> points) throws Exception {
        String db = "bench_service_" + (run++);
        influx.query("CREATE DATABASE " + db);
        Path spool = Files.createTempDirectory("bench-spool");
        try (InfluxConnection c = InfluxConnection.open(InfluxStorageTest.config(influx.url(), db + "/autogen", 256L << 20));
             InfluxSampleStore store = new InfluxSampleStore(c, spool, 256L << 20, 5000, Duration.ofMillis(100))) {
            long start = System.nanoTime();
            for (SamplePoint p : points) store.write(p);
            store.flush();
            double rate = points.size() / ((System.nanoTime() - start) / 1e9);
            long stored = influx.count(db, "terminal_state_code", "sample", null);
            if (stored != points.size()) throw new IllegalStateException("stored " + stored + " of " + points.size());
            return rate;
        }
    }

    public static double raw(InfluxFixture influx, List<SamplePoint> points, boolean direct) throws Exception {
        String db = "bench_raw_" + (run++);
        influx.query("CREATE DATABASE " + db);
        List<String> lines = points.stream().map(InfluxSampleStore::line).toList();
        HttpClient http = HttpClient.newHttpClient();
        // through the same translating front as the service, so both pay the same extra local hop
        URI uri = URI.create((direct ? influx.rawUrl() : influx.url()) + "/write?db=" + db + "&precision=ms");
        long start = System.nanoTime();
        for (int i = 0; i < lines.size(); i += 5000) {
            String body = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 5000)));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 204) throw new IllegalStateException("raw write " + r.statusCode() + ": " + r.body());
        }
        return lines.size() / ((System.nanoTime() - start) / 1e9);
    }
}
