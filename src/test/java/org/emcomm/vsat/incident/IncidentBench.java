package org.emcomm.vsat.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.emcomm.vsat.health.NetworkHealth;
import org.emcomm.vsat.health.TerminalState;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.DeviceProfile;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.journal.Journal;
import org.emcomm.vsat.polling.MetricValue;
import org.emcomm.vsat.polling.Sample;
import org.emcomm.vsat.simulator.NetworkGenerator;

/**
 * {@code make bench-incidents}: samples per second through the incident engine (detection, reduction,
 * correlation and grading) for a network of 10,000 terminals, with every event it decides appended
 * to a real fsync'd journal. Two loads: clear sky (no transitions: the steady state) and a storm
 * (hub-bj's agent silent for its 6,000 terminals, a rain fade over a province, 100 terminals
 * flapping). The peer, measured in the same run on the same samples, is the health state machines
 * (profile rules + hysteresis) every sample already passes through. Medians of 3 runs.
 */
public final class IncidentBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int terminals = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.printf("machine: %d cores, JDK %s; %d terminals, %d rounds per load%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), terminals, rounds);
        Path dir = Files.createTempDirectory("emcomm-bench-incidents");
        NetworkGenerator.write(dir, terminals, NetworkGenerator.Mix.DEMO, "127.90", 1161);
        Inventory inv = new ConfigLoader(name -> null).load(dir, Path.of("config/profiles"));
        List<Terminal> all = List.copyOf(inv.terminals());
        double[] clear = new double[3], storm = new double[3], peer = new double[3];
        long events = 0;
        run(inv, all, rounds, dir.resolve("journal-warm-up")); // JIT warm-up, not counted
        for (int run = 0; run < 3; run++) {
            Result r = run(inv, all, rounds, dir.resolve("journal-" + run));
            clear[run] = r.clearRate;
            storm[run] = r.stormRate;
            peer[run] = r.healthRate;
            events = r.events;
            System.out.printf("run %d: clear sky %,.0f samples/s, storm %,.0f samples/s (%,d events journaled), health peer %,.0f samples/s%n",
                    run + 1, r.clearRate, r.stormRate, r.events, r.healthRate);
        }
        double c = median(clear), s = median(storm), p = median(peer);
        System.out.printf("%nincident engine, clear sky: %,.0f samples/s (ratio to the health peer %.2f)%n", c, c / p);
        System.out.printf("incident engine, storm:     %,.0f samples/s (ratio to the health peer %.2f; %,d events fsync'd per run)%n", s, s / p, events);
        System.out.printf("health state machines (peer): %,.0f samples/s%n", p);
        System.out.printf("need for %,d terminals polled every 60 s: %,.0f samples/s -> headroom x%,.0f in a storm%n",
                all.size(), all.size() / 60.0, s / (all.size() / 60.0));
        System.exit(0);
    }

    record Result(double clearRate, double stormRate, double healthRate, long events) {}

    static Result run(Inventory inv, List<Terminal> all, int rounds, Path journalDir) {
        Journal journal = Journal.open(journalDir, new Journal.Options(64 << 20, false), e -> { });
        IncidentBook book = new IncidentBook();
        long[] events = {0};
        Map<String, Integer> byType = new java.util.TreeMap<>();
        IncidentEngine engine = new IncidentEngine(inv, IncidentRules.DEFAULT, MajorRule.DEFAULT, OperationsCalendar.NONE, book,
                (type, id, actor, payload, at) -> {
                    try {
                        var e = journal.append(IncidentBook.STREAM, type, id, actor, JSON.writeValueAsString(payload), at);
                        book.apply(e.seq(), type, id, actor, at, payload);
                        events[0]++;
                        byType.merge(type, 1, Integer::sum);
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                });
        Random random = new Random(7);
        Map<String, Double> clearSky = new HashMap<>();
        for (Terminal t : all) clearSky.put(t.id(), 9 + random.nextDouble() * 5);
        Instant t0 = Instant.parse("2026-07-01T00:00:00Z");
        // first poll: every terminal UP
        for (Terminal t : all) engine.poll(new PollSignal(t, t0, TerminalState.UP, "first poll", TerminalState.UNKNOWN, true, false, false, false, clearSky.get(t.id()), 100.0));
        long start = System.nanoTime();
        for (int r = 1; r <= rounds; r++) {
            Instant at = t0.plusSeconds(60L * r);
            for (Terminal t : all) {
                engine.poll(new PollSignal(t, at, TerminalState.UP, null, null, true, false, false, false, clearSky.get(t.id()) + random.nextGaussian() * 0.3, 100.0 + 60 * r));
            }
            engine.tick(at);
        }
        double clearRate = (double) rounds * all.size() / ((System.nanoTime() - start) / 1e9);

        Map<String, TerminalState> state = new HashMap<>();
        for (Terminal t : all) state.put(t.id(), TerminalState.UP);
        List<Terminal> flappers = all.stream().filter(t -> !t.hub().equals("hub-bj")).limit(100).toList();
        long before = events[0];
        start = System.nanoTime();
        for (int r = 1; r <= rounds; r++) {
            Instant at = t0.plusSeconds(3600 + 60L * r);
            for (Terminal t : all) {
                boolean hubDown = t.hub().equals("hub-bj") && r <= rounds / 2;
                boolean fade = t.region().startsWith("sc-") && r <= rounds / 2;
                TerminalState to = hubDown ? (t.viaHub() ? TerminalState.UNKNOWN : TerminalState.DOWN)
                        : flappers.contains(t) && r % 2 == 0 ? TerminalState.DOWN : fade ? TerminalState.DEGRADED : TerminalState.UP;
                TerminalState from = state.put(t.id(), to);
                double esNo = clearSky.get(t.id()) - (fade ? 6 : 0);
                // a down terminal reports its lost lock (answered); a remote behind the silent hub cannot be read
                engine.poll(new PollSignal(t, at, to, "bench", from == to ? null : from, !(hubDown && t.viaHub()),
                        hubDown && t.viaHub(), false, to == TerminalState.DOWN, esNo, 100.0 + 60.0 * (rounds + r)));
            }
            engine.tick(at);
        }
        double stormRate = (double) rounds * all.size() / ((System.nanoTime() - start) / 1e9);
        journal.close();
        System.out.println("  events by type: " + byType);

        NetworkHealth health = new NetworkHealth(inv, Clock.fixed(t0, ZoneOffset.UTC));
        List<Sample> samples = new ArrayList<>();
        for (Terminal t : all) samples.add(sample(inv, t, t0, clearSky.get(t.id())));
        for (Sample s : samples) health.accept(s);
        start = System.nanoTime();
        for (int r = 0; r < rounds * 2; r++) for (Sample s : samples) health.accept(s);
        double healthRate = (double) rounds * 2 * samples.size() / ((System.nanoTime() - start) / 1e9);
        return new Result(clearRate, stormRate, healthRate, events[0] - before);
    }

    static Sample sample(Inventory inv, Terminal t, Instant at, double esNo) {
        DeviceProfile p = inv.profile(t.profile());
        Map<String, MetricValue> m = new HashMap<>();
        for (DeviceProfile.Metric metric : p.metrics()) {
            MetricValue v = switch (metric.type()) {
                case ENUM -> {
                    var first = metric.enumValues().entrySet().iterator().next();
                    yield new MetricValue.Label(first.getValue(), Long.parseLong(first.getKey()), first.getKey());
                }
                case TEXT -> new MetricValue.Text("ok");
                default -> new MetricValue.Reading(metric.name().equals(p.signals().esNo()) ? esNo : 20, "20");
            };
            m.put(metric.name(), v);
        }
        return new Sample(t.id(), at, Sample.PollStatus.ANSWERED, m, 600_000, null);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
