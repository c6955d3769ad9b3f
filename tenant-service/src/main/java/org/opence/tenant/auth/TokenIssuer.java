package org.opence.tenant.auth;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.security.Roles;
import org.opence.common.security.TokenClaims;

import io.smallrye.jwt.build.Jwt;

/** Signs RS256 access tokens: role and implied roles in {@code groups}, the session in {@code sid}. */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;

    public TokenIssuer(SigningKeys keys) {
        this.keys = keys;
    }

    /**
     * @param pending steps the user must finish first; when not empty the token carries no role at all
     */
    public String issue(
            String subject, String role, String sessionId, String method, List<String> pending, Duration lifetime) {
        return issue(subject, role, sessionId, method, pending, lifetime, null);
    }

    /** @param csrfToken the session's CSRF token (browser sessions), whose hash the token carries */
    public String issue(
            String subject,
            String role,
            String sessionId,
            String method,
            List<String> pending,
            Duration lifetime,
            String csrfToken) {
        var builder = Jwt.issuer(TokenClaims.ISSUER)
                .subject(subject)
                .upn(subject)
                .claim(Claims.JTI, UUID.randomUUID().toString())
                .claim(TokenClaims.SESSION, sessionId)
                .claim(TokenClaims.ROLE, role)
                .claim(TokenClaims.AUTH_METHOD, method)
                .groups(pending.isEmpty() ? new HashSet<>(Roles.withImplied(role)) : new HashSet<>())
                .expiresIn(lifetime);
        if (!pending.isEmpty()) {
            builder.claim(TokenClaims.PENDING, pending);
        }
        if (csrfToken != null) {
            builder.claim(TokenClaims.CSRF, SessionService.csrfClaim(csrfToken));
        }
        return builder.jws().keyId(keys.keyId()).sign(keys.privateKey());
    }

    private static final class Claims {
        static final String JTI = "jti";
    }
}
