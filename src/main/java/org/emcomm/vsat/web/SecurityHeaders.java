package org.emcomm.vsat.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.emcomm.vsat.config.EmcommConfig;

/**
 * Headers every answer carries, pages, API and static files alike: a Content-Security-Policy that lets in only the
 * service's own scripts, styles, fonts and images (no inline script or style, no framing: {@code frame-ancestors
 * 'none'}, with {@code X-Frame-Options: DENY} for older browsers; the print views' one style block is let in by its
 * hash), {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}. Swagger UI starts itself with an inline script: its pages alone allow inline
 * script and style. Cookies get {@code Secure} when the request came over TLS (emcomm.login.secure-cookies).
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' " + org.emcomm.vsat.document.HtmlView.STYLE_HASH + "; img-src 'self' data:; font-src 'self';"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String CSP_SWAGGER = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final boolean alwaysSecure;

    SecurityHeaders(EmcommConfig config) {
        String mode = config.login().secureCookies().trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("always")) {
            throw new io.quarkus.runtime.configuration.ConfigurationException("emcomm.login.secure-cookies: '" + mode + "' is not one of auto, always");
        }
        this.alwaysSecure = mode.equals("always");
    }

    void filters(@Observes Filters filters) {
        filters.register(rc -> {
            rc.addHeadersEndHandler(v -> headers(rc));
            rc.next();
        }, 3000); // before anything else answers, the shard proxy (1000) included
    }

    private void headers(RoutingContext rc) {
        MultiMap h = rc.response().headers();
        String path = rc.normalizedPath();
        h.set("Content-Security-Policy", path != null && path.startsWith("/q/swagger-ui") ? CSP_SWAGGER : CSP);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        if (alwaysSecure || tls(rc)) {
            // cookies go into the headers after this handler: the jar's changed ones are the ones about to be sent
            for (Cookie c : rc.request().cookies()) {
                if (c instanceof io.vertx.core.http.impl.ServerCookie sc && sc.isChanged()) c.setSecure(true);
            }
        }
    }

    /** Over TLS here, or through a proxy Quarkus trusts for the forwarded scheme (quarkus.http.proxy.*). */
    static boolean tls(RoutingContext rc) {
        return rc.request().isSSL() || "https".equalsIgnoreCase(rc.request().scheme());
    }
}
