package org.opence.common.plugin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How plugin calls reach the outside: through a proxy or not, trusting extra CA certificates (for a
 * TLS-inspecting proxy) or not, and whether TLS certificates are checked at all. Issue 7's settings
 * set these at runtime; until then they come from the configuration ({@code ce.plugins.*}).
 *
 * @param proxy {@code http://[user:password@]host:port}, or empty for direct connections
 * @param extraCaFile a PEM file of CA certificates trusted in addition to the JDK's
 * @param verifyTls false accepts any certificate and host name: only for systems that cannot be fixed
 */
public record NetworkSettings(Optional<URI> proxy, Optional<Path> extraCaFile, boolean verifyTls) {

    public static NetworkSettings direct() {
        return new NetworkSettings(Optional.empty(), Optional.empty(), true);
    }
}
