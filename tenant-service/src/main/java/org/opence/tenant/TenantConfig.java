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

    /** Sign-in throttling: delays after repeated failures, per client address and per account. */
    Throttle throttle();

    /** Single sign-on. */
    Sso sso();

    /** The host's recovery commands ({@code scripts/admin-recovery}). */
    Recovery recovery();

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

    interface Throttle {
        /** Failed sign-ins from one client address (any accounts) before its attempts must wait. */
        @WithDefault("5")
        int sourceFreeFailures();

        /** Wait after the first failure beyond the free ones, doubling with each further one. */
        @WithDefault("2s")
        Duration sourceFirstDelay();

        /** Longest wait imposed on one address. */
        @WithDefault("15m")
        Duration sourceMaxDelay();

        /** Failed sign-ins of one account (from any addresses) before attempts from new addresses must wait. */
        @WithDefault("10")
        int accountFreeFailures();

        /** Wait after the first failure beyond the account's free ones, doubling. */
        @WithDefault("1s")
        Duration accountFirstDelay();

        /** Longest wait of an account; short, so an attacker slows guessing, never locks the owner out. */
        @WithDefault("30s")
        Duration accountMaxDelay();

        /** Failures are forgotten after this long without a new one. */
        @WithDefault("1h")
        Duration forgetAfter();

        /** An address an account signed in from is exempt from the account's wait for this long. */
        @WithDefault("30d")
        Duration knownSourceLifetime();
    }

    interface Sso {
        /** How long a started sign-in may take to come back from the identity provider. */
        @WithDefault("10m")
        Duration flowLifetime();

        /** Sign-ins one client address may start per minute. */
        @WithDefault("20")
        int startsPerMinute();

        /** Unfinished sign-ins kept at most; more starts are refused until some expire. */
        @WithDefault("2000")
        int maxOpenFlows();

        /** How long the identity provider's discovery document and keys are reused. */
        @WithDefault("5m")
        Duration discoveryCacheTime();
    }

    interface Recovery {
        /**
         * Directory where {@code scripts/admin-recovery} leaves its requests (unlock, new admin password);
         * tenant-service carries them out and removes them. Only the host's operator can write there.
         */
        @WithDefault("${ce.data-dir}/run/recovery")
        String directory();

        /** How often the directory is looked at. */
        @WithDefault("2s")
        Duration pollInterval();
    }
}
