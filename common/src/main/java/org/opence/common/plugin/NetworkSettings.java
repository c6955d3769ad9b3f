package org.opence.common.plugin;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.opence.common.config.CeConfig;
import org.opence.common.secret.Secrets;
import org.opence.common.settings.PlatformSettings;

/**
 * How plugin and tenant calls reach the outside: through a proxy or not, trusting extra CA
 * certificates (for a TLS-inspecting proxy) or not, and whether TLS certificates are checked at all.
 * The settings ({@code /api/settings}) set these at runtime; the configuration
 * ({@code ce.plugins.proxy}, {@code extra-ca-file}, {@code verify-tls}) holds until settings say otherwise.
 *
 * @param proxy {@code http://[user:password@]host:port}, or empty for direct connections
 * @param extraCaFile a PEM file of CA certificates trusted in addition to the JDK's
 * @param verifyTls false accepts any certificate and host name: only for systems that cannot be fixed
 * @param extraCaPem PEM text of CA certificates trusted in addition (from the settings)
 */
public record NetworkSettings(
        Optional<URI> proxy, Optional<Path> extraCaFile, boolean verifyTls, Optional<String> extraCaPem) {

    public NetworkSettings(Optional<URI> proxy, Optional<Path> extraCaFile, boolean verifyTls) {
        this(proxy, extraCaFile, verifyTls, Optional.empty());
    }

    public static NetworkSettings direct() {
        return new NetworkSettings(Optional.empty(), Optional.empty(), true);
    }

    /** What the configuration says ({@code ce.plugins.*}). */
    public static NetworkSettings fromConfig(CeConfig config) {
        return new NetworkSettings(
                config.plugins().proxy().filter(p -> !p.isBlank()).map(URI::create),
                config.plugins().extraCaFile().filter(p -> !p.isBlank()).map(Path::of),
                config.plugins().verifyTls());
    }

    /**
     * The settings' proxy and TLS choices over the configuration's: a proxy enabled in the settings
     * replaces the configured one; extra CA certificates of both are trusted.
     */
    public static NetworkSettings resolve(PlatformSettings settings, CeConfig config, Secrets secrets) {
        NetworkSettings configured = fromConfig(config);
        Optional<URI> proxy = configured.proxy();
        PlatformSettings.Proxy p = settings.proxy();
        if (p != null && p.enabled() && p.host() != null && p.port() != null) {
            String userInfo = "";
            if (p.username() != null && !p.username().isBlank()) {
                String password = p.password() == null ? "" : secrets.box().decrypt(p.password());
                userInfo = enc(p.username()) + ":" + enc(password) + "@";
            }
            proxy = Optional.of(URI.create("http://" + userInfo + p.host() + ":" + p.port()));
        }
        PlatformSettings.OutboundTls tls = settings.tls();
        boolean verify = configured.verifyTls() && (tls == null || tls.verify());
        Optional<String> pem = tls == null
                ? Optional.empty()
                : Optional.ofNullable(tls.extraCaCertificates()).filter(s -> !s.isBlank());
        return new NetworkSettings(proxy, configured.extraCaFile(), verify, pem);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
