package org.emcomm.vsat.shard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufInputStream;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.emcomm.vsat.snmp.Trap;

/**
 * The replicas' HTTP between themselves. On the writer: {@code POST /internal/shard/samples} and
 * {@code /internal/shard/traps}, refused without the shared token. On every other replica: the API
 * ({@code /api/*} and the console's login) is passed through to the writer, so any replica answers
 * for the whole network with the writer's one set of records; health, metrics and the console's
 * files stay local.
 */
@ApplicationScoped
public class ShardRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host");
    private static final long MAX_BODY = 64L << 20;

    private final ShardService shard;
    private HttpClient client;

    ShardRoutes(ShardService shard) { this.shard = shard; }

    /** What a replica's POST carries: samples or traps, read from the body. */
    private interface Intake {
        int accept(RoutingContext rc, int from, int backlog, int owned) throws Exception;
    }

    void routes(@Observes Router router) {
        intake(router, "samples", (rc, from, backlog, owned) -> {
            try (InputStream in = new ByteBufInputStream(rc.body().buffer().getByteBuf())) {
                return shard.accept(from, SampleCodec.decode(in), List.of(), backlog, owned);
            }
        });
        intake(router, "traps", (rc, from, backlog, owned) -> shard.accept(from, List.of(),
                JSON.readValue(rc.body().asString(), new TypeReference<List<Trap>>() {}), backlog, owned));
    }

    /** {@code POST /internal/shard/<what>}, one call at a time so each replica's batches go in in order; answers the count. */
    private void intake(Router router, String what, Intake intake) {
        router.post("/internal/shard/" + what).handler(BodyHandler.create().setBodyLimit(MAX_BODY)).blockingHandler(rc -> {
            if (refused(rc)) return;
            try {
                int count = intake.accept(rc, from(rc), header(rc, ShardService.BACKLOG_HEADER), header(rc, ShardService.OWNED_HEADER));
                rc.response().putHeader("Content-Type", "application/json").end("{\"count\":" + count + "}");
            } catch (Exception e) {
                problem(rc, 400, what + " from replica " + rc.request().getHeader(ShardService.INDEX_HEADER) + " are not readable: " + e.getMessage());
            }
        }, true);
    }

    private boolean refused(RoutingContext rc) {
        if (shard.role() != ShardService.Role.WRITER) {
            problem(rc, 409, "replica " + shard.index() + " is not the records writer; send to replica 0");
            return true;
        }
        if (!shard.tokenMatches(rc.request().getHeader(ShardService.TOKEN_HEADER))) {
            problem(rc, 403, "the shard token is missing or wrong");
            return true;
        }
        if (from(rc) <= 0) {
            problem(rc, 400, "header " + ShardService.INDEX_HEADER + " must name the sending replica (1 or more)");
            return true;
        }
        return false;
    }

    private static int from(RoutingContext rc) {
        return header(rc, ShardService.INDEX_HEADER);
    }

    private static int header(RoutingContext rc, String name) {
        try {
            return Integer.parseInt(rc.request().getHeader(name));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void problem(RoutingContext rc, int status, String detail) {
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                    .end(JSON.createObjectNode().put("status", status).put("title", "Shard call refused").put("detail", detail).toString());
        } catch (IllegalStateException e) {
            Log.debugf("shard: answer not sent: %s", e.getMessage());
        }
    }

    /** On a replica that is not the writer, the API goes to the writer before anything local sees it. */
    void filters(@Observes Filters filters, Vertx vertx) {
        if (shard.role() != ShardService.Role.POLLER) return;
        java.net.URI writer = java.net.URI.create(shard.writerUrl().orElseThrow());
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(writer.getHost())
                .setDefaultPort(writer.getPort() > 0 ? writer.getPort() : ("https".equals(writer.getScheme()) ? 443 : 80))
                .setSsl("https".equals(writer.getScheme())).setMaxPoolSize(32).setConnectTimeout(5000));
        String prefix = writer.getRawPath() == null ? "" : writer.getRawPath().replaceAll("/+$", "");
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.startsWith("/api/") || path.equals("/api") || path.equals("/j_security_check")) pass(rc, prefix);
            else rc.next();
        }, 1000);
    }

    private void pass(RoutingContext rc, String prefix) {
        HttpServerRequest in = rc.request();
        in.pause();
        RequestOptions o = new RequestOptions().setMethod(in.method()).setURI(prefix + in.uri()).setTimeout(120_000);
        client.request(o).onSuccess(out -> {
            copy(in.headers(), out.headers());
            if (!in.headers().contains("Content-Length")) out.setChunked(true);
            String remote = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
            out.putHeader("X-Forwarded-For", remote);
            out.send(in).onSuccess(res -> {
                var response = rc.response().setStatusCode(res.statusCode());
                copy(res.headers(), response.headers());
                if (!res.headers().contains("Content-Length")) response.setChunked(true);
                response.putHeader("X-EmComm-Answered-By", "records writer (via replica " + shard.index() + ")");
                res.pipeTo(response);
            }).onFailure(e -> unreachable(rc, e));
        }).onFailure(e -> unreachable(rc, e));
    }

    private void unreachable(RoutingContext rc, Throwable e) {
        Log.warnf("shard: the records writer did not answer %s %s: %s", rc.request().method(), rc.request().path(), e.getMessage());
        if (!rc.response().headWritten()) {
            problem(rc, 502, "the records writer (replica 0) is unreachable from replica " + shard.index() + ": " + e.getMessage());
        }
    }

    private static void copy(MultiMap from, MultiMap to) {
        for (var e : from) {
            if (!HOP_BY_HOP.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) to.add(e.getKey(), e.getValue());
        }
    }
}
