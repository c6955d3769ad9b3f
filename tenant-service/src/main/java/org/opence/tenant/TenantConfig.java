package org.opence.tenant;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** tenant-service settings; each key can be set from the environment, e.g. {@code TENANT_TOKENS_ACCESS_LIFETIME=10m}. */
@ConfigMapping(prefix = "tenant")
public interface TenantConfig {

    /** Access and refresh tokens. */
    Tokens tokens();

    /** Password hashing and policy. */
    Passwords passwords();

    /** Sign-in throttling. */
    Lockout lockout();

    /**
     * A JSON file of Netskope tenants to create at start-up when no tenant of that name exists yet
     * ({@code {"tenants": [{"name", "tenantName", "v2Token", "v1Token", "initialRangeDays"}]}}); existing
     * tenants are never changed. {@code scripts/start --demo} uses it for the demo tenant.
     */
    java.util.Optional<String> seedFile();

    interface Tokens {
        /** PEM file of the RSA private key that signs access tokens (made by scripts/setup). */
        @WithDefault("${ce.data-dir}/keys/jwt-private.pem")
        String privateKeyFile();

        /** PEM file of the matching public key, published at {@code /api/auth/jwks}. */
        @WithDefault("${ce.data-dir}/keys/jwt-public.pem")
        String publicKeyFile();

        /** Lifetime of an access token from a sign-in; short, refreshed with the refresh token. */
        @WithDefault("15m")
        Duration accessLifetime();

        /** Lifetime of a sign-in session (its refresh token). */
        @WithDefault("12h")
        Duration refreshLifetime();

        /** Lifetime of an access token obtained with an API token. */
        @WithDefault("120m")
        Duration apiAccessLifetime();
    }

    interface Passwords {
        /** bcrypt cost factor (2^cost rounds); 12 takes about a quarter of a second. */
        @WithDefault("12")
        int bcryptCost();

        /** Shortest password accepted. */
        @WithDefault("8")
        int minLength();
    }

    interface Lockout {
        /** Consecutive failures before the first lock; every further run of this many locks again, longer. */
        @WithDefault("5")
        int failuresPerStep();

        /** Lock after the first step; it doubles with each further step (2 min, 4, 8, ...). */
        @WithDefault("2m")
        Duration firstLock();

        /** Longest lock. */
        @WithDefault("1h")
        Duration maxLock();
    }
}
