package org.emcomm.vsat.fault;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.testing.ServiceProcess;

/**
 * The soak run ({@code make soak}, outside make test): the packaged service on the demo network for MINUTES
 * (default 30), polling every 10 s instead of 30 s, with a scenario started every minute in turn (terminal down,
 * rain fade, hub outage, beam outage, flapping, slow agent, garbage values) and records written meanwhile (support
 * tasks, incident acknowledgements). Every 30 s the heap is measured after a full GC (jcmd GC.run). At the end it
 * prints the series and the least-squares slope of the heap after the first 5 minutes, writes
 * bench/results/soak.json, and fails when the slope is above MAX_SLOPE_MB_PER_HOUR (default 10).
 */
public final class Soak {
    static final String[] SCENARIOS = {"TERMINAL_DOWN", "RAIN_FADE", "HUB_OUTAGE", "BEAM_OUTAGE", "FLAPPING", "SLOW_AGENT", "GARBAGE_VALUES"};

    public static void main(String[] args) throws Exception {
        int minutes = Integer.parseInt(System.getenv().getOrDefault("MINUTES", "30"));
        double maxSlope = Double.parseDouble(System.getenv().getOrDefault("MAX_SLOPE_MB_PER_HOUR", "10"));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.profile", "demo");
        props.put("emcomm.data-dir", Files.createTempDirectory("emcomm-soak").toString());
        props.put("emcomm.polling.interval", "10s");
        props.put("emcomm.traps.port", "0");
        List<long[]> heap = new ArrayList<>(); // {seconds since start, bytes}
        long records = 0, errors = 0;
        try (ServiceProcess s = ServiceProcess.start("soak", props, List.of("-Xmx512m"), Duration.ofSeconds(120))) {
            System.out.printf("soak: %d minutes on the demo network, pid %d, log %s%n", minutes, s.pid(), s.log);
            List<String> terminals = ids(call(s, "GET", "/api/terminals", null).body(), "\"id\":\"(T-[^\"]+)\"");
            List<String> hubs = ids(call(s, "GET", "/api/network/status", null).body(), "\"id\":\"(hub-[^\"]+)\"");
            List<String> beams = ids(call(s, "GET", "/api/terminals", null).body(), "\"beam\":\"([^\"]+)\"");
            List<String> regions = ids(call(s, "GET", "/api/terminals", null).body(), "\"province\":\"([^\"]+)\"");
            // support tasks belong to an emergency: one open for the whole run
            String emergency = ids(call(s, "POST", "/api/emergencies", "{\"title\":\"Soak flood\",\"type\":\"FLOOD\",\"regions\":[\""
                    + regions.get(0) + "\"],\"onsetAt\":\"" + OffsetDateTime.now() + "\"}").body(), "\"id\":\"(EM-[^\"]+)\"").get(0);
            long start = System.nanoTime();
            long end = start + Duration.ofMinutes(minutes).toNanos();
            int tick = 0;
            while (System.nanoTime() < end) {
                if (tick % 6 == 0) { // every minute: the next scenario
                    String type = SCENARIOS[(tick / 6) % SCENARIOS.length];
                    String target = switch (type) {
                        case "RAIN_FADE" -> pick(regions, tick);
                        case "HUB_OUTAGE" -> pick(hubs, tick);
                        case "BEAM_OUTAGE" -> pick(beams, tick);
                        default -> pick(terminals, tick);
                    };
                    HttpResponse<String> r = call(s, "POST", "/api/simulator/scenarios",
                            "{\"type\":\"" + type + "\",\"target\":\"" + target + "\",\"durationSeconds\":45}");
                    if (r.statusCode() != 201) errors += refused("scenario " + type + " on " + target, r);
                }
                // records: a task, and an acknowledgement of an open incident when there is one
                HttpResponse<String> t = call(s, "POST", "/api/tasks", "{\"title\":\"Soak task " + tick + "\",\"emergency\":\"" + emergency + "\",\"dueAt\":\""
                        + OffsetDateTime.now().plusHours(2) + "\"}");
                if (t.statusCode() == 201) records++; else errors += refused("task", t);
                List<String> open = ids(call(s, "GET", "/api/incidents?status=OPEN", null).body(), "\"id\":\"(INC-[^\"]+)\"");
                if (!open.isEmpty()) {
                    if (call(s, "POST", "/api/incidents/" + open.get(0) + "/acknowledge", "{\"note\":\"soak\"}").statusCode() == 200) records++;
                }
                if (tick % 3 == 0) { // every 30 s: the heap after a full GC
                    long used = FaultIT.heapAfterGc(s, "admin", "admin");
                    long at = (System.nanoTime() - start) / 1_000_000_000L;
                    heap.add(new long[] {at, used});
                    System.out.printf("  %5d s  heap after GC %6.1f MB  records %d%n", at, used / 1048576.0, records);
                }
                tick++;
                Thread.sleep(10_000);
            }
            String verify = call(s, "GET", "/api/journal/verify", null).body();
            double slope = slopeMbPerHour(heap, 300);
            long first = heap.get(0)[1], last = heap.get(heap.size() - 1)[1];
            String json = String.format(Locale.ROOT, "{\"minutes\":%d,\"samples\":%d,\"heapFirstMb\":%.1f,\"heapLastMb\":%.1f,\"slopeMbPerHour\":%.2f,"
                    + "\"records\":%d,\"errors\":%d,\"journalVerify\":%s}%n", minutes, heap.size(), first / 1048576.0, last / 1048576.0, slope, records, errors, verify);
            Files.createDirectories(Path.of("bench/results"));
            Files.writeString(Path.of("bench/results/soak.json"), json);
            System.out.printf(Locale.ROOT, "soak: %d min, %d heap samples, heap after GC %.1f MB -> %.1f MB, slope after 5 min %.2f MB/h (limit %.1f);"
                    + " %d records written, %d refused calls; journal %s%n", minutes, heap.size(), first / 1048576.0, last / 1048576.0, slope, maxSlope,
                    records, errors, verify);
            if (slope > maxSlope || !verify.contains("\"ok\":true")) System.exit(1);
        }
    }

    /** Prints a refused call, so the run shows what was refused and why; counts 1. */
    static int refused(String what, HttpResponse<String> r) {
        String body = r.body();
        System.out.printf("  refused: %s: %d %s%n", what, r.statusCode(), body.length() > 300 ? body.substring(0, 300) : body);
        return 1;
    }

    static String pick(List<String> from, int tick) { return from.get((tick * 7919) % from.size()); }

    static List<String> ids(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        List<String> out = new ArrayList<>();
        while (m.find()) if (!out.contains(m.group(1))) out.add(m.group(1));
        return out;
    }

    /** Least-squares slope of the heap over time, in MB per hour, leaving out the first {@code warmUpSeconds}. */
    static double slopeMbPerHour(List<long[]> points, long warmUpSeconds) {
        List<long[]> p = points.stream().filter(x -> x[0] >= warmUpSeconds).toList();
        if (p.size() < 2) p = points;
        double n = p.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (long[] x : p) {
            sx += x[0];
            sy += x[1];
            sxx += (double) x[0] * x[0];
            sxy += (double) x[0] * x[1];
        }
        double denominator = n * sxx - sx * sx;
        if (denominator == 0) return 0;
        double bytesPerSecond = (n * sxy - sx * sy) / denominator;
        return bytesPerSecond * 3600 / 1048576.0;
    }

    /** As the demo's admin (README). */
    static HttpResponse<String> call(ServiceProcess s, String method, String path, String json) {
        return FaultIT.call(s, method, path, "admin", "admin", json);
    }
}
