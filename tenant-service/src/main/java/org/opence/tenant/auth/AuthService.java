package org.opence.tenant.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.audit.AuditTrail;
import org.opence.common.error.ProblemException;
import org.opence.tenant.TenantConfig;
import org.opence.tenant.user.PasswordHasher;
import org.opence.tenant.user.PasswordPolicy;
import org.opence.tenant.user.User;
import org.opence.tenant.user.UserStore;

/** Signing in and out, first login, refresh and password changes. */
@ApplicationScoped
public class AuthService {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SessionService sessions;
    private final TokenIssuer issuer;
    private final TenantConfig config;
    private final AuditTrail audit;
    private final org.opence.tenant.sso.SsoSettingsStore ssoSettings;
    private final SignInThrottle throttle;
    private final SsoSessions ssoSessions;

    public AuthService(
            UserStore users,
            PasswordHasher hasher,
            PasswordPolicy policy,
            SessionService sessions,
            TokenIssuer issuer,
            TenantConfig config,
            AuditTrail audit,
            org.opence.tenant.sso.SsoSettingsStore ssoSettings,
            SignInThrottle throttle,
            SsoSessions ssoSessions) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.issuer = issuer;
        this.config = config;
        this.audit = audit;
        this.ssoSettings = ssoSettings;
        this.throttle = throttle;
        this.ssoSessions = ssoSessions;
    }

    /**
     * A password sign-in from a client address. Every refusal of a known user looks like the refusal of
     * an unknown one: a wrong password, a disabled user and a user who may not use a password (SSO only)
     * all get the same 401, so the answer never confirms a password; repeated failures make the next
     * attempt wait (429), the same way for known and unknown names.
     */
    public AuthModels.Tokens login(String username, String password, String address) {
        Instant now = Instant.now();
        SignInThrottle.Verdict verdict = throttle.check(username, address, now);
        if (!verdict.allowed()) {
            throw tooManyAttempts(verdict.delay());
        }
        User user = users.find(username).orElse(null);
        boolean passwordMatches;
        if (user == null || user.passwordHash() == null) {
            hasher.spendTimeOfOneCheck(password);
            passwordMatches = false;
        } else {
            passwordMatches = hasher.matches(password, user.passwordHash());
        }
        if (!passwordMatches) {
            throttle.failed(username, address, now);
            throw wrongCredentials();
        }
        throttle.succeeded(username, address, now);
        if (!user.enabled() || (!user.isBuiltInAdmin() && !ssoSettings.localLoginAllowed())) {
            // the password was right, but saying so would confirm it to whoever guessed it
            throw wrongCredentials();
        }
        return open(user);
    }

    public AuthModels.Tokens firstLogin(String username, String sessionId, AuthModels.FirstLogin request) {
        User user = requireActive(username);
        List<String> pending = pending(user);
        if (pending.isEmpty()) {
            throw new ProblemException.Conflict(
                    "The first sign-in is already finished; change the password with PUT /api/auth/password.");
        }
        if (pending.contains("eula") && !Boolean.TRUE.equals(request.acceptEula())) {
            throw ProblemException.Invalid.field(
                    "acceptEula", "must be true: the EULA must be accepted to use Open CE");
        }
        policy.check("newPassword", request.newPassword(), username);
        if (hasher.matches(request.newPassword(), user.passwordHash())) {
            throw ProblemException.Invalid.field("newPassword", "must differ from the current password");
        }
        Instant now = Instant.now();
        User done = new User(
                user.username(),
                user.role(),
                true,
                hasher.hash(request.newPassword()),
                false,
                user.eulaAcceptedAt() == null ? now : user.eulaAcceptedAt(),
                user.createdAt(),
                now);
        users.save(done);
        sessions.revoke(sessionId);
        audit.record(
                "auth.first-login",
                "user:" + username,
                null,
                java.util.Map.of("eulaAccepted", pending.contains("eula"), "passwordReplaced", true));
        return open(done);
    }

    public AuthModels.Tokens changePassword(String username, String sessionId, AuthModels.ChangePassword request) {
        User user = requireActive(username);
        if (user.passwordHash() == null) {
            throw new ProblemException.Conflict(
                    "This account signs in with single sign-on and has no password here; change it at the identity"
                            + " provider.");
        }
        if (!hasher.matches(request.currentPassword(), user.passwordHash())) {
            throw ProblemException.Invalid.field("currentPassword", "is not the current password");
        }
        policy.check("newPassword", request.newPassword(), username);
        if (request.newPassword().equals(request.currentPassword())) {
            throw ProblemException.Invalid.field("newPassword", "must differ from the current password");
        }
        User changed = new User(
                user.username(),
                user.role(),
                true,
                hasher.hash(request.newPassword()),
                false,
                user.eulaAcceptedAt(),
                user.createdAt(),
                Instant.now());
        users.save(changed);
        sessions.revokeAllOf(username);
        audit.record("auth.password.changed", "user:" + username, null, null);
        return open(changed);
    }

    /**
     * A new access token for a session, keeping how it was opened. A single sign-on session asks the
     * identity provider again whether the user still has access, and with which role.
     */
    public AuthModels.Tokens refresh(String refreshToken) {
        SessionService.Refreshed refreshed = sessions.rotate(refreshToken)
                .orElseThrow(
                        () -> new ProblemException.Unauthorized(
                                "The refresh token is not valid (expired, used already, or the session ended); sign in again."));
        User user = users.find(refreshed.username()).filter(User::enabled).orElse(null);
        if (user == null) {
            sessions.revoke(refreshed.sessionId());
            throw new ProblemException.Unauthorized("The user of this session no longer exists or is disabled.");
        }
        String method = refreshed.method() == null ? SessionService.PASSWORD : refreshed.method();
        String role = user.role();
        if (SessionService.SSO.equals(method)) {
            role = ssoSessions.recheck(refreshed, user);
        } else if (!user.isBuiltInAdmin() && !ssoSettings.localLoginAllowed()) {
            sessions.revoke(refreshed.sessionId());
            throw new ProblemException.Unauthorized("Sign-in with a password is turned off; use single sign-on.");
        }
        List<String> pending = pending(user);
        String access = issuer.issue(
                user.username(),
                role,
                refreshed.sessionId(),
                method,
                pending,
                config.tokens().accessLifetime(),
                refreshed.csrfToken());
        return new AuthModels.Tokens(
                access,
                "Bearer",
                config.tokens().accessLifetime().toSeconds(),
                refreshed.refreshToken(),
                user.username(),
                role,
                pending,
                refreshed.csrfToken());
    }

    /** Ends the session; for single sign-on also says where the identity provider ends its own. */
    public AuthModels.LoggedOut logout(String sessionId) {
        String logoutUrl = sessions.find(sessionId)
                .filter(s -> SessionService.SSO.equals(s.getString("method")))
                .flatMap(ssoSessions::logoutUrl)
                .orElse(null);
        sessions.revoke(sessionId);
        return new AuthModels.LoggedOut(logoutUrl);
    }

    private AuthModels.Tokens open(User user) {
        List<String> pending = pending(user);
        SessionService.Opened session = sessions.open(user.username(), SessionService.PASSWORD);
        String access = issuer.issue(
                user.username(),
                user.role(),
                session.sessionId(),
                SessionService.PASSWORD,
                pending,
                config.tokens().accessLifetime(),
                session.csrfToken());
        return new AuthModels.Tokens(
                access,
                "Bearer",
                config.tokens().accessLifetime().toSeconds(),
                session.refreshToken(),
                user.username(),
                user.role(),
                pending,
                session.csrfToken());
    }

    static List<String> pending(User user) {
        List<String> pending = new ArrayList<>();
        if (user.isBuiltInAdmin() && user.eulaAcceptedAt() == null) {
            pending.add("eula");
        }
        if (user.mustChangePassword()) {
            pending.add("password");
        }
        return pending;
    }

    private User requireActive(String username) {
        return users.find(username)
                .filter(User::enabled)
                .orElseThrow(() -> new ProblemException.Unauthorized("This user no longer exists or is disabled."));
    }

    private static ProblemException wrongCredentials() {
        return new ProblemException.Unauthorized("The username or password is wrong.");
    }

    /** Sign-in refused until the throttle's wait is over; the same for every account name. */
    static ProblemException tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ProblemException.Throttled(
                "Too many failed sign-ins", "Too many failed sign-ins; try again in " + seconds + " s.", seconds);
    }
}
