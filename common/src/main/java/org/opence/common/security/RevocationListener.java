package org.opence.common.security;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;

import io.quarkus.runtime.Startup;

/**
 * Receives {@code auth.session.revoked} on a queue of this instance alone, so that every replica of
 * every service learns of every revocation (a shared queue would tell only one replica).
 */
@Startup
@ApplicationScoped
public class RevocationListener {

    /** Event type published by tenant-service when a session ends early. */
    public static final String SESSION_REVOKED = "auth.session.revoked";

    /** Payload: the session, and how long its tokens could still be presented. */
    public record SessionRevoked(String sessionId, Instant keepUntil) {}

    public RevocationListener(
            RabbitBus bus, RevokedSessions revoked, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        bus.consumePrivate(BusNames.EVENTS, List.of(SESSION_REVOKED), (Envelope event) -> {
            SessionRevoked payload = mapper.treeToValue(event.payload(), SessionRevoked.class);
            if (payload != null && payload.sessionId() != null) {
                revoked.revoke(
                        payload.sessionId(),
                        payload.keepUntil() == null ? Instant.now().plusSeconds(86_400) : payload.keepUntil());
            }
        });
    }
}
