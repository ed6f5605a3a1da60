package org.emcomm.vsat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * A request target or headers larger than any call needs answer 414 or 431 as problem+json. The HTTP layer refuses
 * only far larger ones (quarkus.http.limits.max-initial-line-length and max-header-size, 256 KB in
 * application.properties) and does so without a body, as it must answer before it has read a request it can route:
 * below that wall every refusal is ours and says what was too large.
 */
@ApplicationScoped
public class RequestLimits {
    /** The longest request target (path and query): every query the API takes fits in a few hundred characters. */
    static final int MAX_TARGET = 8 * 1024;
    /** All headers together: a session cookie, Basic credentials and the proxies' X-Forwarded-* fit in a few KB. */
    static final int MAX_HEADERS = 32 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    void filters(@Observes Filters filters) {
        filters.register(rc -> {
            String target = rc.request().uri();
            if (target != null && target.length() > MAX_TARGET) {
                refuse(rc, 414, "uri-too-long", "Request target too long", "uri",
                        "the request target has " + target.length() + " characters; at most " + MAX_TARGET);
                return;
            }
            long headers = 0;
            for (Map.Entry<String, String> h : rc.request().headers()) headers += h.getKey().length() + h.getValue().length() + 4;
            if (headers > MAX_HEADERS) {
                refuse(rc, 431, "headers-too-large", "Request headers too large", "headers",
                        "the request's headers have " + headers + " bytes; at most " + MAX_HEADERS);
                return;
            }
            rc.next();
        }, 4000); // before authentication and before the shard proxy passes the call on
    }

    private static void refuse(RoutingContext rc, int status, String slug, String title, String field, String detail) {
        String path = rc.normalizedPath();
        String shown = path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "…" : path;
        Log.infof("%d %s %s: %s", status, slug, shown, detail);
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                    .end(JSON.writeValueAsString(new Problem(Problem.type(slug), title, status, detail, shown, List.of(new Problem.FieldError(field, detail)))));
        } catch (JsonProcessingException | IllegalStateException e) {
            Log.debugf("limit answer not sent: %s", e.getMessage());
        }
    }
}
