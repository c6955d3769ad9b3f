package org.opence.plugins.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A persistent TCP or TLS connection to the syslog server.
 *
 * <p>TCP gives no application-level acknowledgement, so before and after each push the connection is
 * probed without blocking for an end of stream or a reset: a server that closed an idle connection is
 * noticed before the push is written into a dead socket (where the first writes would vanish without
 * an error), and one that closed it during the push makes the push fail rather than count as
 * delivered. A push that fails on an established connection is sent once more, whole, on a new one.
 */
final class StreamConnection extends Connection {

    private final SyslogSettings transport;
    private final int timeoutMillis;
    private final Duration stallTimeout;
    private final ByteBuffer probe = ByteBuffer.allocate(512);
    private final byte[] probeBytes = new byte[512];

    private SSLContext tlsContext;
    private SocketChannel channel;
    private Socket raw;
    private SSLSocket secure;
    private InputStream secureIn;
    private volatile FrameWriter writer;
    private volatile boolean aborted;

    /**
     * @param timeoutMillis for connecting and for the TLS handshake
     * @param stallTimeout after how long {@link Connections} aborts a blocked write, for the message
     */
    StreamConnection(SyslogSettings transport, int timeoutMillis, Duration stallTimeout) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
        this.stallTimeout = stallTimeout;
    }

    /** Opens a connection (with the TLS handshake) to check a configuration, and closes it. */
    static void check(SyslogSettings settings, int timeoutMillis) throws IOException {
        StreamConnection connection = new StreamConnection(settings, timeoutMillis, Duration.ZERO);
        try {
            connection.open();
        } finally {
            connection.close();
        }
    }

    @Override
    Delivery send(SyslogSettings settings, List<?> items, String messageId, LongSupplier clock) {
        boolean resent = false;
        while (true) {
            Delivery delivery = new Delivery();
            boolean connecting = false;
            try {
                if (writer == null || peerClosed()) {
                    abandon();
                    connecting = true;
                    open();
                    connecting = false;
                }
                FrameWriter frames = writer;
                writeAll(
                        settings,
                        items,
                        messageId,
                        clock,
                        delivery,
                        settings.framing() == Framing.OCTET_COUNTING ? frames::octetCounted : frames::line);
                frames.flush();
                if (peerClosed()) {
                    throw new IOException("the server closed the connection while the messages were sent");
                }
                return delivery;
            } catch (IOException e) {
                boolean stalled = aborted;
                IOException cause = stalled ? new Problems.Stalled(stallTimeout, e) : e;
                abandon();
                if (connecting || stalled || resent) {
                    delivery.failure = new Delivery.Failure(
                            Problems.describe(cause, transport, Duration.ofMillis(timeoutMillis))
                                    .message(),
                            connecting);
                    return delivery;
                }
                resent = true;
            }
        }
    }

    private void open() throws IOException {
        aborted = false;
        InetSocketAddress address = new InetSocketAddress(transport.host(), transport.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(transport.host());
        }
        if (transport.protocol() == Protocol.TCP) {
            SocketChannel opened = SocketChannel.open();
            try {
                opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
                opened.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                opened.socket().connect(address, timeoutMillis);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            channel = opened;
            writer = new FrameWriter((bytes, offset, length) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    opened.write(buffer);
                }
            });
        } else {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(address, timeoutMillis);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            raw = socket;
            try {
                secure = handshake(socket);
            } catch (IOException e) {
                socket.close();
                throw new Problems.HandshakeFailed(e);
            }
            secureIn = secure.getInputStream();
            writer = new FrameWriter(secure.getOutputStream()::write);
        }
    }

    private SSLSocket handshake(Socket socket) throws IOException {
        SSLSocket ssl =
                (SSLSocket) tls().getSocketFactory().createSocket(socket, transport.host(), transport.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        if (transport.verifyTls()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(transport.host())) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(transport.host())));
            } catch (IllegalArgumentException notADnsName) {
                // a name SNI cannot carry (e.g. with '_'): connect without SNI
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(timeoutMillis);
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        return ssl;
    }

    private SSLContext tls() throws IOException {
        if (tlsContext == null) {
            try {
                tlsContext = TlsContexts.context(transport);
            } catch (Exception e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return tlsContext;
    }

    /**
     * Whether the server has closed or reset the connection. A syslog server never sends anything,
     * so anything read is discarded; the check does not wait on plain TCP and waits 1 ms on TLS.
     */
    private boolean peerClosed() {
        try {
            return channel != null ? channelClosed() : tlsClosed();
        } catch (IOException e) {
            return true;
        }
    }

    private boolean channelClosed() throws IOException {
        channel.configureBlocking(false);
        try {
            for (int i = 0; i < 16; i++) {
                probe.clear();
                int read = channel.read(probe);
                if (read < 0) {
                    return true;
                }
                if (read == 0) {
                    return false;
                }
            }
            return false;
        } finally {
            channel.configureBlocking(true);
        }
    }

    private boolean tlsClosed() throws IOException {
        secure.setSoTimeout(1);
        try {
            for (int i = 0; i < 16; i++) {
                if (secureIn.read(probeBytes) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            secure.setSoTimeout(0);
        }
    }

    @Override
    boolean abortIfStalled(long stallNanos, long now) {
        FrameWriter frames = writer;
        if (frames == null || !frames.blockedLongerThan(stallNanos, now)) {
            return false;
        }
        aborted = true;
        closeQuietly(channel);
        closeQuietly(raw);
        return true;
    }

    /** Closes gracefully (a TLS close_notify first): the connection is healthy but no longer needed. */
    @Override
    void close() {
        writer = null;
        closeQuietly(secure);
        abandon();
    }

    /** Drops a broken connection: closes the socket below TLS, so nothing waits on a dead peer. */
    private void abandon() {
        writer = null;
        closeQuietly(raw);
        closeQuietly(channel);
        secure = null;
        secureIn = null;
        raw = null;
        channel = null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a broken connection; nothing to tell
            }
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
