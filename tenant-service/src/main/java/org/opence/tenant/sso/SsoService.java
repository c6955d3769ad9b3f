package org.opence.tenant.sso;

import java.net.http.HttpClient;
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
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jose4j.jwt.JwtClaims;
import org.opence.common.audit.AuditTrail;
import org.opence.common.error.ProblemException;
import org.opence.common.secret.Secrets;
import org.opence.common.security.Roles;
import org.opence.common.store.Store;
import org.opence.tenant.TenantConfig;
import org.opence.tenant.auth.AuthModels;
import org.opence.tenant.auth.SessionService;
import org.opence.tenant.auth.TokenIssuer;
import org.opence.tenant.user.User;
import org.opence.tenant.user.UserStore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Sign-in with OpenID Connect: authorisation-code flow with PKCE (S256), state and nonce kept
 * server-side for ten minutes and usable once, ID token verified against the IdP's keys, IdP groups
 * mapped to a role. The result is the same session as a local sign-in.
 */
@ApplicationScoped
public class SsoService {

    public static final String CALLBACK_PATH = "/api/auth/sso/callback";
    private static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SsoSettingsStore settings;
    private final MongoCollection<Document> flows;
    private final Secrets secrets;
    private final UserStore users;
    private final SessionService sessions;
    private final TokenIssuer issuer;
    private final TenantConfig config;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public SsoService(
            SsoSettingsStore settings,
            Store store,
            Secrets secrets,
            UserStore users,
            SessionService sessions,
            TokenIssuer issuer,
            TenantConfig config,
            AuditTrail audit,
            ObjectMapper mapper) {
        this.settings = settings;
        this.flows = store.collection("sso_flows");
        this.secrets = secrets;
        this.users = users;
        this.sessions = sessions;
        this.issuer = issuer;
        this.config = config;
        this.audit = audit;
        this.mapper = mapper;
    }

    public SsoModels.Availability availability() {
        boolean enabled =
                settings.load().map(d -> d.getBoolean("enabled", false)).orElse(false);
        return new SsoModels.Availability(
                enabled, settings.localLoginAllowed(), enabled ? "/api/auth/sso/start" : null);
    }

    public SsoModels.View view() {
        return settings.load()
                .map(SsoService::view)
                .orElse(new SsoModels.View(
                        false,
                        null,
                        null,
                        false,
                        List.of("openid", "profile", "email"),
                        "groups",
                        "preferred_username",
                        Map.of(),
                        true,
                        CALLBACK_PATH));
    }

    public SsoModels.View update(SsoModels.Settings form) {
        Map<String, String> mapping = form.roleMapping() == null ? Map.of() : form.roleMapping();
        mapping.forEach((group, role) -> {
            if (!Roles.ADMIN.equals(role) && !Roles.READ_ONLY.equals(role)) {
                throw ProblemException.Invalid.field(
                        "roleMapping." + group, "must be admin or read-only, was '" + role + "'");
            }
        });
        if (form.enabled() && mapping.isEmpty()) {
            throw ProblemException.Invalid.field(
                    "roleMapping", "map at least one IdP group to a role before turning SSO on");
        }
        Document existing = settings.load().orElse(new Document());
        String secret = form.clientSecret() == null
                ? existing.getString("clientSecret")
                : form.clientSecret().isBlank() ? null : secrets.box().encrypt(form.clientSecret());
        if (form.enabled()) {
            OidcProvider.discover(form.issuer().trim(), form.clientId(), http, mapper);
        }
        List<String> scopes = new ArrayList<>(
                form.scopes() == null || form.scopes().isEmpty()
                        ? List.of("openid", "profile", "email")
                        : form.scopes());
        if (!scopes.contains("openid")) {
            scopes.add(0, "openid");
        }
        Document doc = new Document("enabled", form.enabled())
                .append("issuer", form.issuer().trim())
                .append("clientId", form.clientId().trim())
                .append("clientSecret", secret)
                .append("scopes", scopes)
                .append("groupsClaim", blankOr(form.groupsClaim(), "groups"))
                .append("usernameClaim", blankOr(form.usernameClaim(), "preferred_username"))
                .append("roleMapping", new Document(new LinkedHashMap<>(mapping)))
                .append("localLoginAllowed", form.localLoginAllowed() == null || form.localLoginAllowed());
        SsoModels.View before = existing.isEmpty() ? null : view(existing);
        settings.save(doc);
        SsoModels.View after = view(doc);
        audit.record("sso.updated", "sso:oidc", before, after);
        return after;
    }

    /** Reads the issuer's discovery document and key set without saving anything. */
    public SsoModels.IssuerTest test(SsoModels.IssuerToTest form) {
        return OidcProvider.discover(form.issuer().trim(), form.clientId().trim(), http, mapper)
                .test();
    }

    /** Starts a sign-in: the IdP URL to redirect the browser to. */
    public String start(String redirectUri) {
        Document s = enabledSettings();
        OidcProvider provider = OidcProvider.discover(s.getString("issuer"), s.getString("clientId"), http, mapper);
        String state = random();
        String nonce = random();
        String verifier = random() + random();
        flows.insertOne(new Document("_id", state)
                .append("nonce", nonce)
                .append("verifier", verifier)
                .append("redirectUri", redirectUri)
                .append("createdAt", new Date()));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", s.getString("clientId"));
        params.put("redirect_uri", redirectUri);
        params.put("scope", String.join(" ", s.getList("scopes", String.class)));
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge(verifier));
        params.put("code_challenge_method", "S256");
        return provider.authorizationUrl(params);
    }

    /** Finishes a sign-in from the IdP's redirect. */
    public AuthModels.Tokens callback(String code, String state, String error, String errorDescription) {
        if (error != null) {
            throw new ProblemException.Unauthorized("The identity provider refused the sign-in: " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")") + ".");
        }
        if (code == null || state == null) {
            throw ProblemException.Invalid.field(
                    code == null ? "code" : "state", "is missing from the identity provider's redirect");
        }
        Document flow = flows.findOneAndDelete(Filters.eq("_id", state));
        if (flow == null
                || flow.getDate("createdAt").toInstant().plus(FLOW_LIFETIME).isBefore(Instant.now())) {
            throw new ProblemException.Unauthorized(
                    "This sign-in is unknown, expired or was used already; start again.");
        }
        Document s = enabledSettings();
        OidcProvider provider = OidcProvider.discover(s.getString("issuer"), s.getString("clientId"), http, mapper);
        String clientSecret =
                s.getString("clientSecret") == null ? null : secrets.box().decrypt(s.getString("clientSecret"));
        JwtClaims claims = provider.exchange(
                code,
                flow.getString("redirectUri"),
                flow.getString("verifier"),
                s.getString("clientId"),
                clientSecret,
                flow.getString("nonce"));
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
        SessionService.Opened session = sessions.open(user.username(), "sso");
        String access = issuer.issue(
                user.username(),
                role,
                session.sessionId(),
                "sso",
                List.of(),
                config.tokens().accessLifetime());
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
                List.of());
    }

    private User upsertSsoUser(String username, String role) {
        Instant now = Instant.now();
        User existing = users.find(username).orElse(null);
        if (existing != null && existing.passwordHash() != null) {
            throw new ProblemException.Conflict(
                    "A local user named '" + username + "' exists; an SSO account cannot take"
                            + " over a local one. Ask the super-admin to rename or delete the local user.");
        }
        if (existing != null && !existing.enabled()) {
            throw new ProblemException.Forbidden("This user is disabled in Open CE; ask the super-admin to enable it.");
        }
        User user = new User(
                username, role, true, null, false, now, 0, null, existing == null ? now : existing.createdAt(), now);
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

    private static SsoModels.View view(Document d) {
        Document mapping = d.get("roleMapping", Document.class);
        Map<String, String> roles = new LinkedHashMap<>();
        if (mapping != null) {
            mapping.forEach((k, v) -> roles.put(k, String.valueOf(v)));
        }
        return new SsoModels.View(
                d.getBoolean("enabled", false),
                d.getString("issuer"),
                d.getString("clientId"),
                d.getString("clientSecret") != null,
                d.getList("scopes", String.class),
                d.getString("groupsClaim"),
                d.getString("usernameClaim"),
                roles,
                d.getBoolean("localLoginAllowed", true),
                CALLBACK_PATH);
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

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
