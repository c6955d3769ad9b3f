package org.opence.tenant.sso;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.plugin.OutboundHttp;
import org.opence.common.plugin.PlatformHttpClient;
import org.opence.tenant.TenantConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Identity providers by issuer and client id, their discovery documents read once and reused for a
 * few minutes: a sign-in start, which anyone may cause, does not make Open CE call the identity
 * provider every time.
 */
@ApplicationScoped
public class OidcProviders {

    private record Cached(OidcProvider provider, Instant until) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Duration keep;
    private final ObjectMapper mapper;
    private final OutboundHttp outbound;

    public OidcProviders(TenantConfig config, ObjectMapper mapper, OutboundHttp outbound) {
        this.keep = config.sso().discoveryCacheTime();
        this.mapper = mapper;
        this.outbound = outbound;
    }

    /** The identity provider is outside: its calls take the settings' proxy and TLS choices, no redirects. */
    private PlatformHttpClient http() {
        return outbound.client(OutboundHttp.Profile.CHECKS);
    }

    /** The provider, from the cache while it is fresh. */
    OidcProvider get(String issuer, String clientId) {
        String key = issuer + "\n" + clientId;
        Cached cached = cache.get(key);
        Instant now = Instant.now();
        if (cached != null && cached.until().isAfter(now)) {
            return cached.provider();
        }
        OidcProvider provider = OidcProvider.discover(issuer, clientId, http(), mapper);
        cache.put(key, new Cached(provider, now.plus(keep)));
        return provider;
    }

    /** Reads the discovery document now, without the cache (a test or a change of settings). */
    OidcProvider fresh(String issuer, String clientId) {
        OidcProvider provider = OidcProvider.discover(issuer, clientId, http(), mapper);
        cache.put(issuer + "\n" + clientId, new Cached(provider, Instant.now().plus(keep)));
        return provider;
    }
}
