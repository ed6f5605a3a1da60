package org.emcomm.vsat.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emcomm.vsat.inventory.ConfigLoader;
import org.emcomm.vsat.inventory.Inventory;
import org.emcomm.vsat.inventory.Topology.Terminal;
import org.emcomm.vsat.security.PasswordHash;
import org.emcomm.vsat.simulator.NetworkGenerator;
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
    static final String PASSWORD = "flood-password-1";
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void floodIsBoundedCountedAndTheApiStaysResponsive() throws Exception {
        Path dir = Files.createTempDirectory("emcomm-flood");
        NetworkGenerator.write(dir, 40, NetworkGenerator.Mix.DEMO, "127.98", TestNetwork.freeUdpPort());
        Files.writeString(dir.resolve("users.yaml"), "users:\n  op: {password: \"" + PasswordHash.hash(PASSWORD) + "\", roles: [operator]}\n");
        Inventory inventory = new ConfigLoader(name -> null).load(dir, TestNetwork.projectProfiles());
        List<Terminal> agents = inventory.terminals().stream().filter(t -> !t.viaHub()).toList();
        int trapPort = TestNetwork.freeUdpPort();
        Map<String, String> props = Map.of("emcomm.config-dir", dir.toString(),
                "emcomm.profiles-dir", TestNetwork.projectProfiles().toAbsolutePath().toString(),
                "emcomm.data-dir", Files.createTempDirectory("emcomm-flood-data").toString(),
                "emcomm.polling.interval", "1h", "emcomm.polling.timeout-override", "200ms", "emcomm.traps.port", String.valueOf(trapPort), "emcomm.traps.bind-address", "127.0.0.1",
                "emcomm.simulator.enabled", "false");
        try (ServiceProcess service = ServiceProcess.start("trap-flood", props, List.of("-Xmx256m"), Duration.ofSeconds(60))) {
            gc(service);
            long heapBefore = metric(service, "jvm_memory_used_bytes\\{area=\"heap\"", true);
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
                        // pace: trap n leaves at n / RATE seconds
                        long due = start + n * 1_000_000_000L / RATE;
                        while (System.nanoTime() < due) Thread.onSpinWait();
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
                HttpResponse<String> r = get(service, "/api/network/status");
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
                traps200 = get(service, "/api/traps").body();
            } while (!traps200.contains("\"queued\":0,") && System.nanoTime() < deadline);
            long dropped = number(traps200, "dropped");
            long mapped = metric(service, "emcomm_traps_total\\{outcome=\"mapped\"", false);
            long unknown = metric(service, "emcomm_traps_total\\{outcome=\"unknown\"", false);
            long droppedMetric = metric(service, "emcomm_traps_dropped_total", false);
            long kernelDrops = udpReceiveErrors() - kernelDropsBefore;
            gc(service);
            long heapAfter = metric(service, "jvm_memory_used_bytes\\{area=\"heap\"", true);
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

    HttpResponse<String> get(ServiceProcess s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("op:" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) throw new AssertionError(field + " not in " + json.substring(0, Math.min(300, json.length())));
        return Long.parseLong(m.group(1));
    }

    /** A Prometheus figure from /q/metrics; {@code sum} adds every series that matches (heap pools). */
    long metric(ServiceProcess s, String prefix, boolean sum) throws Exception {
        String text = get(s, "/q/metrics").body();
        Matcher m = Pattern.compile("(?m)^" + prefix + "[^\\n]*\\s([0-9.eE+]+)$").matcher(text);
        double total = 0;
        boolean any = false;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            any = true;
            if (!sum) break;
        }
        if (!any) return 0;
        return (long) total;
    }

    static void gc(ServiceProcess s) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(s.pid()), "GC.run")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
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
