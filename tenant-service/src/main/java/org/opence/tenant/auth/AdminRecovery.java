package org.opence.tenant.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.common.audit.AuditTrail;
import org.opence.common.security.Roles;
import org.opence.tenant.TenantConfig;
import org.opence.tenant.user.PasswordHasher;
import org.opence.tenant.user.User;
import org.opence.tenant.user.UserStore;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The host operator's way back in, whatever happened at the sign-in page: {@code scripts/admin-recovery}
 * leaves a request in a directory under the data directory (which only the operator can write, and
 * which holds the master key's neighbours anyway), and tenant-service carries it out:
 *
 * <ul>
 *   <li>{@code unlock}: forgets every failed sign-in of the built-in admin and of every address;
 *   <li>{@code admin-password}: the file holds a temporary password for the built-in admin, to be
 *       replaced at its next sign-in; every session of the admin ends.
 * </ul>
 *
 * Each request is removed when done, logged and written to the audit trail as done by the host.
 */
@ApplicationScoped
public class AdminRecovery {

    private static final Logger LOG = Logger.getLogger(AdminRecovery.class);
    static final String UNLOCK = "unlock";
    static final String ADMIN_PASSWORD = "admin-password";

    private final Path directory;
    private final long pollMillis;
    private final SignInThrottle throttle;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final AuditTrail audit;
    private ScheduledExecutorService poller;

    public AdminRecovery(
            TenantConfig config,
            SignInThrottle throttle,
            UserStore users,
            PasswordHasher hasher,
            SessionService sessions,
            AuditTrail audit) {
        this.directory = Path.of(config.recovery().directory());
        this.pollMillis = config.recovery().pollInterval().toMillis();
        this.throttle = throttle;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
    }

    void onStart(@Observes StartupEvent start) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "admin-recovery");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::carryOut, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** Carries out whatever requests are waiting. */
    void carryOut() {
        try {
            Path unlock = directory.resolve(UNLOCK);
            if (Files.exists(unlock)) {
                throttle.reset(User.BUILT_IN_ADMIN);
                throttle.resetAllSources();
                // removed once done: whoever waits for the file to go knows the request was carried out
                Files.deleteIfExists(unlock);
                LOG.warn("Host recovery: failed sign-ins of the admin and of every address forgotten");
                audit.record("host", Roles.SUPER_ADMIN, null, null, "auth.recovery.unlock", "user:admin", null, null);
            }
            Path password = directory.resolve(ADMIN_PASSWORD);
            if (Files.exists(password)) {
                String temporary =
                        Files.readString(password, StandardCharsets.UTF_8).strip();
                Files.deleteIfExists(password);
                resetAdminPassword(temporary);
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Host recovery request in %s not carried out: %s", directory, e.getMessage());
        }
    }

    private void resetAdminPassword(String temporary) {
        if (temporary.length() < 12) {
            LOG.errorf("Host recovery: the temporary admin password must have at least 12 characters; ignored");
            return;
        }
        User admin = users.find(User.BUILT_IN_ADMIN).orElse(null);
        if (admin == null) {
            LOG.error("Host recovery: there is no built-in admin yet; start the suite once first");
            return;
        }
        users.save(new User(
                admin.username(),
                admin.role(),
                true,
                hasher.hash(temporary),
                true,
                admin.eulaAcceptedAt(),
                admin.createdAt(),
                Instant.now()));
        sessions.revokeAllOf(User.BUILT_IN_ADMIN);
        throttle.reset(User.BUILT_IN_ADMIN);
        throttle.resetAllSources();
        LOG.warn("Host recovery: the admin's password was replaced by a temporary one, to be changed at the next"
                + " sign-in; every admin session ended");
        audit.record(
                "host",
                Roles.SUPER_ADMIN,
                null,
                null,
                "auth.recovery.admin-password",
                "user:admin",
                null,
                Map.of("mustChangePassword", true));
    }
}
