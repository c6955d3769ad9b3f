package org.opence.common.security;

import java.util.List;

/**
 * The three roles of Open CE. Roles nest: a token carries its role and every role below it, so an
 * endpoint names the least role it needs ({@code @RolesAllowed(Roles.READ_ONLY)} for reads,
 * {@link #ADMIN} for configuration, {@link #SUPER_ADMIN} for users, SSO, settings and plugin upload).
 */
public final class Roles {

    /** The built-in {@code admin} user only: users, SSO, settings, modules on/off, plugin upload. */
    public static final String SUPER_ADMIN = "super-admin";
    /** Configures modules, plugins, rules and tenants. */
    public static final String ADMIN = "admin";
    /** Reads everything it may see, changes nothing. */
    public static final String READ_ONLY = "read-only";

    private static final List<String> ORDER = List.of(READ_ONLY, ADMIN, SUPER_ADMIN);

    private Roles() {}

    /** Whether {@code role} is one of the three. */
    public static boolean isKnown(String role) {
        return ORDER.contains(role);
    }

    /** The role and every role it includes, e.g. admin → [read-only, admin]. */
    public static List<String> withImplied(String role) {
        int index = ORDER.indexOf(role);
        if (index < 0) {
            throw new IllegalArgumentException("unknown role '" + role + "'; allowed: " + ORDER);
        }
        return ORDER.subList(0, index + 1);
    }

    public static List<String> all() {
        return ORDER;
    }
}
