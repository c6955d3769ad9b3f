package org.opence.tenant.user;

import java.time.Instant;

/**
 * A local user as stored (the password hash never leaves tenant-service).
 *
 * @param username unique, case-sensitive login name
 * @param role super-admin (only {@code admin}), admin or read-only
 * @param enabled whether the user may sign in
 * @param passwordHash bcrypt hash
 * @param mustChangePassword true until the user replaced a password someone else set
 * @param eulaAcceptedAt when the EULA was accepted; null until the first sign-in finished (admin only)
 */
public record User(
        String username,
        String role,
        boolean enabled,
        String passwordHash,
        boolean mustChangePassword,
        Instant eulaAcceptedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The built-in super-admin: cannot be deleted, renamed, disabled or given another role. */
    public static final String BUILT_IN_ADMIN = "admin";

    public boolean isBuiltInAdmin() {
        return BUILT_IN_ADMIN.equals(username);
    }
}
