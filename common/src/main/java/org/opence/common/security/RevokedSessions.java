package org.opence.common.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sessions ended before their tokens expire (logout, user disabled or deleted, password changed).
 * Each service keeps them in memory until the longest-lived token of the session has expired; the
 * revocations arrive as {@code auth.session.revoked} events.
 */
@ApplicationScoped
public class RevokedSessions {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    public void revoke(String sessionId, Instant keepUntil) {
        revoked.put(sessionId, keepUntil);
        purgeExpired();
    }

    public boolean isRevoked(String sessionId) {
        return sessionId != null && revoked.containsKey(sessionId);
    }

    public int size() {
        return revoked.size();
    }

    private void purgeExpired() {
        Instant now = Instant.now();
        revoked.values().removeIf(until -> until.isBefore(now));
    }
}
