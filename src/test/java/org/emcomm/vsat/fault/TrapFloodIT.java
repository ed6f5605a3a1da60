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
 * terminals, and unknown ones that each go to the journal. The API must answer within a second throughout, the
 * heap after the flood must be where it was, and every trap must be accounted for: handled, dropped from the full
 * queue (counted, in GET /api/traps and the metrics), or dropped by the kernel before the service could read it.
 */
class TrapFloodIT {
    static final int RATE = 10_000;
    static final int SECONDS = 10;

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
            long kernelDropsBefore = udpReceiveErrors();
            List<Long> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicLong sent = new AtomicLong();
            Thread flood = new Thread(() -> {
                try (DatagramChannel ch = DatagramChannel.open()) {
                    InetSocketAddress to = new InetSocketAddress("127.0.0.1", trapPort);
                    long start = System.nanoTime();
                    long total = (long) RATE * SECONDS;
                    for (long n = 0; n < total; n++) {
                        // pace: trap n leaves at n / RATE seconds, in bursts of 50 (5 ms), sleeping between them rather than
                        // spinning, so the sender does not take one of the machine's two cores from the service
                        if (n % 50 == 0) {
                            long wait = start + n * 1_000_000_000L / RATE - System.nanoTime();
                            if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        ch.send(ByteBuffer.wrap(traps.get((int) (n % traps.size()))), to);
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "flood");
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
            System.out.printf("trap flood: %d traps in %.1f s (%.0f/s); handled %d (mapped %d, unknown %d), dropped from the full queue %d,"
                            + " dropped by the kernel %d; API max %d ms over %d calls; heap after GC %d MB before, %d MB after%n",
                    sent.get(), seconds, sent.get() / seconds, mapped + unknown, mapped, unknown, dropped, kernelDrops, maxLatency, latencies.size(),
                    heapBefore >> 20, heapAfter >> 20);
            assertThat(seconds).as("the flood kept its pace").isLessThan(SECONDS * 1.5);
            assertThat(maxLatency).as("slowest API answer during the flood (ms)").isLessThan(1000);
            assertThat(droppedMetric).as("the metric and the API agree").isEqualTo(dropped);
            assertThat(mapped + unknown + dropped).as("handled and counted as dropped").isLessThanOrEqualTo(sent.get());
            assertThat(mapped + unknown + dropped + kernelDrops).as("every trap accounted for").isGreaterThanOrEqualTo(sent.get());
            assertThat(heapAfter - heapBefore).as("heap growth after the flood, after GC").isLessThan(48L << 20);
            if (dropped > 0) assertThat(Files.readString(service.log)).contains("trap flood: queue full");
        }
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
