package org.opence.tenant.sso;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.audit.AuditTrail;
import org.opence.common.error.ProblemException;
import org.opence.common.secret.Secrets;
import org.opence.common.security.Roles;
import org.opence.tenant.auth.SessionService;
import org.opence.tenant.user.User;

/** The OIDC settings the super-admin edits: read, change (checking the issuer), test an issuer. */
@ApplicationScoped
public class SsoSettingsService {

    private static final Logger LOG = Logger.getLogger(SsoSettingsService.class);
    public static final String CALLBACK_PATH = "/api/auth/sso/callback";

    private final SsoSettingsStore settings;
    private final Secrets secrets;
    private final OidcProviders providers;
    private final SessionService sessions;
    private final AuditTrail audit;

    public SsoSettingsService(
            SsoSettingsStore settings,
            Secrets secrets,
            OidcProviders providers,
            SessionService sessions,
            AuditTrail audit) {
        this.settings = settings;
        this.secrets = secrets;
        this.providers = providers;
        this.sessions = sessions;
        this.audit = audit;
    }

    public SsoModels.Availability availability() {
        boolean enabled =
                settings.load().map(d -> d.getBoolean("enabled", false)).orElse(false);
        return new SsoModels.Availability(
                enabled, settings.localLoginAllowed(), enabled ? "/api/auth/sso/start" : null);
    }

    public SsoModels.View view() {
        return settings.load()
                .map(SsoSettingsService::view)
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

    /**
     * Saves the settings. Turning local password sign-in off ends every open password session but the
     * built-in admin's: the decision applies to those signed in already, not only to the next sign-in.
     */
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
        boolean localAllowedBefore = settings.localLoginAllowed();
        Document existing = settings.load().orElse(new Document());
        String secret = form.clientSecret() == null
                ? existing.getString("clientSecret")
                : form.clientSecret().isBlank() ? null : secrets.box().encrypt(form.clientSecret());
        if (form.enabled()) {
            providers.fresh(form.issuer().trim(), form.clientId().trim());
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
        if (localAllowedBefore && !settings.localLoginAllowed()) {
            int ended = sessions.revokePasswordSessionsExcept(User.BUILT_IN_ADMIN);
            LOG.infof("Password sign-in was turned off: %d open password session(s) ended", ended);
        }
        return after;
    }

    /** Reads the issuer's discovery document and key set without saving anything. */
    public SsoModels.IssuerTest test(SsoModels.IssuerToTest form) {
        return providers.fresh(form.issuer().trim(), form.clientId().trim()).test();
    }

    static SsoModels.View view(Document d) {
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

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
