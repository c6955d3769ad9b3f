package org.opence.tenant.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.audit.AuditTrail;
import org.opence.common.error.ProblemException;
import org.opence.common.secret.Hashes;
import org.opence.common.store.Store;
import org.opence.tenant.TenantConfig;
import org.opence.tenant.auth.AuthModels;
import org.opence.tenant.auth.SessionService;
import org.opence.tenant.auth.TokenIssuer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * API tokens for automation: a client id and a secret shown once and stored as a SHA-256 hash (the
 * secret is 256 random bits, so a slow hash adds nothing), exchanged for a short access token.
 */
@ApplicationScoped
public class ApiTokenService {

    static final String COLLECTION = "api_tokens";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> tokens;
    private final TokenIssuer issuer;
    private final SessionService sessions;
    private final TenantConfig config;
    private final AuditTrail audit;

    public ApiTokenService(
            Store store, TokenIssuer issuer, SessionService sessions, TenantConfig config, AuditTrail audit) {
        this.tokens = store.collection(COLLECTION);
        this.issuer = issuer;
        this.sessions = sessions;
        this.config = config;
        this.audit = audit;
    }

    public ApiTokenModels.Created create(ApiTokenModels.Create request, String createdBy) {
        String clientId = "ce_" + UUID.randomUUID().toString().replace("-", "");
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = Instant.now();
        Instant expiresAt = now.plus(Duration.ofDays(request.expiresInDays()));
        tokens.insertOne(new Document("clientId", clientId)
                .append("name", request.name())
                .append("role", request.role())
                .append("secretHash", Hashes.sha256Hex(secret))
                .append("createdBy", createdBy)
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(expiresAt)));
        var created = new ApiTokenModels.Created(clientId, secret, request.name(), request.role(), now, expiresAt);
        audit.record("api-token.created", "api-token:" + clientId, null, created);
        return created;
    }

    public List<ApiTokenModels.View> list() {
        List<ApiTokenModels.View> views = new ArrayList<>();
        tokens.find().sort(Sorts.ascending("createdAt")).forEach(d -> views.add(view(d)));
        return views;
    }

    public void delete(String clientId) {
        if (tokens.deleteOne(Filters.eq("clientId", clientId)).getDeletedCount() == 0) {
            throw new ProblemException.NotFound("No API token with client id '" + clientId + "'.");
        }
        sessions.announce(sessionOf(clientId));
        audit.record("api-token.deleted", "api-token:" + clientId, null, null);
    }

    /** The client-credentials exchange: a valid, unexpired id and secret give a short access token. */
    public AuthModels.OAuthToken exchange(String clientId, String clientSecret) {
        Document token = clientId == null
                ? null
                : tokens.find(Filters.eq("clientId", clientId)).first();
        boolean valid = token != null
                && clientSecret != null
                && MessageDigest.isEqual(
                        Hashes.sha256Hex(clientSecret).getBytes(StandardCharsets.US_ASCII),
                        token.getString("secretHash").getBytes(StandardCharsets.US_ASCII));
        if (!valid) {
            throw new ProblemException.Unauthorized("The client id or client secret is wrong.");
        }
        if (token.getDate("expiresAt").toInstant().isBefore(Instant.now())) {
            throw new ProblemException.Unauthorized("This API token expired; ask the super-admin for a new one.");
        }
        tokens.updateOne(Filters.eq("clientId", clientId), Updates.set("lastUsedAt", new Date()));
        Duration lifetime = config.tokens().apiAccessLifetime();
        String access = issuer.issue(
                "api-token:" + token.getString("name"),
                token.getString("role"),
                sessionOf(clientId),
                "api-token",
                List.of(),
                lifetime);
        return new AuthModels.OAuthToken(access, "Bearer", lifetime.toSeconds());
    }

    /** Every access token of an API token shares one session id, so deleting the API token ends them all. */
    private static String sessionOf(String clientId) {
        return "api-token:" + clientId;
    }

    private static ApiTokenModels.View view(Document d) {
        Date lastUsed = d.getDate("lastUsedAt");
        return new ApiTokenModels.View(
                d.getString("clientId"),
                d.getString("name"),
                d.getString("role"),
                d.getString("createdBy"),
                d.getDate("createdAt").toInstant(),
                d.getDate("expiresAt").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }
}
