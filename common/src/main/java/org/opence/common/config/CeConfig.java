package org.opence.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every Open CE service shares. Each key can be set from the environment by the usual
 * MicroProfile rule (upper case, dots and dashes become underscores), e.g. {@code CE_RABBITMQ_URL}.
 */
@ConfigMapping(prefix = "ce")
public interface CeConfig {

    /** Who this service is: its name on the bus, in logs and in the system status. */
    Service service();

    /** The RabbitMQ broker all services share. */
    Rabbitmq rabbitmq();

    /** How this service uses the bus: isolation prefix, prefetch, retries. */
    Bus bus();

    /** The MongoDB database all services share (each owns its own collections in it). */
    Mongodb mongodb();

    /** Where the HTTP server listens. */
    Http http();

    /**
     * The address users open the console at, e.g. {@code https://opence.example.com}: the single sign-on
     * redirect and every absolute link are built from it, never from a request's {@code Host} header.
     */
    @WithDefault("https://localhost:${ce.ports.ui:8443}")
    String publicUrl();

    /** The data directory of the installation (keys, certificates, store files, logs). */
    @WithDefault("data")
    String dataDir();

    /** Token verification. */
    Security security();

    /** Plugins of this service's module. */
    Plugins plugins();

    /** Switches for development and tests only; every one is off in a real installation. */
    Dev dev();

    interface Dev {
        /**
         * Accept a Netskope tenant at a plain {@code http://} URL when its host is this machine's loopback
         * address (127.0.0.0/8, ::1, localhost): the tenant simulator of {@code scripts/start --demo}
         * and the tests. Tenant tokens never travel over plain HTTP to any other host.
         */
        @WithDefault("false")
        boolean allowHttpTenantOnLoopback();
    }

    interface Plugins {
        /** The module whose plugins this service runs (CTE, CTO, CRE, CLS); unset for services without plugins. */
        java.util.Optional<String> module();

        /** Directory of the built-in plugin jars. */
        @WithDefault("plugins")
        String builtinDir();

        /** Directory of uploaded (custom) plugin jars. */
        @WithDefault("${ce.data-dir}/plugins")
        String customDir();

        /** Longest a plugin call may take before it is stopped and its configuration marked unhealthy. */
        @WithDefault("60s")
        Duration callTimeout();

        /** Proxy for plugin calls, {@code http://[user:password@]host:port}; unset means direct connections. */
        java.util.Optional<String> proxy();

        /** A PEM file of CA certificates plugin calls trust besides the JDK's (e.g. a TLS-inspecting proxy's). */
        java.util.Optional<String> extraCaFile();

        /** Whether plugin calls check TLS certificates and host names; turn off only for systems that cannot be fixed. */
        @WithDefault("true")
        boolean verifyTls();

        /** Largest plugin jar upload; core-service and the gateway accept the same. */
        @WithDefault("16777216")
        long maxUploadBytes();

        /** How often the scheduler looks for configurations whose pull is due. */
        @WithDefault("5s")
        Duration schedulerTick();
    }

    interface Security {
        /**
         * Where the public key that verifies access tokens is: a PEM file or a JWKS URL
         * (e.g. tenant-service's {@code /api/auth/jwks}).
         */
        String jwtPublicKeyLocation();

        /**
         * Longest lifetime (exp - iat, seconds) of an access token any service accepts; keep it at least
         * the longest lifetime tenant-service issues (TENANT_TOKENS_API_ACCESS_LIFETIME).
         */
        @WithDefault("7260")
        long maxTokenLifetime();

        /** The AES-256 master key (base64) that encrypts secrets at rest, made by scripts/setup. */
        @WithDefault("${ce.data-dir}/keys/master.key")
        String masterKeyFile();
    }

    /** How the service logs. */
    Log log();

    /**
     * The local ports of every service of the suite, by short name ({@code tenant}, {@code core},
     * {@code cte}, {@code cto}, {@code cre}, {@code cls}, {@code ui}, ...); scripts/start sets them.
     */
    Map<String, Integer> ports();

    interface Mongodb {
        /** Connection string; unset means the embedded store of scripts/start on 127.0.0.1:27117. */
        @WithDefault("mongodb://127.0.0.1:27117")
        String uri();

        /** Database name. */
        @WithDefault("opence")
        String database();
    }

    interface Http {
        /** Interface to bind: loopback by default, {@code 0.0.0.0} in containers. */
        @WithDefault("127.0.0.1")
        String host();

        /**
         * Largest request body a service reads ({@code quarkus.http.limits.max-body-size} follows it); the
         * gateway refuses larger bodies with the same number first.
         */
        @WithDefault("2097152")
        long maxBodyBytes();

        /**
         * Addresses (or ranges) of the gateway: only requests from them may name the client in
         * {@code X-Forwarded-For}. Containers set the network the gateway is on.
         */
        @WithDefault("127.0.0.0/8,::1")
        List<String> trustedProxies();
    }

    interface Log {
        /** JSON lines instead of plain text on the console. */
        @WithDefault("false")
        boolean json();

        /** Root log level; also the least level written to the platform log (the Logging page). */
        @WithDefault("INFO")
        String level();

        /**
         * Platform log entries held in memory until they are published; when full, new entries are
         * dropped and counted (a later entry says how many), so writing never blocks.
         */
        @WithDefault("10000")
        int bufferSize();

        /** Most platform log entries in one {@code log.entries} message. */
        @WithDefault("500")
        int batchSize();

        /** How often buffered platform log entries are published (sooner when a batch is full). */
        @WithDefault("1s")
        Duration flushInterval();
    }

    interface Service {
        /** Service name, e.g. {@code core-service}; also the prefix of its queue names. */
        String name();

        /** Version reported in health and status; the build sets it. */
        @WithDefault("${quarkus.application.version:unknown}")
        String version();
    }

    interface Rabbitmq {
        /** AMQP URI of the broker, e.g. {@code amqp://guest:guest@127.0.0.1:5672/%2f}. */
        @WithDefault("amqp://guest:guest@127.0.0.1:5672/%2f")
        String url();

        /** How long to wait for the TCP connection and AMQP handshake. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long to wait for a publisher confirm before a publish counts as failed. */
        @WithDefault("30s")
        Duration confirmTimeout();
    }

    interface Bus {
        /**
         * Prefix put before every exchange and queue name. Empty in production; tests set a unique
         * prefix so that runs sharing a broker never see each other's messages.
         */
        Optional<String> prefix();

        /** Queue type of the durable queues: {@code classic} locally, {@code quorum} in a cluster. */
        @WithDefault("classic")
        String queueType();

        /** Messages a consumer may hold unacknowledged; bounded so a backlog drains instead of stalling. */
        @WithDefault("32")
        int prefetch();

        /**
         * Delay before each retry of a failed delivery, one queue per step. A delivery that failed
         * {@code n} times waits the {@code n}-th delay (the last one repeats).
         */
        @WithDefault("1s,10s,60s")
        List<Duration> retryDelays();

        /** Failed deliveries allowed before a message is parked; {@code -1} retries for ever. */
        @WithDefault("5")
        int maxAttempts();

        /** Delete the queues and exchanges this service declared when it stops (tests only). */
        @WithDefault("false")
        boolean deleteOnShutdown();
    }
}
