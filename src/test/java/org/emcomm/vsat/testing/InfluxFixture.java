package org.emcomm.vsat.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real influxd 1.6.7 on a free loopback port with its own data folder, fronted by a small
 * test-only translator: {@code /api/v2/write?bucket=db/rp&precision=ms} becomes
 * {@code /write?db=db&rp=rp&precision=ms}, as InfluxDB 1.8+ does natively; everything else passes
 * through unchanged. {@link #stop()} and {@link #startAgain()} take the server itself down and up.
 */
public final class InfluxFixture implements AutoCloseable {
    public static final String DATABASE = "emcomm";

    private final Path dir;
    private final int influxPort;
    private final int rpcPort;
    private final HttpServer front;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private InfluxFixture(Path dir, int influxPort, int rpcPort) throws IOException {
        this.dir = dir;
        this.influxPort = influxPort;
        this.rpcPort = rpcPort;
        this.front = HttpServer.create(new InetSocketAddress("127.0.0.1", freeTcpPort()), 64);
        front.createContext("/", this::handle);
        front.setExecutor(Executors.newFixedThreadPool(4));
        front.start();
    }

    public static InfluxFixture start() throws Exception {
        InfluxFixture f = new InfluxFixture(Files.createTempDirectory("emcomm-influx"), freeTcpPort(), freeTcpPort());
        f.startAgain();
        f.query("CREATE DATABASE " + DATABASE);
        return f;
    }

    /** The URL the service is given: the translating front. */
    public String url() { return "http://127.0.0.1:" + front.getAddress().getPort(); }

    public void startAgain() throws Exception {
        Path conf = dir.resolve("influxdb.conf");
        Files.writeString(conf, String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]", "  dir = \"" + dir.resolve("meta") + "\"", "  logging-enabled = false",
                "[data]", "  dir = \"" + dir.resolve("data") + "\"", "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false", "  wal-fsync-delay = \"0s\"",
                "[http]", "  bind-address = \"127.0.0.1:" + influxPort + "\"", "  log-enabled = false",
                "[monitor]", "  store-enabled = false",
                "[continuous_queries]", "  enabled = false",
                "[subscriber]", "  enabled = false", ""));
        String influxd = Files.exists(Path.of("/usr/bin/influxd")) ? "/usr/bin/influxd" : "influxd";
        process = new ProcessBuilder(influxd, "run", "-config", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile())).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new IllegalStateException("influxd exited: " + Files.readString(dir.resolve("influxd.log")));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(raw("/ping"))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 204) return;
            } catch (IOException notYet) {
                // influxd is still opening its port
            }
            Thread.sleep(50); // waiting for an external process, not for our own scheduler
        }
        throw new IllegalStateException("influxd did not answer on port " + influxPort);
    }

    /** Takes influxd down (as an outage); the front stays and answers 503. */
    public void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        process = null;
    }

    /** Runs InfluxQL straight against influxd (not through the service), returning the JSON text. */
    public String query(String influxQL) throws Exception {
        return query(DATABASE, influxQL);
    }

    public String query(String database, String influxQL) throws Exception {
        String body = "q=" + URLEncoder.encode(influxQL, StandardCharsets.UTF_8) + "&db=" + database;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(raw("/query")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("query failed " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    /** {@code SELECT count(field) FROM measurement WHERE …}, read straight from influxd. */
    public long count(String database, String field, String measurement, String where) throws Exception {
        String json = query(database, "SELECT count(\"" + field + "\") FROM \"" + measurement + "\"" + (where == null ? "" : " WHERE " + where));
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("results").path(0).path("series").path(0).path("values").path(0).path(1);
        return node.isMissingNode() ? 0 : node.asLong();
    }

    /** Time of the earliest point of {@code field}, read straight from influxd. */
    public java.time.Instant firstTime(String database, String field, String measurement) throws Exception {
        String json = query(database, "SELECT first(\"" + field + "\") FROM \"" + measurement + "\"");
        String time = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .path("results").path(0).path("series").path(0).path("values").path(0).path(0).asText();
        return java.time.Instant.parse(time);
    }

    private String raw(String pathAndQuery) { return rawUrl() + pathAndQuery; }

    /** influxd itself, without the front (for raw baselines). */
    public String rawUrl() { return "http://127.0.0.1:" + influxPort; }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI u = ex.getRequestURI();
            String target;
            if (u.getPath().equals("/api/v2/write")) {
                Map<String, String> q = params(u.getRawQuery());
                String[] bucket = q.getOrDefault("bucket", "").split("/", 2);
                String precision = switch (q.getOrDefault("precision", "ns")) {
                    case "ns" -> "n";
                    case "us" -> "u";
                    default -> q.get("precision");
                };
                target = "/write?db=" + enc(bucket[0]) + (bucket.length > 1 ? "&rp=" + enc(bucket[1]) : "") + "&precision=" + precision;
            } else {
                target = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(raw(target))).timeout(Duration.ofSeconds(30))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : new String[] {"Accept", "Content-Type", "Content-Encoding"}) {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null) b.header(h, v);
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException | InterruptedException down) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
            byte[] out = r.body();
            ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null) return m;
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) m.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    public static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        front.stop(0);
    }
}
