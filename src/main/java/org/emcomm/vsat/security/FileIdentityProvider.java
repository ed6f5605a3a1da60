package org.emcomm.vsat.security;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.emcomm.vsat.config.EmcommConfig;

/** HTTP Basic against {@code <config-dir>/users.yaml}. PBKDF2 is slow on purpose, so a
 * verified password is remembered (as its SHA-256) to keep every request cheap. */
@ApplicationScoped
public class FileIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final Path file;
    private volatile Map<String, UsersFile.User> users;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    private final LoginGuard guard;

    FileIdentityProvider(EmcommConfig config, LoginGuard guard) {
        this.guard = guard;
        this.file = Path.of(config.configDir()).resolve("users.yaml");
        try {
            this.users = UsersFile.read(file); // a bad file stops the start naming its line
        } catch (org.emcomm.vsat.inventory.ConfigException e) {
            throw e.stopsStart();
        }
        Log.infof("%d local users from %s", users.size(), file);
    }

    /** Reads users.yaml at start, so a bad file stops the start rather than the first login. */
    void started(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        Log.debugf("%d local users ready", users.size());
    }

    /** A checked configuration change: users, passwords and roles take effect at once (sessions re-read them per request). */
    void reload(@jakarta.enterprise.event.Observes org.emcomm.vsat.inventory.ConfigWatch.Applied change) {
        users = change.users().byName; // as the watch read and checked them: the file is not read a second time
        verified.clear();
        Log.infof("%d local users from %s (reloaded)", change.users().size(), file);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String name = request.getUsername();
            RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
            String source = source(rc);
            LoginGuard.Wait wait = guard.admit(name, source);
            if (wait != null) throw LoginGuard.refusal(wait); // 429 with Retry-After: ProblemMappers, LoginFailures (the form)
            String password = new String(request.getPassword().getPassword());
            UsersFile.User user = users.get(name);
            if (user == null || !check(user, password)) {
                guard.failed(name, source, rc == null ? "login" : rc.normalizedPath());
                throw new AuthenticationFailedException("bad credentials");
            }
            guard.succeeded(name);
            if (rc != null && FORM_PATH.equals(rc.normalizedPath())) {
                // the console's session names the password it was opened with: a changed password ends it
                rc.response().addCookie(io.vertx.core.http.Cookie.cookie(SESSION_VERSION_COOKIE, version(user)).setPath("/").setHttpOnly(true)
                        .setSameSite(io.vertx.core.http.CookieSameSite.STRICT));
            }
            return identity(user);
        });
    }

    /** The identity of a user the console's session cookie names (its password was checked at login), while the
     * password is the one the session was opened with. */
    SecurityIdentity known(String name, RoutingContext rc) {
        UsersFile.User user = users.get(name);
        if (user == null) throw new AuthenticationFailedException("no such user");
        if (rc != null) {
            io.vertx.core.http.Cookie v = rc.request().getCookie(SESSION_VERSION_COOKIE);
            if (v == null || !java.security.MessageDigest.isEqual(v.getValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    version(user).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new AuthenticationFailedException("the session was opened with another password");
            }
        }
        return identity(user);
    }

    /** The path of the console's login form. */
    public static final String FORM_PATH = "/j_security_check";
    /** Beside the session cookie: which password (by its stored hash) the session was opened with. */
    public static final String SESSION_VERSION_COOKIE = "emcomm-session-v";

    /** A digest of the stored hash (salted, so a new password, even the same one again, gives another value). */
    static String version(UsersFile.User user) {
        byte[] d = PasswordHash.sha256("emcomm-session\0" + user.name() + "\0" + user.password().iterations() + "\0"
                + java.util.Base64.getEncoder().encodeToString(user.password().salt()) + "\0"
                + java.util.Base64.getEncoder().encodeToString(user.password().hash()));
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 18));
    }

    /** The caller's address as the HTTP layer sees it (behind a trusted proxy, the forwarded one). */
    static String source(RoutingContext rc) {
        if (rc == null || rc.request().remoteAddress() == null) return "unknown";
        String host = rc.request().remoteAddress().hostAddress();
        return host == null ? rc.request().remoteAddress().host() : host;
    }

    private static SecurityIdentity identity(UsersFile.User user) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.name()));
        user.roles().forEach(b::addRole);
        return b.build();
    }

    private boolean check(UsersFile.User user, String password) {
        byte[] digest = PasswordHash.sha256(user.name() + "\0" + password);
        byte[] known = verified.get(user.name());
        if (known != null && Arrays.equals(known, digest)) return true;
        if (!user.password().matches(password)) return false;
        verified.put(user.name(), digest);
        return true;
    }
}
