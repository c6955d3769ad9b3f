package org.opence.common.plugin;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * An outbound call's failure in words a user can act on, naming the host and the proxy the call went
 * through: never a JDK class name or "PKIX path building failed: sun.security…".
 */
public final class OutboundErrors {

    private OutboundErrors() {}

    /** @param proxy {@code host:port} of the proxy the call went through, if any */
    public static String describe(Throwable failure, URI target, Optional<String> proxy) {
        String host = target.getHost();
        String path = proxy.map(p -> " through the proxy " + p).orElse("");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PlatformHttpClient.ProxyRefused) {
                return t.getMessage();
            }
            if (t instanceof UnknownHostException) {
                return "the name " + host + " does not resolve" + path;
            }
            if (t instanceof SSLException) {
                return tls(host, path, t);
            }
            if (t instanceof HttpTimeoutException) {
                return host + " did not answer in time" + path;
            }
            if (t instanceof ConnectException) {
                return proxy.isPresent()
                        ? "cannot connect to the proxy " + proxy.get()
                        : "cannot connect to " + host + (target.getPort() > 0 ? ":" + target.getPort() : "")
                                + " (refused or unreachable)";
            }
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return "calling " + host + path + " failed: " + clean(message);
    }

    /** A TLS handshake that failed, in words. */
    static String tls(String host, String path, Throwable t) {
        String message = String.valueOf(t.getMessage());
        if (message.contains("PKIX") || message.contains("certification path")) {
            return "the certificate of " + host + path + " is not trusted here: it does not lead to an authority"
                    + " this installation trusts. If a TLS-inspecting proxy is in the way, add its CA certificate in"
                    + " Settings > General (extra CA certificates)";
        }
        if (message.contains("No subject alternative") || message.contains("doesn't match")) {
            return "the certificate of " + host + path + " does not name " + host;
        }
        return "the TLS handshake with " + host + path + " failed: " + clean(message);
    }

    /** Without the JDK's class names ("sun.security.validator.ValidatorException: "). */
    static String clean(String message) {
        return message.replaceAll("\\b(?:sun|java|javax|jdk)\\.[\\w.$]*(?:Exception|Error): ?", "");
    }
}
