package org.opence.tenant.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
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
 * Sign-in sessions: each has an id (the {@code sid} claim of its access tokens), how it was opened
 * ({@code password} or {@code sso}, kept for its whole life), a rotating refresh token stored only as a
 * hash, and a CSRF token for a browser that holds it in cookies. A refresh token works once; presenting
 * one that was already used ends the whole session (someone else holds a copy). Ending a session
 * publishes {@code auth.session.revoked}, so every service refuses its remaining access tokens at once.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    static final String COLLECTION = "sessions";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Used refresh-token hashes remembered per session, to recognise a replayed one. */
    private static final int USED_HASHES_KEPT = 50;

    public static final String PASSWORD = "password";
    public static final String SSO = "sso";

    /** A new session: its refresh token (shown once) and the CSRF token of its browser. */
    public record Opened(String sessionId, String refreshToken, Instant expiresAt, String csrfToken) {}

    /** The outcome of a refresh: the session as stored and its next refresh token. */
    public record Refreshed(
            String username, String sessionId, String refreshToken, String method, String csrfToken, Document idp) {}

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
        return open(username, method, null, null);
    }

    /**
     * @param endsBy when the session must end at the latest (an SSO session without a way to check the
     *     user again at the identity provider ends with its ID token); null for the configured lifetime
     * @param idp what an SSO session keeps to ask the identity provider again (encrypted tokens)
     */
    public Opened open(String username, String method, Instant endsBy, Document idp) {
        String sessionId = UUID.randomUUID().toString();
        String secret = randomSecret();
        String csrf = randomSecret();
        Instant expiresAt = Instant.now().plus(config.tokens().refreshLifetime());
        if (endsBy != null && endsBy.isBefore(expiresAt)) {
            expiresAt = endsBy;
        }
        sessions.insertOne(new Document("_id", sessionId)
                .append("userId", username)
                .append("method", method)
                .append("refreshHash", Hashes.sha256Hex(secret))
                .append("usedHashes", List.of())
                .append("csrf", csrf)
                .append("idp", idp)
                .append("createdAt", new Date())
                .append("expiresAt", Date.from(expiresAt)));
        return new Opened(sessionId, sessionId + "." + secret, expiresAt, csrf);
    }

    /**
     * Checks a refresh token and replaces it with a new one. A token that was already used ends the
     * session: either its owner or a thief used it before, and the session can no longer be trusted.
     *
     * @return the session and its new refresh token, or empty when the token is not valid
     */
    public Optional<Refreshed> rotate(String refreshToken) {
        if (refreshToken == null || !refreshToken.contains(".")) {
            return Optional.empty();
        }
        String sessionId = refreshToken.substring(0, refreshToken.indexOf('.'));
        String hash = Hashes.sha256Hex(refreshToken.substring(refreshToken.indexOf('.') + 1));
        Document session = sessions.find(Filters.eq("_id", sessionId)).first();
        if (session == null
                || session.getDate("revokedAt") != null
                || session.getDate("expiresAt").toInstant().isBefore(Instant.now())) {
            return Optional.empty();
        }
        if (!equal(hash, session.getString("refreshHash"))) {
            if (session.getList("usedHashes", String.class, List.of()).stream().anyMatch(h -> equal(hash, h))) {
                LOG.warnf(
                        "A used refresh token of session %s (user %s) was presented again: the session is ended",
                        sessionId, session.getString("userId"));
                revoke(sessionId);
            }
            return Optional.empty();
        }
        String next = randomSecret();
        List<String> used = new ArrayList<>(session.getList("usedHashes", String.class, List.of()));
        used.add(hash);
        if (used.size() > USED_HASHES_KEPT) {
            used = used.subList(used.size() - USED_HASHES_KEPT, used.size());
        }
        long changed = sessions.updateOne(
                        Filters.and(Filters.eq("_id", sessionId), Filters.eq("refreshHash", hash)),
                        Updates.combine(
                                Updates.set("refreshHash", Hashes.sha256Hex(next)), Updates.set("usedHashes", used)))
                .getModifiedCount();
        if (changed == 0) {
            // two refreshes with the same token at once: the other one won
            return Optional.empty();
        }
        return Optional.of(new Refreshed(
                session.getString("userId"),
                sessionId,
                sessionId + "." + next,
                session.getString("method"),
                session.getString("csrf"),
                session.get("idp", Document.class)));
    }

    /** Keeps what the identity provider handed out at the last check of an SSO session. */
    public void updateIdp(String sessionId, Document idp) {
        sessions.updateOne(Filters.eq("_id", sessionId), Updates.set("idp", idp));
    }

    /** The session as stored, if it is still open. */
    public Optional<Document> find(String sessionId) {
        Document session = sessions.find(Filters.eq("_id", sessionId)).first();
        return session == null || session.getDate("revokedAt") != null ? Optional.empty() : Optional.of(session);
    }

    public void revoke(String sessionId) {
        sessions.updateOne(Filters.eq("_id", sessionId), Updates.set("revokedAt", new Date()));
        announce(sessionId);
    }

    public void revokeAllOf(String username) {
        // the ids first: updating the documents a cursor is still walking may make it skip some
        List<String> open = new ArrayList<>();
        sessions.find(Filters.and(Filters.eq("userId", username), Filters.eq("revokedAt", null)))
                .forEach(s -> open.add(s.getString("_id")));
        open.forEach(this::revoke);
    }

    /** Ends every open session opened with a password, except those of {@code keep} (the built-in admin). */
    public int revokePasswordSessionsExcept(String keep) {
        List<String> open = new ArrayList<>();
        sessions.find(Filters.and(
                        Filters.eq("revokedAt", null), Filters.eq("method", PASSWORD), Filters.ne("userId", keep)))
                .forEach(s -> open.add(s.getString("_id")));
        open.forEach(this::revoke);
        return open.size();
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

    /** The value the access tokens of a session carry for its CSRF token: base64url(SHA-256(token)). */
    public static String csrfClaim(String csrfToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(csrfToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
