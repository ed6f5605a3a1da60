package org.emcomm.vsat.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.emcomm.vsat.testing.ServiceProcess;

/** The peers: net-snmp's long-lived C client, and Debian's Go prometheus-snmp-exporter, against the same agents. */
final class Peers {
    private Peers() {}

    /**
     * net-snmp's {@code snmptest}, one long-lived process, fed a script of {@code requests} GETs of the ten OIDs
     * (one request in flight at a time: the tool is sequential). Counts the answers it printed.
     */
    static double netSnmp(Path dir, String agent, int requests) throws Exception {
        StringBuilder one = new StringBuilder();
        for (String oid : BenchNetwork.OIDS) one.append(oid).append('\n');
        one.append('\n');
        Path script = dir.resolve("snmptest-script.txt");
        Files.writeString(script, one.toString().repeat(requests));
        Path out = dir.resolve("snmptest-out.txt");
        ProcessBuilder pb = new ProcessBuilder("snmptest", "-v", "2c", "-c", BenchNetwork.COMMUNITY, "-m", "", "-On", agent)
                .redirectInput(script.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true);
        pb.environment().put("SNMP_PERSISTENT_DIR", Files.createDirectories(dir.resolve("snmp-persist")).toString());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("snmptest did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long answers;
        try (var lines = Files.lines(out, StandardCharsets.ISO_8859_1)) {
            answers = lines.filter(l -> l.contains("Received Get Response")).count();
        }
        if (answers < requests * 0.99) throw new IllegalStateException("snmptest: " + answers + " answers to " + requests + " requests; see " + out);
        return answers / seconds;
    }

    /** Debian's prometheus-snmp-exporter with one module asking for the ten OIDs. */
    static final class Exporter implements AutoCloseable {
        final int port;
        private final Process process;

        private Exporter(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Exporter start(Path dir) throws Exception {
            StringBuilder y = new StringBuilder("vsat10:\n  version: 2\n  auth:\n    community: " + BenchNetwork.COMMUNITY + "\n  timeout: 3s\n  retries: 1\n  get:\n");
            for (String oid : BenchNetwork.OIDS) y.append("  - ").append(oid).append('\n');
            y.append("  metrics:\n");
            String[] names = {"sysUpTime", "ber", "rxLevel", "ebNo", "txPower", "rxAlarm", "ifOperStatus", "ifHCInOctets", "ifHCOutOctets", "sysName"};
            String[] types = {"gauge", "gauge", "gauge", "gauge", "gauge", "gauge", "gauge", "counter", "counter", "DisplayString"};
            for (int i = 0; i < names.length; i++) {
                String oid = BenchNetwork.OIDS.get(i);
                y.append("  - name: ").append(names[i]).append("\n    oid: ").append(oid, 0, oid.lastIndexOf('.'))
                        .append("\n    type: ").append(types[i]).append('\n');
            }
            Path config = dir.resolve("snmp-exporter.yml");
            Files.writeString(config, y.toString());
            int port = ServiceProcess.freeTcpPort();
            Process p = new ProcessBuilder("prometheus-snmp-exporter", "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("snmp-exporter.log").toFile()).start();
            Exporter e = new Exporter(port, p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) throw new IllegalStateException("prometheus-snmp-exporter exited; see " + dir.resolve("snmp-exporter.log"));
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return e;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            e.close();
            throw new IllegalStateException("prometheus-snmp-exporter did not listen on " + port);
        }

        /** Scrapes per second with {@code concurrency} keep-alive connections, round-robin over the agents; a scrape
         * counts only when it answered 200 with the ten values. */
        double scrapesPerSecond(List<String> agents, int concurrency, double warmupSeconds, double seconds) throws Exception {
            AtomicLong ok = new AtomicLong(), bad = new AtomicLong(), next = new AtomicLong();
            long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9), end = warmEnd + (long) (seconds * 1e9);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                Thread t = new Thread(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.setTcpNoDelay(true);
                        OutputStream out = s.getOutputStream();
                        InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
                        while (true) {
                            long now = System.nanoTime();
                            if (now >= end) return;
                            String agent = agents.get((int) (next.getAndIncrement() % agents.size()));
                            out.write(("GET /snmp?module=vsat10&target=" + agent + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            String body = readResponse(in);
                            boolean good = body != null && body.contains("\nebNo ") && body.contains("\nifHCOutOctets ");
                            if (System.nanoTime() >= warmEnd) (good ? ok : bad).incrementAndGet();
                        }
                    } catch (IOException e) {
                        synchronized (errors) { errors.add(e); }
                    }
                }, "exporter-load-" + c);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            if (!errors.isEmpty()) throw new IllegalStateException("exporter load: " + errors.get(0), errors.get(0));
            if (bad.get() > ok.get() / 100) throw new IllegalStateException("exporter: " + bad.get() + " bad scrapes of " + (ok.get() + bad.get()));
            return ok.get() / seconds;
        }

        /** One HTTP/1.1 response's body (Content-Length or chunked); null unless the status is 200. */
        private static String readResponse(InputStream in) throws IOException {
            String status = line(in);
            int length = -1;
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else if (length >= 0) {
                body.write(in.readNBytes(length));
            }
            return status.contains(" 200 ") ? body.toString(StandardCharsets.UTF_8) : null;
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("connection closed");
                if (c != '\r') b.append((char) c);
            }
            return b.toString();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
