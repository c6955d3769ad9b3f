package org.opence.common.plugin;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.opence.common.config.CeConfig;
import org.opence.common.status.ServiceIdentity;

/**
 * Every outbound HTTP call of this process goes through here: plugins, tenant ingest, the tenant
 * connection test, SSO discovery and the update check. One network (the settings' proxy, extra CA
 * certificates and certificate checks, applied at once when the settings change) and one client
 * implementation ({@link PlatformHttpClient}); callers differ only in their {@link Profile} (timeouts,
 * retries, redirects) and in whether a call may use the proxy (tenants choose, {@code useSystemProxy}).
 * Calls between Open CE's own services do not come here.
 */
@ApplicationScoped
public class OutboundHttp {

    /**
     * How a caller's calls are made.
     *
     * @param retries how often 429 and 503 are retried after their {@code Retry-After} (0: the caller does)
     * @param followRedirects false leaves a redirect to the caller (a tenant test reports it)
     */
    public record Profile(
            Duration connectTimeout, Duration requestTimeout, int retries, Duration maxWait, boolean followRedirects) {

        /** Plugin calls: three retries of 429/503, a minute per request. */
        public static final Profile PLUGINS =
                new Profile(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofSeconds(60), true);

        /** Checks a user waits for (a connection test, SSO discovery): no retries, no redirects. */
        public static final Profile CHECKS =
                new Profile(Duration.ofSeconds(10), Duration.ofSeconds(20), 0, Duration.ZERO, false);
    }

    private record Key(Profile profile, boolean throughProxy) {}

    /** The network and the clients built for it, replaced whole when the settings change. */
    private record State(NetworkSettings network, Map<Key, PlatformHttpClient> clients) {}

    private final String version;
    private volatile State state;

    @Inject
    public OutboundHttp(CeConfig config, ServiceIdentity identity) {
        this(identity.version(), NetworkSettings.fromConfig(config));
    }

    public OutboundHttp(String version, NetworkSettings network) {
        PlatformHttpClient.prepare(); // before any JDK client of this process is built
        this.version = version;
        this.state = new State(network, new ConcurrentHashMap<>());
    }

    /** The client for the profile, through the proxy of the settings when there is one. */
    public PlatformHttpClient client(Profile profile) {
        return client(profile, true);
    }

    /** The client for the profile; {@code throughProxy} false goes direct whatever the settings say. */
    public PlatformHttpClient client(Profile profile, boolean throughProxy) {
        State current = state;
        return current.clients().computeIfAbsent(new Key(profile, throughProxy), key -> build(current.network(), key));
    }

    /** A client for a network that is not (yet) the settings', e.g. to test a proxy before saving it. */
    public PlatformHttpClient clientFor(NetworkSettings network, Profile profile) {
        return build(network, new Key(profile, true));
    }

    /** New settings: calls started from now on use them; calls in progress finish on the old clients. */
    public void apply(NetworkSettings network) {
        state = new State(network, new ConcurrentHashMap<>());
    }

    public NetworkSettings network() {
        return state.network();
    }

    /** {@code host:port} of the settings' proxy, if there is one. */
    public Optional<String> proxy() {
        return network().proxy().map(p -> p.getHost() + ":" + (p.getPort() < 0 ? 3128 : p.getPort()));
    }

    private PlatformHttpClient build(NetworkSettings network, Key key) {
        NetworkSettings used = key.throughProxy()
                ? network
                : new NetworkSettings(
                        Optional.empty(), network.extraCaFile(), network.verifyTls(), network.extraCaPem());
        Profile p = key.profile();
        return new PlatformHttpClient(
                version, p.connectTimeout(), p.requestTimeout(), p.retries(), p.maxWait(), used, p.followRedirects());
    }
}
