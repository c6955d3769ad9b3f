package org.opence.tenant.user;

import java.time.Instant;

/**
 * A user as the API shows it: never the password hash.
 *
 * @param signInDelayedUntil after repeated failed sign-ins of this account, attempts from addresses it
 *     never signed in from wait until then; null when they need not wait
 */
public record UserView(
        String username,
        String role,
        boolean enabled,
        boolean mustChangePassword,
        boolean sso,
        Instant signInDelayedUntil,
        Instant createdAt,
        Instant updatedAt) {

    static UserView of(User u, Instant signInDelayedUntil) {
        return new UserView(
                u.username(),
                u.role(),
                u.enabled(),
                u.mustChangePassword(),
                u.passwordHash() == null,
                signInDelayedUntil,
                u.createdAt(),
                u.updatedAt());
    }
}
