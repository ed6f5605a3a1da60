package org.emcomm.vsat.security;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
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

    FileIdentityProvider(EmcommConfig config) {
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
            String password = new String(request.getPassword().getPassword());
            UsersFile.User user = users.get(name);
            if (user == null || !check(user, password)) throw new AuthenticationFailedException("bad credentials");
            return identity(user);
        });
    }

    /** The identity of a user the console's session cookie names (its password was checked at login). */
    SecurityIdentity known(String name) {
        UsersFile.User user = users.get(name);
        if (user == null) throw new AuthenticationFailedException("no such user");
        return identity(user);
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
