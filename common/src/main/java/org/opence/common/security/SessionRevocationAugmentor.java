package org.opence.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/** Refuses a valid-looking token whose session was ended (logout, user disabled, password changed). */
@ApplicationScoped
public class SessionRevocationAugmentor implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;

    public SessionRevocationAugmentor(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt
                && revoked.isRevoked(jwt.getClaim(TokenClaims.SESSION))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("session ended"));
        }
        return Uni.createFrom().item(identity);
    }
}
