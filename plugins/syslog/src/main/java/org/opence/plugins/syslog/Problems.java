package org.opence.plugins.syslog;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Turns a transport failure into what the user reads: the cause in plain words (DNS, refused,
 * timeout, certificate ...), the address, and the field to change.
 */
final class Problems {

    /** The field to change and what to tell the user. */
    record Problem(String field, String message) {}

    /** A failure of the TLS handshake, after the TCP connection was established. */
    static final class HandshakeFailed extends IOException {
        HandshakeFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A write that made no progress for too long; the sweeper closed the socket. */
    static final class Stalled extends IOException {
        Stalled(Duration timeout, Throwable cause) {
            super("the server took nothing for " + Problems.seconds(timeout) + ", the connection was closed", cause);
        }
    }

    /** The server does not speak RELP, or refuses the session or the syslog command. */
    static final class NotRelp extends IOException {
        NotRelp(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Problems() {}

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    static Problem describe(Throwable error, SyslogSettings settings, Duration timeout) {
        String address = settings.host() + ":" + settings.port();
        NotRelp notRelp = find(error, NotRelp.class);
        if (notRelp != null) {
            return new Problem(
                    SyslogSettings.PROTOCOL,
                    "RELP with " + address + ": " + notRelp.getMessage() + " (choose TCP or TLS for a plain syslog"
                            + " port)");
        }
        TlsContexts.UntrustedCertificate untrusted = find(error, TlsContexts.UntrustedCertificate.class);
        if (untrusted != null) {
            return new Problem(
                    SyslogSettings.CA_CERTIFICATE,
                    "TLS handshake with " + address + " failed: the server's " + untrusted.getMessage()
                            + ". Put the certificate of the authority that issued it (or the server's own"
                            + " self-signed certificate) into caCertificate, or turn verifyTls off.");
        }
        TlsContexts.WrongHost wrongHost = find(error, TlsContexts.WrongHost.class);
        if (wrongHost != null) {
            return new Problem(
                    SyslogSettings.HOST,
                    "TLS handshake with " + address + " failed: the server's " + wrongHost.getMessage()
                            + ". Connect by a name the certificate is valid for, or turn verifyTls off.");
        }
        if (find(error, UnknownHostException.class) != null || find(error, UnresolvedAddressException.class) != null) {
            return new Problem(
                    SyslogSettings.HOST,
                    "cannot resolve the host name '" + settings.host()
                            + "' (DNS): check the name or use an IP address");
        }
        Stalled stalled = find(error, Stalled.class);
        if (stalled != null) {
            return new Problem(SyslogSettings.HOST, "syslog server " + address + ": " + stalled.getMessage());
        }
        if (error instanceof HandshakeFailed) {
            return handshake(error.getCause(), address, timeout);
        }
        PortUnreachableException unreachable = find(error, PortUnreachableException.class);
        if (unreachable != null) {
            return new Problem(
                    SyslogSettings.PORT,
                    "nothing listens on UDP " + address + " (the host answered 'port unreachable')");
        }
        ConnectException refused = find(error, ConnectException.class);
        if (refused != null
                && String.valueOf(refused.getMessage()).toLowerCase().contains("refused")) {
            return new Problem(
                    SyslogSettings.PORT,
                    "connection to " + address + " refused: nothing accepts TCP connections on that port");
        }
        if (find(error, NoRouteToHostException.class) != null) {
            return new Problem(
                    SyslogSettings.HOST,
                    "no route to " + settings.host() + " (network unreachable, or a firewall rejects it)");
        }
        if (find(error, SocketTimeoutException.class) != null) {
            return new Problem(
                    SyslogSettings.HOST,
                    "no answer from " + address + " within " + seconds(timeout)
                            + " (timeout): check the host, the port and firewalls");
        }
        return new Problem(SyslogSettings.HOST, "syslog server " + address + ": " + TlsContexts.rootMessage(error));
    }

    private static Problem handshake(Throwable cause, String address, Duration timeout) {
        String prefix = "TLS handshake with " + address + " failed: ";
        if (cause instanceof SocketTimeoutException) {
            return new Problem(
                    SyslogSettings.PROTOCOL,
                    prefix + "no TLS answer within " + seconds(timeout) + ". Is it a TLS port? (choose TCP for a"
                            + " plain syslog port)");
        }
        if (cause instanceof EOFException || String.valueOf(cause.getMessage()).contains("terminated the handshake")) {
            return new Problem(
                    SyslogSettings.PROTOCOL,
                    prefix + "the server closed the connection. Is it a TLS port, or does it require a client"
                            + " certificate?");
        }
        if (cause instanceof SSLException
                && String.valueOf(cause.getMessage()).contains("Unsupported or unrecognized SSL message")) {
            return new Problem(
                    SyslogSettings.PROTOCOL, prefix + "the server does not speak TLS (choose TCP for a plain port)");
        }
        return new Problem(SyslogSettings.PROTOCOL, prefix + TlsContexts.rootMessage(cause));
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
