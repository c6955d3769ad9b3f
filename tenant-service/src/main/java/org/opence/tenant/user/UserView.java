package org.opence.tenant.user;

import java.time.Instant;

/** A user as the API shows it: never the password hash. */
public record UserView(
        String username,
        String role,
        boolean enabled,
        boolean mustChangePassword,
        boolean locked,
        Instant lockedUntil,
        Instant createdAt,
        Instant updatedAt) {

    static UserView of(User u) {
        return new UserView(
                u.username(),
                u.role(),
                u.enabled(),
                u.mustChangePassword(),
                u.isLocked(Instant.now()),
                u.isLocked(Instant.now()) ? u.lockedUntil() : null,
                u.createdAt(),
                u.updatedAt());
    }
}
