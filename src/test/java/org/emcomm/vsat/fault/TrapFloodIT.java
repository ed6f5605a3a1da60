package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.testing.Ber;
import org.emcomm.vsat.testing.ServiceProcess;
import org.emcomm.vsat.testing.TestNetwork;
import org.junit.jupiter.api.Test;

/**
 * 10,000 traps a second for 10 seconds at the packaged service (256 MB heap): link-down/up traps naming real
 * terminals, and unknown ones that each go to the journal. The API must answer within a second throughout. Then an
 * unpaced burst, more than the worker can take, must overflow the queue visibly. The heap after both must be where it
 * was, the log must not flood, and every trap must be accounted for: handled, dropped from the full queue (counted,
 * in GET /api/traps and the metrics), or dropped by the kernel before the service could read it.
 */
class TrapFloodIT {
    static final int RATE = 10_000;
    static final int SECONDS = 10;
    static final int BURST = 60_000;

    @Test
    void floodIsBoundedCountedAndTheApiStaysResponsive() throws Exception {
        Path dir = FaultIT.network(40, "127.98");
        Inventory inventory = new ConfigLoader(name -> null).load(dir, TestNetwork.projectProfiles());
        List<Terminal> agents = inventory.terminals().stream().filter(t -> !t.viaHub()).toList();
        int trapPort = TestNetwork.freeUdpPort();
        Map<String, String> props = FaultIT.props(dir, Files.createTempDirectory("emcomm-flood-data"), "1h");
        props.put("emcomm.simulator.enabled", "false"); // no agents answer: the first cycle times out, the flood has the CPU
        props.put("emcomm.traps.port", String.valueOf(trapPort));
        try (ServiceProcess service = ServiceProcess.start("trap-flood", props, List.of("-Xmx256m"), Duration.ofSeconds(60))) {
            long heapBefore = FaultIT.heapAfterGc(service, "op", FaultIT.PASSWORD);
            // Pre-encoded v2c traps: linkDown/linkUp of real terminals (by RFC 3584 agent address), and unknown ones.
            List<byte[]> traps = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Terminal t = agents.get(i % agents.size());
                String[] ip = t.agent().host().split("\\.");
                String oid = switch (i % 4) {
                    case 0 -> "1.3.6.1.6.3.1.1.5.3";
                    case 1 -> "1.3.6.1.6.3.1.1.5.4";
                    default -> "1.3.6.1.4.1.99999.0." + i;
                };
                traps.add(Ber.v2c("public", Ber.TRAP_V2, 1000 + i, 0, 0,
                        Ber.varbind("1.3.6.1.2.1.1.3.0", Ber.integer(Ber.TIMETICKS, 12345 + i)),
                        Ber.varbind("1.3.6.1.6.3.1.1.4.1.0", Ber.oid(oid)),
                        Ber.varbind("1.3.6.1.6.3.18.1.3.0", Ber.ip(Integer.parseInt(ip[0]), Integer.parseInt(ip[1]), Integer.parseInt(ip[2]), Integer.parseInt(ip[3]))),
                        Ber.varbind("1.3.6.1.2.1.2.2.1.1.1", Ber.integer(1))));
            }
            // A running service has served its status page before: warm the endpoint (and this client) first, so the
            // figure is the flood's effect, not the first call's class loading (425 ms here without a flood in sight).
            long coldMillis = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                assertThat(FaultIT.call(service, "GET", "/api/network/status", "op", null).statusCode()).isEqualTo(200);
                if (i == 0) coldMillis = (System.nanoTime() - t0) / 1_000_000;
            }
            long kernelDropsBefore = udpReceiveErrors();
            List<Long> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicLong sent = new AtomicLong();
            // The flood the issue asks for: 10,000 a second for 10 seconds.
            Thread flood = sender(traps, trapPort, (long) RATE * SECONDS, RATE, sent);
            long started = System.nanoTime();
            flood.start();
            while (flood.isAlive()) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = FaultIT.call(service, "GET", "/api/network/status", "op", null);
                latencies.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(r.statusCode()).isEqualTo(200);
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long floodSent = sent.get();
            long droppedInFlood = number(FaultIT.call(service, "GET", "/api/traps", "op", null).body(), "dropped");
            // Then more than the worker can take: as fast as this sender goes, so the queue overflows and the overflow
            // must be counted and shown.
            Thread burst = sender(traps, trapPort, BURST, 0, sent);
            burst.start();
            burst.join();
            // Let the queue drain, then account for every trap.
            long deadline = System.nanoTime() + 120_000_000_000L;
            String traps200;
            do {
                Thread.sleep(500);
                traps200 = FaultIT.call(service, "GET", "/api/traps", "op", null).body();
            } while (!traps200.contains("\"queued\":0,") && System.nanoTime() < deadline);
            long dropped = number(traps200, "dropped");
            String metrics = FaultIT.call(service, "GET", "/q/metrics", null, null).body();
            long mapped = FaultIT.metric(metrics, "emcomm_traps_total\\{outcome=\"mapped\"", false);
            long unknown = FaultIT.metric(metrics, "emcomm_traps_total\\{outcome=\"unknown\"", false);
            long droppedMetric = FaultIT.metric(metrics, "emcomm_traps_dropped_total", false);
            long kernelDrops = udpReceiveErrors() - kernelDropsBefore;
            long heapAfter = FaultIT.heapAfterGc(service, "op", FaultIT.PASSWORD);
            long maxLatency = latencies.stream().mapToLong(Long::longValue).max().orElse(-1);
            List<Long> sorted = latencies.stream().sorted().toList();
            System.out.printf("trap flood: API latencies (ms) before the flood: first call %d; during it: p50 %d, p90 %d, max %d%n", coldMillis,
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 9 / 10), maxLatency);
            System.out.printf("trap flood: %d traps in %.1f s (%.0f/s), %d dropped from the full queue during it; then a burst of %d unpaced;"
                            + " in all handled %d (mapped %d, unknown %d), dropped from the full queue %d, dropped by the kernel %d;"
                            + " API max %d ms over %d calls during the flood; heap after GC %d MB before, %d MB after%n",
                    floodSent, seconds, floodSent / seconds, droppedInFlood, BURST, mapped + unknown, mapped, unknown, dropped, kernelDrops, maxLatency,
                    latencies.size(), heapBefore >> 20, heapAfter >> 20);
            assertThat(seconds).as("the flood kept its pace").isLessThan(SECONDS * 1.5);
            assertThat(dropped).as("the burst overflowed the queue, and that was counted").isPositive();
            assertThat(maxLatency).as("slowest API answer during the flood (ms)").isLessThan(1000);
            assertThat(droppedMetric).as("the metric and the API agree").isEqualTo(dropped);
            assertThat(mapped + unknown + dropped).as("handled and counted as dropped").isLessThanOrEqualTo(sent.get());
            assertThat(mapped + unknown + dropped + kernelDrops).as("every trap accounted for").isGreaterThanOrEqualTo(sent.get());
            assertThat(heapAfter - heapBefore).as("heap growth after the flood, after GC").isLessThan(48L << 20);
            String log = Files.readString(service.log);
            assertThat(log).contains("trap flood: queue full");
            // Not a log flood: unknown traps are logged one by one up to 20 per 10 s, then counted in one line.
            long unknownLines = log.lines().filter(l -> l.contains("unknown trap 1.3.6")).count();
            System.out.printf("trap flood: %d unknown traps handled, %d logged one by one, log %d lines%n", unknown, unknownLines, log.lines().count());
            assertThat(unknownLines).as("unknown traps logged one by one").isLessThanOrEqualTo(20L * (long) Math.ceil(seconds / 10 + 3));
            assertThat(log).contains("more unknown traps in the last");
        }
    }

    /** A thread sending {@code count} of these traps to the port, {@code rate} a second (in bursts of 50, sleeping between
     * them rather than spinning, so the sender does not take one of the machine's two cores), or unpaced when 0. */
    static Thread sender(List<byte[]> traps, int port, long count, int rate, AtomicLong sent) {
        return new Thread(() -> {
            try (DatagramChannel ch = DatagramChannel.open()) {
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
                long start = System.nanoTime();
                for (long n = 0; n < count; n++) {
                    if (rate > 0 && n % 50 == 0) {
                        long wait = start + n * 1_000_000_000L / rate - System.nanoTime();
                        if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    ch.send(ByteBuffer.wrap(traps.get((int) (n % traps.size()))), to);
                    sent.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "trap-sender");
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) throw new AssertionError(field + " not in " + json.substring(0, Math.min(300, json.length())));
        return Long.parseLong(m.group(1));
    }

    /** Datagrams the kernel dropped for full receive buffers, system-wide (/proc/net/snmp Udp RcvbufErrors). */
    static long udpReceiveErrors() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Udp:")).toList();
        String[] names = lines.get(0).split("\\s+");
        String[] values = lines.get(1).split("\\s+");
        for (int i = 0; i < names.length; i++) if (names[i].equals("RcvbufErrors")) return Long.parseLong(values[i]);
        return 0;
    }
}
