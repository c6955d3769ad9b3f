package org.opence.plugins.splunkhec;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns a transport failure into what an operator reads: the cause in plain words and the address. */
final class Failures {

    private Failures() {}

    static String describe(Throwable error, URI url) {
        String address = url.getHost() + ":" + port(url);
        if (find(error, UnknownHostException.class) != null || find(error, UnresolvedAddressException.class) != null) {
            return "cannot resolve the host name '" + url.getHost() + "' (DNS): check the URL";
        }
        if (find(error, HttpConnectTimeoutException.class) != null) {
            return "no connection to " + address + " (connect timeout): check the host, the port and firewalls";
        }
        if (find(error, HttpTimeoutException.class) != null) {
            return "the collector at " + address + " did not answer in time (request timeout)";
        }
        SSLException tls = find(error, SSLException.class);
        if (tls != null) {
            return tls(tls, url, address);
        }
        if (find(error, NoRouteToHostException.class) != null) {
            return "no route to " + url.getHost() + " (network unreachable, or a firewall rejects it)";
        }
        ConnectException refused = find(error, ConnectException.class);
        if (refused != null) {
            return "cannot connect to " + address + ": connection refused (is HEC enabled, and listening on this"
                    + " port? Splunk's default HEC port is 8088)";
        }
        String root = rootMessage(error);
        if (find(error, EOFException.class) != null || root.contains("received no bytes")) {
            return "the collector at " + address + " closed the connection without an answer"
                    + (url.getScheme().equals("http") ? " (does it expect https://?)" : "");
        }
        return "the call to the collector at " + address + " failed: " + root;
    }

    private static String tls(SSLException error, URI url, String address) {
        String message = String.valueOf(error.getMessage());
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return address + " does not speak TLS: use http:// if HEC runs without SSL, or check the port";
        }
        if (error instanceof SSLHandshakeException && message.contains("PKIX")) {
            return "TLS handshake with " + address + " failed: the collector's certificate is not trusted. Add the"
                    + " certificate of the authority that issued it to the platform's extra CA certificates, or"
                    + " turn certificate checks off in the platform settings (tests only)";
        }
        if (message.contains("No subject alternative")) {
            return "TLS handshake with " + address + " failed: the certificate does not name '" + url.getHost()
                    + "'. Use a host name the certificate is valid for";
        }
        return "TLS handshake with " + address + " failed: " + message;
    }

    private static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return url.getScheme().equals("https") ? 443 : 80;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
