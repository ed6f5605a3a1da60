package org.emcomm.vsat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.emcomm.vsat.security.LoginGuard;

/**
 * The console's form login answers a failure itself: 401, or 429 with Retry-After when the try was refused unchecked,
 * as problem+json. Left to the REST layer's failure handler, a failed form login over HTTP/2 (every browser over TLS)
 * answered 500: that handler pauses a request whose body the form mechanism has already read.
 */
@ApplicationScoped
public class LoginFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FORM = org.emcomm.vsat.security.FileIdentityProvider.FORM_PATH;

    void routes(@Observes Router router) {
        router.route(FORM).order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (!(rc.failure() instanceof AuthenticationFailedException e) || rc.response().ended()) {
                rc.next();
                return;
            }
            LoginGuard.Wait wait = LoginGuard.waitOf(e);
            int status = wait == null ? 401 : 429;
            Problem p = wait == null
                    ? new Problem(Problem.type("unauthorized"), "Authentication required", 401, "user name or password is wrong", FORM, List.of())
                    : new Problem(Problem.type("too-many-failed-logins"), "Too many failed logins", 429, wait.why(), FORM, List.of());
            Log.infof("%d %s %s: %s", status, wait == null ? "unauthorized" : "too-many-failed-logins", FORM, p.detail());
            try {
                var response = rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
                if (wait != null) response.putHeader("Retry-After", Long.toString(wait.seconds()));
                response.end(JSON.writeValueAsString(p));
            } catch (JsonProcessingException | IllegalStateException x) {
                Log.debugf("login failure not answered: %s", x.getMessage());
            }
        });
    }
}
