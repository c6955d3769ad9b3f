package org.opence.tenant.auth;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.opence.common.security.Roles;
import org.opence.tenant.user.PasswordHasher;
import org.opence.tenant.user.User;
import org.opence.tenant.user.UserStore;

import com.mongodb.MongoWriteException;

import io.quarkus.runtime.Startup;

/**
 * Creates the built-in super-admin {@code admin} with the password {@code admin} on the very first
 * start. That password opens nothing but the first-login step, which replaces it.
 */
@Startup
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    public AdminBootstrap(UserStore users, PasswordHasher hasher) {
        if (users.find(User.BUILT_IN_ADMIN).isPresent()) {
            return;
        }
        Instant now = Instant.now();
        try {
            users.insert(
                    new User(User.BUILT_IN_ADMIN, Roles.SUPER_ADMIN, true, hasher.hash("admin"), true, null, now, now));
            LOG.info("Created the built-in user 'admin' (password 'admin', to be replaced at the first sign-in)");
        } catch (MongoWriteException e) {
            // another replica created it at the same moment
        }
    }
}
