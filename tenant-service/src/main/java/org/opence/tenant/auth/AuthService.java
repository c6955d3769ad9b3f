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

    public AuthService(
            UserStore users,
            PasswordHasher hasher,
            PasswordPolicy policy,
            SessionService sessions,
            TokenIssuer issuer,
            TenantConfig config,
            AuditTrail audit,
            org.opence.tenant.sso.SsoSettingsStore ssoSettings) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.issuer = issuer;
        this.config = config;
        this.audit = audit;
        this.ssoSettings = ssoSettings;
    }

    public AuthModels.Tokens login(String username, String password) {
        Instant now = Instant.now();
        User user = users.find(username).orElse(null);
        if (user == null) {
            hasher.spendTimeOfOneCheck(password);
            throw wrongCredentials();
        }
        if (user.isLocked(now)) {
            throw new TooManyAttempts(Duration.between(now, user.lockedUntil()));
        }
        if (!hasher.matches(password, user.passwordHash())) {
            User failed = recordFailure(user, now);
            users.save(failed);
            if (failed.isLocked(now)) {
                throw new TooManyAttempts(Duration.between(now, failed.lockedUntil()));
            }
            throw wrongCredentials();
        }
        if (!user.enabled()) {
            throw new ProblemException.Forbidden("This user is disabled; ask the super-admin to enable it.");
        }
        if (!user.isBuiltInAdmin() && !ssoSettings.localLoginAllowed()) {
            throw new ProblemException.Forbidden("Sign-in with a password is turned off; use single sign-on.");
        }
        if (user.failedSignIns() > 0 || user.lockedUntil() != null) {
            users.save(withFailures(user, 0, null));
        }
        return open(user);
    }

    /** Locks for the first-lock duration after each run of failures, doubling up to the maximum. */
    User recordFailure(User user, Instant now) {
        int failures = user.failedSignIns() + 1;
        int perStep = config.lockout().failuresPerStep();
        Instant lockedUntil = user.lockedUntil();
        if (failures % perStep == 0) {
            int step = failures / perStep;
            Duration lock = config.lockout().firstLock().multipliedBy(1L << Math.min(step - 1, 20));
            if (lock.compareTo(config.lockout().maxLock()) > 0) {
                lock = config.lockout().maxLock();
            }
            lockedUntil = now.plus(lock);
        }
        return withFailures(user, failures, lockedUntil);
    }

    private static User withFailures(User u, int failures, Instant lockedUntil) {
        return new User(
                u.username(),
                u.role(),
                u.enabled(),
                u.passwordHash(),
                u.mustChangePassword(),
                u.eulaAcceptedAt(),
                failures,
                lockedUntil,
                u.createdAt(),
                u.updatedAt());
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
                0,
                null,
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
                0,
                null,
                user.createdAt(),
                Instant.now());
        users.save(changed);
        sessions.revokeAllOf(username);
        audit.record("auth.password.changed", "user:" + username, null, null);
        return open(changed);
    }

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
        List<String> pending = pending(user);
        String access = issuer.issue(
                user.username(),
                user.role(),
                refreshed.sessionId(),
                "password",
                pending,
                config.tokens().accessLifetime());
        return tokens(user, access, refreshed.refreshToken(), pending);
    }

    public void logout(String sessionId) {
        sessions.revoke(sessionId);
    }

    private AuthModels.Tokens open(User user) {
        List<String> pending = pending(user);
        SessionService.Opened session = sessions.open(user.username(), "password");
        String access = issuer.issue(
                user.username(),
                user.role(),
                session.sessionId(),
                "password",
                pending,
                config.tokens().accessLifetime());
        return tokens(user, access, session.refreshToken(), pending);
    }

    private AuthModels.Tokens tokens(User user, String access, String refresh, List<String> pending) {
        return new AuthModels.Tokens(
                access,
                "Bearer",
                config.tokens().accessLifetime().toSeconds(),
                refresh,
                user.username(),
                user.role(),
                pending);
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

    /** Sign-in refused while the user is locked after repeated failures. */
    public static class TooManyAttempts extends ProblemException {
        private final long retryAfterSeconds;

        TooManyAttempts(Duration wait) {
            super(
                    "locked",
                    "Too many failed sign-ins",
                    429,
                    "Too many failed sign-ins for this user; try again in " + Math.max(1, wait.toSeconds()) + " s.");
            this.retryAfterSeconds = Math.max(1, wait.toSeconds());
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
