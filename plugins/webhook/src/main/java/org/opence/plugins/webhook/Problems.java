package org.opence.plugins.webhook;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/** Turns a failure of a request into what the user reads: the cause in plain words and the address. */
final class Problems {

    private Problems() {}

    static String describe(IOException error, URI url, Duration timeout) {
        String address = url.getHost() + ":" + port(url);
        if (find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null) {
            return "cannot resolve the host name '" + url.getHost() + "' (DNS): check the URL";
        }
        if (find(error, HttpConnectTimeoutException.class) != null) {
            return "no connection to " + address + " could be made in time (timeout): check the host, the port"
                    + " and firewalls";
        }
        if (find(error, HttpTimeoutException.class) != null) {
            return "no answer from " + Requests.endpoint(url) + " within " + timeout.toSeconds()
                    + " s (timeout); it may still have taken the records";
        }
        SSLHandshakeException handshake = find(error, SSLHandshakeException.class);
        if (handshake != null) {
            return "TLS handshake with " + address + " failed: " + rootMessage(handshake)
                    + ". If the server's certificate is issued by a private authority, add that authority"
                    + " to the platform's trusted CA certificates";
        }
        if (find(error, NoRouteToHostException.class) != null) {
            return "no route to " + url.getHost() + " (network unreachable, or a firewall rejects it)";
        }
        ConnectException connect = find(error, ConnectException.class);
        if (connect != null) {
            // Java 17's HTTP client reports a refused connection as a ConnectException without a message
            // around a ClosedChannelException; later versions say "Connection refused".
            boolean refused = rootMessage(connect).toLowerCase().contains("refused")
                    || find(connect, ClosedChannelException.class) != null;
            return refused
                    ? "connection to " + address + " refused: nothing accepts connections on that port"
                    : "cannot connect to " + address + ": " + rootMessage(connect);
        }
        if (find(error, EOFException.class) != null
                || rootMessage(error).toLowerCase().contains("reset")
                || rootMessage(error).toLowerCase().contains("closed")) {
            return "the connection to " + address + " was closed before an answer came (" + rootMessage(error)
                    + "); the server may still have taken the records";
        }
        return "request to " + Requests.endpoint(url) + " failed: " + rootMessage(error);
    }

    static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** The message of the innermost cause that has one, else the class name. */
    static String rootMessage(Throwable error) {
        String message = null;
        Throwable last = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            last = t;
        }
        return message == null ? last.getClass().getSimpleName() : message;
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
