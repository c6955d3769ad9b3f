package org.opence.tenant.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.opence.common.audit.AuditTrail;
import org.opence.common.config.CeConfig;
import org.opence.common.error.ProblemException;
import org.opence.common.secret.Hashes;
import org.opence.common.secret.Secrets;
import org.opence.common.security.Roles;
import org.opence.common.store.Store;
import org.opence.tenant.TenantConfig;
import org.opence.tenant.auth.AuthModels;
import org.opence.tenant.auth.SessionService;
import org.opence.tenant.auth.SsoSessions;
import org.opence.tenant.auth.TokenIssuer;
import org.opence.tenant.user.User;
import org.opence.tenant.user.UserStore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Sign-in with OpenID Connect: authorisation-code flow with PKCE (S256). State, nonce and verifier are
 * kept server-side for a few minutes, usable once, and bound to the browser that started the flow by
 * a secret in a cookie ({@code ce_sso}, HttpOnly, SameSite=Lax): a callback link made by someone else
 * cannot sign a victim in as its maker. The redirect address is the configured public URL, never the
 * request's {@code Host}. The result is the same session as a local sign-in, which asks the identity
 * provider again at every refresh (with the refresh token it gave) or ends with the ID token.
 */
@ApplicationScoped
public class SsoSignIn implements SsoSessions {

    private static final Logger LOG = Logger.getLogger(SsoSignIn.class);
    public static final String BINDING_COOKIE = "ce_sso";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A started sign-in: where to send the browser, and the secret its cookie must hold. */
    public record Started(String authorizationUrl, String binding, Duration lifetime) {}

    private final SsoSettingsStore settings;
    private final MongoCollection<Document> flows;
    private final Secrets secrets;
    private final UserStore users;
    private final SessionService sessions;
    private final TokenIssuer issuer;
    private final TenantConfig config;
    private final AuditTrail audit;
    private final OidcProviders providers;
    private final StartLimiter limiter;
    private final String publicUrl;

    public SsoSignIn(
            SsoSettingsStore settings,
            Store store,
            Secrets secrets,
            UserStore users,
            SessionService sessions,
            TokenIssuer issuer,
            TenantConfig config,
            AuditTrail audit,
            OidcProviders providers,
            CeConfig ce) {
        this.settings = settings;
        this.flows = store.collection("sso_flows");
        this.secrets = secrets;
        this.users = users;
        this.sessions = sessions;
        this.issuer = issuer;
        this.config = config;
        this.audit = audit;
        this.providers = providers;
        this.limiter = new StartLimiter(config.sso().startsPerMinute());
        this.publicUrl = ce.publicUrl().replaceAll("/+$", "");
    }

    public String callbackUrl() {
        return publicUrl + SsoSettingsService.CALLBACK_PATH;
    }

    /** Starts a sign-in for a browser at {@code address}. */
    public Started start(String address) {
        Document s = enabledSettings();
        Instant now = Instant.now();
        Duration lifetime = config.sso().flowLifetime();
        if (!limiter.allow(address, now)) {
            throw new ProblemException.Throttled(
                    "Too many sign-ins started",
                    "Too many single sign-on starts from this address; try again in a minute.",
                    60);
        }
        flows.deleteMany(Filters.lt("createdAt", Date.from(now.minus(lifetime))));
        if (flows.countDocuments() >= config.sso().maxOpenFlows()) {
            LOG.warnf("%d single sign-on starts are open; refusing more until some expire", flows.countDocuments());
            throw new ProblemException.Unavailable("Too many sign-ins are under way; try again in a minute.");
        }
        OidcProvider provider = providers.get(s.getString("issuer"), s.getString("clientId"));
        String state = random();
        String nonce = random();
        String verifier = random() + random();
        String binding = random();
        String redirectUri = callbackUrl();
        flows.insertOne(new Document("_id", state)
                .append("nonce", nonce)
                .append("verifier", verifier)
                .append("bindingHash", Hashes.sha256Hex(binding))
                .append("redirectUri", redirectUri)
                .append("createdAt", Date.from(now)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", s.getString("clientId"));
        params.put("redirect_uri", redirectUri);
        params.put("scope", String.join(" ", s.getList("scopes", String.class)));
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        return new Started(provider.authorizationUrl(params), binding, lifetime);
    }

    /**
     * Finishes a sign-in from the identity provider's redirect. Nothing of the redirect is believed, or
     * repeated to the user, before its state is found and the browser shows the cookie of that start.
     */
    public AuthModels.Tokens callback(
            String code, String state, String error, String errorDescription, String binding) {
        Document flow = state == null ? null : flows.findOneAndDelete(Filters.eq("_id", state));
        if (flow == null
                || binding == null
                || !sameHash(binding, flow.getString("bindingHash"))
                || flow.getDate("createdAt")
                        .toInstant()
                        .plus(config.sso().flowLifetime())
                        .isBefore(Instant.now())) {
            throw new ProblemException.Unauthorized("This sign-in was not started in this browser, has expired or was"
                    + " used already; start again from the sign-in page.");
        }
        if (error != null) {
            throw new ProblemException.Unauthorized("The identity provider refused the sign-in: "
                    + OidcProvider.printable(error)
                    + (errorDescription == null ? "" : " (" + OidcProvider.printable(errorDescription) + ")") + ".");
        }
        if (code == null) {
            throw ProblemException.Invalid.field("code", "is missing from the identity provider's redirect");
        }
        Document s = enabledSettings();
        OidcProvider provider = providers.get(s.getString("issuer"), s.getString("clientId"));
        OidcProvider.Answer answer = provider.exchange(
                code,
                flow.getString("redirectUri"),
                flow.getString("verifier"),
                s.getString("clientId"),
                clientSecret(s),
                flow.getString("nonce"));
        JwtClaims claims = answer.claims();
        String username = username(claims, s.getString("usernameClaim"));
        List<String> groups = groups(claims, s.getString("groupsClaim"));
        String role = role(groups, s.get("roleMapping", Document.class));
        if (role == null) {
            throw new ProblemException.Forbidden("Your account (" + username
                    + ") is in none of the groups that have access"
                    + " to Open Cloud Exchange (your groups: " + (groups.isEmpty() ? "none" : String.join(", ", groups))
                    + "). Ask an administrator to map one of them to a role.");
        }
        User user = upsertSsoUser(username, role);
        Instant endsBy = answer.refreshToken() == null ? expiry(claims) : null;
        Document idp = new Document("idToken", secrets.box().encrypt(answer.idToken()))
                .append(
                        "refreshToken",
                        answer.refreshToken() == null ? null : secrets.box().encrypt(answer.refreshToken()));
        SessionService.Opened session = sessions.open(user.username(), SessionService.SSO, endsBy, idp);
        String access = issuer.issue(
                user.username(),
                role,
                session.sessionId(),
                SessionService.SSO,
                List.of(),
                config.tokens().accessLifetime(),
                session.csrfToken());
        audit.record(
                user.username(),
                role,
                null,
                null,
                "auth.sso.login",
                "user:" + user.username(),
                null,
                Map.of("groups", groups, "role", role));
        return new AuthModels.Tokens(
                access,
                "Bearer",
                config.tokens().accessLifetime().toSeconds(),
                session.refreshToken(),
                user.username(),
                role,
                List.of(),
                session.csrfToken());
    }

    @Override
    public String recheck(SessionService.Refreshed session, User user) {
        Document idp = session.idp();
        String refreshToken = idp == null ? null : idp.getString("refreshToken");
        if (refreshToken == null) {
            // no way to ask the identity provider: the session ends with its ID token (set at sign-in)
            return user.role();
        }
        Document s = settings.load().orElse(null);
        if (s == null || !s.getBoolean("enabled", false)) {
            end(session, "single sign-on was turned off");
        }
        OidcProvider provider = providers.get(s.getString("issuer"), s.getString("clientId"));
        OidcProvider.Answer answer;
        try {
            answer = provider.refresh(secrets.box().decrypt(refreshToken), s.getString("clientId"), clientSecret(s));
        } catch (IllegalStateException e) {
            LOG.warnf("Could not ask the identity provider about %s: %s", user.username(), e.getMessage());
            throw new ProblemException.Unauthorized(
                    "The identity provider could not confirm your access just now; sign in again.");
        }
        if (answer == null) {
            end(session, "the identity provider no longer accepts the session");
        }
        String role = user.role();
        if (answer.claims() != null) {
            List<String> groups = groups(answer.claims(), s.getString("groupsClaim"));
            role = role(groups, s.get("roleMapping", Document.class));
            if (role == null) {
                end(session, "the user is in none of the mapped groups any more (groups: " + groups + ")");
            }
            if (!role.equals(user.role())) {
                users.save(new User(
                        user.username(),
                        role,
                        true,
                        null,
                        false,
                        user.eulaAcceptedAt(),
                        user.createdAt(),
                        Instant.now()));
                audit.record(
                        user.username(),
                        role,
                        null,
                        null,
                        "auth.sso.role-changed",
                        "user:" + user.username(),
                        Map.of("role", user.role()),
                        Map.of("role", role, "groups", groups));
            }
        }
        sessions.updateIdp(
                session.sessionId(),
                new Document(
                                "idToken",
                                answer.idToken() == null
                                        ? idp.getString("idToken")
                                        : secrets.box().encrypt(answer.idToken()))
                        .append("refreshToken", secrets.box().encrypt(answer.refreshToken())));
        return role;
    }

    @Override
    public Optional<String> logoutUrl(Document session) {
        Document s = settings.load().orElse(null);
        Document idp = session.get("idp", Document.class);
        if (s == null || !s.getBoolean("enabled", false)) {
            return Optional.empty();
        }
        try {
            String idToken = idp == null || idp.getString("idToken") == null
                    ? null
                    : secrets.box().decrypt(idp.getString("idToken"));
            return providers
                    .get(s.getString("issuer"), s.getString("clientId"))
                    .logoutUrl(idToken, s.getString("clientId"), publicUrl + "/");
        } catch (RuntimeException e) {
            LOG.warnf("No logout address of the identity provider: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private void end(SessionService.Refreshed session, String why) {
        LOG.infof("Single sign-on session of %s ended at refresh: %s", session.username(), why);
        sessions.revoke(session.sessionId());
        throw new ProblemException.Unauthorized(
                "Your access through single sign-on has ended (" + why + "); sign in again.");
    }

    private User upsertSsoUser(String username, String role) {
        Instant now = Instant.now();
        User existing = users.find(username).orElse(null);
        if (existing != null && (existing.passwordHash() != null || !existing.enabled())) {
            // a local account of that name, or a disabled one: which of the two is not said
            throw new ProblemException.Forbidden("The account " + username + " cannot sign in with single sign-on"
                    + " here. Ask the super-admin of Open Cloud Exchange.");
        }
        User user =
                new User(username, role, true, null, false, now, existing == null ? now : existing.createdAt(), now);
        if (existing == null) {
            users.insert(user);
        } else {
            users.save(user);
        }
        return user;
    }

    private Document enabledSettings() {
        Document s = settings.load().orElse(null);
        if (s == null || !s.getBoolean("enabled", false)) {
            throw new ProblemException.Conflict("Single sign-on is turned off; sign in with a username and password.");
        }
        return s;
    }

    private String clientSecret(Document s) {
        return s.getString("clientSecret") == null ? null : secrets.box().decrypt(s.getString("clientSecret"));
    }

    private static Instant expiry(JwtClaims claims) {
        try {
            return claims.getExpirationTime() == null
                    ? null
                    : Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        } catch (MalformedClaimException e) {
            return null;
        }
    }

    static String role(List<String> groups, Document mapping) {
        String best = null;
        for (String group : groups) {
            String role = mapping == null ? null : mapping.getString(group);
            if (Roles.ADMIN.equals(role)) {
                return Roles.ADMIN;
            }
            if (Roles.READ_ONLY.equals(role)) {
                best = Roles.READ_ONLY;
            }
        }
        return best;
    }

    private static String username(JwtClaims claims, String claim) {
        for (String name : new String[] {claim, "preferred_username", "email", "sub"}) {
            Object value = claims.getClaimValue(name);
            if (value instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        throw new ProblemException.Unauthorized("The ID token names no user (no " + claim + ", email or sub claim).");
    }

    private static List<String> groups(JwtClaims claims, String claim) {
        Object value = claims.getClaimValue(claim);
        List<String> groups = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(g -> groups.add(String.valueOf(g)));
        } else if (value instanceof String s) {
            groups.add(s);
        }
        return groups;
    }

    private static boolean sameHash(String binding, String storedHash) {
        return storedHash != null
                && MessageDigest.isEqual(
                        Hashes.sha256Hex(binding).getBytes(StandardCharsets.US_ASCII),
                        storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
