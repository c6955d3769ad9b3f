package org.opence.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** ui-gateway settings; each key can be set from the environment, e.g. {@code GATEWAY_MAX_REQUEST_BYTES}. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Upstream services by name, each with the {@code /api} path prefixes it owns. */
    Map<String, Route> routes();

    /** Time allowed to open a connection to an upstream service. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest silence allowed while an upstream answers before the client gets a 504. */
    @WithDefault("60s")
    Duration idleTimeout();

    /**
     * Largest request body accepted on {@code /api/**}, except plugin uploads. Services refuse larger
     * bodies too ({@code quarkus.http.limits.max-body-size}), so the gateway answers first, with a problem
     * body, and nothing between the two limits reaches a service.
     */
    @WithDefault("2097152")
    long maxRequestBytes();

    /** Largest plugin jar upload ({@code POST /api/plugins}); core-service accepts the same. */
    @WithDefault("16777216")
    long maxUploadBytes();

    /** Keep-alive connections per upstream service. */
    @WithDefault("64")
    int upstreamPoolSize();

    /** How long a browser keeps its refresh cookie: the longest a sign-in lasts. */
    @WithDefault("12h")
    Duration sessionLifetime();

    /**
     * The address users open the console at ({@code CE_PUBLIC_URL}); plain-HTTP requests are redirected
     * to it, never to what their {@code Host} header says.
     */
    @WithDefault("${ce.public-url:https://localhost:${ce.ports.ui:8443}}")
    URI publicUrl();

    /**
     * Addresses (or ranges) of proxies in front of the gateway whose {@code X-Forwarded-For} is believed;
     * empty: the client is whoever connects. Anything else a client writes there is ignored.
     */
    java.util.Optional<List<String>> trustedProxies();

    /** Version shown in health and the status page; the build sets it. */
    @WithDefault("${quarkus.application.version:unknown}")
    String version();

    interface Route {
        /** Base URL of the upstream service, e.g. {@code http://127.0.0.1:8081}. */
        URI url();

        /** Path prefixes it owns, e.g. {@code /api/auth,/api/users}. */
        List<String> prefixes();
    }
}
