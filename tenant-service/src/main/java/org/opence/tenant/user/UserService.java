package org.opence.tenant.user;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.audit.AuditTrail;
import org.opence.common.error.ProblemException;
import org.opence.common.security.Roles;
import org.opence.tenant.auth.SessionService;
import org.opence.tenant.auth.SignInThrottle;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

/** Managing users: the rules about the built-in admin, passwords and what ends a user's sessions. */
@ApplicationScoped
public class UserService {

    private final UserStore store;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final AuditTrail audit;
    private final SignInThrottle throttle;

    public UserService(
            UserStore store,
            PasswordPolicy policy,
            PasswordHasher hasher,
            SessionService sessions,
            AuditTrail audit,
            SignInThrottle throttle) {
        this.throttle = throttle;
        this.store = store;
        this.policy = policy;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
    }

    public List<UserView> list() {
        return store.all().stream().map(this::view).toList();
    }

    public UserView get(String username) {
        return view(require(username));
    }

    public UserView create(UserRequests.Create request) {
        policy.check("password", request.password(), request.username());
        Instant now = Instant.now();
        User user = new User(
                request.username(),
                request.role(),
                request.enabled() == null || request.enabled(),
                hasher.hash(request.password()),
                true,
                now,
                now,
                now);
        try {
            store.insert(user);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ProblemException.Conflict("A user named '" + request.username() + "' already exists.");
            }
            throw e;
        }
        audit.record("user.created", "user:" + user.username(), null, view(user));
        return view(user);
    }

    public UserView update(String username, UserRequests.Update request) {
        User user = require(username);
        if (user.isBuiltInAdmin()
                && ((request.role() != null && !Roles.SUPER_ADMIN.equals(request.role()))
                        || Boolean.FALSE.equals(request.enabled()))) {
            throw ProblemException.Invalid.field(
                    request.role() != null ? "role" : "enabled", "the built-in admin is always an enabled super-admin");
        }
        String hash = user.passwordHash();
        boolean mustChange = user.mustChangePassword();
        if (request.password() != null) {
            policy.check("password", request.password(), username);
            hash = hasher.hash(request.password());
            mustChange = true;
        }
        boolean enabled = request.enabled() == null ? user.enabled() : request.enabled();
        String role = request.role() == null ? user.role() : request.role();
        User updated = new User(
                username, role, enabled, hash, mustChange, user.eulaAcceptedAt(), user.createdAt(), Instant.now());
        store.save(updated);
        if (request.enabled() != null && enabled) {
            throttle.reset(username);
        }
        if (!enabled || request.password() != null || !role.equals(user.role())) {
            sessions.revokeAllOf(username);
        }
        audit.record("user.updated", "user:" + username, view(user), view(updated));
        return view(updated);
    }

    public void delete(String username) {
        User user = require(username);
        if (user.isBuiltInAdmin()) {
            throw new ProblemException.Conflict("The built-in admin cannot be deleted.");
        }
        store.delete(username);
        sessions.revokeAllOf(username);
        audit.record("user.deleted", "user:" + username, view(user), null);
    }

    private User require(String username) {
        return store.find(username)
                .orElseThrow(() -> new ProblemException.NotFound("No user named '" + username + "'."));
    }

    private UserView view(User user) {
        return UserView.of(
                user, throttle.delayedUntil(user.username(), Instant.now()).orElse(null));
    }
}
