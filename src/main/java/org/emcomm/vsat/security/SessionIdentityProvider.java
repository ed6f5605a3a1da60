package org.emcomm.vsat.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The console's session cookie carries only the user name (encrypted by Quarkus); the roles come
 * from the users file, not from the cookie, and a user no longer in it is refused, as is a session opened with a
 * password the user no longer has (the {@code emcomm-session-v} cookie beside it names the password's stored hash). */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final FileIdentityProvider users;

    SessionIdentityProvider(FileIdentityProvider users) {
        this.users = users;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(() -> users.known(request.getPrincipal(),
                io.quarkus.vertx.http.runtime.security.HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
