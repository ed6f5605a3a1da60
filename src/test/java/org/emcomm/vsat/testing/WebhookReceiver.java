package org.emcomm.vsat.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook endpoint on loopback that records what it is sent. */
public final class WebhookReceiver implements AutoCloseable {
    public record Request(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            return null;
        }
    }

    private final HttpServer server;
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"; }

    @Override
    public void close() { server.stop(0); }
}
