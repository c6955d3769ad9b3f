package org.opence.tenant.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.secret.Hashes;
import org.opence.common.security.RevocationListener;
import org.opence.common.security.RevokedSessions;
import org.opence.common.store.Store;
import org.opence.tenant.TenantConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Sign-in sessions: each has an id (the {@code sid} claim of its access tokens) and a rotating refresh
 * token stored only as a hash. Ending a session publishes {@code auth.session.revoked}, so every
 * service refuses its remaining access tokens at once.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    static final String COLLECTION = "sessions";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session and the refresh token that continues it (shown once). */
    public record Opened(String sessionId, String refreshToken, Instant expiresAt) {}

    private final MongoCollection<Document> sessions;
    private final RabbitBus bus;
    private final RevokedSessions revoked;
    private final ObjectMapper mapper;
    private final TenantConfig config;

    public SessionService(
            Store store, RabbitBus bus, RevokedSessions revoked, ObjectMapper mapper, TenantConfig config) {
        this.sessions = store.collection(COLLECTION);
        this.bus = bus;
        this.revoked = revoked;
        this.mapper = mapper;
        this.config = config;
    }

    public Opened open(String username, String method) {
        String sessionId = UUID.randomUUID().toString();
        String secret = randomSecret();
        Instant expiresAt = Instant.now().plus(config.tokens().refreshLifetime());
        sessions.insertOne(new Document("_id", sessionId)
                .append("userId", username)
                .append("method", method)
                .append("refreshHash", Hashes.sha256Hex(secret))
                .append("createdAt", new Date())
                .append("expiresAt", Date.from(expiresAt)));
        return new Opened(sessionId, sessionId + "." + secret, expiresAt);
    }

    /**
     * Checks a refresh token and replaces it with a new one (a refresh token works once).
     *
     * @return the session's user and the new refresh token, or empty when the token is not valid
     */
    public Optional<Refreshed> rotate(String refreshToken) {
        if (refreshToken == null || !refreshToken.contains(".")) {
            return Optional.empty();
        }
        String sessionId = refreshToken.substring(0, refreshToken.indexOf('.'));
        String secret = refreshToken.substring(refreshToken.indexOf('.') + 1);
        Document session = sessions.find(Filters.eq("_id", sessionId)).first();
        if (session == null
                || session.getDate("revokedAt") != null
                || session.getDate("expiresAt").toInstant().isBefore(Instant.now())
                || !MessageDigest.isEqual(
                        Hashes.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
                        session.getString("refreshHash").getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String next = randomSecret();
        sessions.updateOne(Filters.eq("_id", sessionId), Updates.set("refreshHash", Hashes.sha256Hex(next)));
        return Optional.of(new Refreshed(session.getString("userId"), sessionId, sessionId + "." + next));
    }

    /** The outcome of a refresh. */
    public record Refreshed(String username, String sessionId, String refreshToken) {}

    public void revoke(String sessionId) {
        sessions.updateOne(Filters.eq("_id", sessionId), Updates.set("revokedAt", new Date()));
        announce(sessionId);
    }

    public void revokeAllOf(String username) {
        for (Document s : sessions.find(Filters.and(Filters.eq("userId", username), Filters.eq("revokedAt", null)))) {
            revoke(s.getString("_id"));
        }
    }

    /** Tells every service (this one included) to refuse the session's access tokens from now on. */
    public void announce(String sessionId) {
        Instant keepUntil = Instant.now()
                .plus(
                        config.tokens()
                                                .apiAccessLifetime()
                                                .compareTo(config.tokens().accessLifetime())
                                        > 0
                                ? config.tokens().apiAccessLifetime()
                                : config.tokens().accessLifetime())
                .plusSeconds(60);
        revoked.revoke(sessionId, keepUntil);
        var payload = new RevocationListener.SessionRevoked(sessionId, keepUntil);
        try {
            bus.publish(
                            BusNames.EVENTS,
                            RevocationListener.SESSION_REVOKED,
                            Envelope.of(
                                    RevocationListener.SESSION_REVOKED,
                                    1,
                                    "tenant-service",
                                    mapper.valueToTree(payload)),
                            false,
                            null)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.errorf(
                    e,
                    "Could not announce the revocation of session %s; other services honour it only"
                            + " when its tokens expire",
                    sessionId);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
