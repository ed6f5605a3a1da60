package org.emcomm.vsat.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged service ({@code target/quarkus-app}) as a separate process on a free loopback port,
 * its log in {@code target/it-logs/<name>.log}. For tests that need more than one instance, or a real crash. */
public final class ServiceProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    public final String name;
    public final int port;
    public final Path log;
    private final Process process;
    /** From just before the process started to the first 200 of {@code /q/health/ready}. */
    private long readyMillis;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the service with these {@code -D} properties (plus its port) and waits until {@code /q/health/ready} answers 200. */
    public static ServiceProcess start(String name, Map<String, String> props, Duration readyWithin) throws Exception {
        return start(name, props, List.of("-Xmx512m"), readyWithin);
    }

    /** As {@link #start(String, Map, Duration)}, with these JVM options instead of the default {@code -Xmx512m}. */
    public static ServiceProcess start(String name, Map<String, String> props, List<String> jvmOptions, Duration readyWithin) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package` (make test runs `mvn verify`)");
        }
        int port = freeTcpPort();
        Path log = Path.of("target/it-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(JAR.toString());
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess s = new ServiceProcess(name, port, log, p);
        s.awaitReady(readyWithin);
        s.readyMillis = (System.nanoTime() - started) / 1_000_000;
        return s;
    }

    public String url() { return "http://127.0.0.1:" + port; }

    public long readyMillis() { return readyMillis; }

    public long pid() { return process.pid(); }

    /** A full GC in the service now ({@code jcmd <pid> GC.run}), so a heap figure read next is what is really kept. */
    public void fullGc() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid()), "GC.run")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IllegalStateException("jcmd GC.run failed for " + name);
    }

    private void awaitReady(Duration within) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            try {
                var res = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + within + ":\n" + tail());
    }

    /** The last lines of the process's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public static int freeTcpPort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
