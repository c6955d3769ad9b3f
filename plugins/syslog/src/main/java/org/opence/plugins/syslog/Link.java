package org.opence.plugins.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One open TCP or TLS connection to the server. The send buffer is kept small, so that little can sit
 * unsent in this machine's kernel when the connection is lost: what is written is either on its way
 * to the server or the write blocks.
 */
final class Link {

    /** Bytes the kernel may hold for a connection before a write blocks. */
    static final int SEND_BUFFER_BYTES = 64 * 1024;

    private final Socket raw;
    private final SocketChannel channel;
    private final SSLSocket secure;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] probe = new byte[512];
    private final ByteBuffer probeBuffer = ByteBuffer.allocate(512);

    private Link(Socket raw, SocketChannel channel, SSLSocket secure) throws IOException {
        this.raw = raw;
        this.channel = channel;
        this.secure = secure;
        this.in = secure != null ? secure.getInputStream() : raw.getInputStream();
        this.out = secure != null ? secure.getOutputStream() : raw.getOutputStream();
    }

    /** Connects (and for TLS shakes hands) within {@code timeoutMillis}. */
    static Link open(SyslogSettings settings, SSLContext tls, int timeoutMillis) throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(settings.host());
        }
        // plain TCP through a channel, so that it can be probed for a close without waiting (peerClosed)
        SocketChannel channel = settings.protocol().tls() ? null : SocketChannel.open();
        Socket socket = channel != null ? channel.socket() : new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSendBufferSize(SEND_BUFFER_BYTES);
            socket.connect(address, timeoutMillis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            closeQuietly(channel);
            throw e;
        }
        if (channel != null) {
            return new Link(socket, channel, null);
        }
        try {
            return new Link(socket, null, handshake(socket, settings, tls, timeoutMillis));
        } catch (IOException e) {
            socket.close();
            throw new Problems.HandshakeFailed(e);
        }
    }

    private static SSLSocket handshake(Socket socket, SyslogSettings settings, SSLContext tls, int timeoutMillis)
            throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, settings.host(), settings.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        if (settings.verifyTls()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(settings.host())) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(settings.host())));
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

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** Reads wait at most this long (0: for ever) before a {@link SocketTimeoutException}. */
    void readTimeout(int millis) throws IOException {
        (secure != null ? secure : raw).setSoTimeout(millis);
    }

    /**
     * Whether the server has closed or reset the connection. A plain syslog server never sends
     * anything, so whatever is read is discarded; the check does not wait on plain TCP and waits 1 ms
     * on TLS. Not for RELP, whose answers must be read.
     */
    boolean peerClosed() {
        if (channel != null) {
            return channelClosed();
        }
        try {
            readTimeout(1);
            try {
                for (int i = 0; i < 16; i++) {
                    if (in.read(probe) < 0) {
                        return true;
                    }
                }
                return false;
            } finally {
                readTimeout(0);
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private boolean channelClosed() {
        try {
            channel.configureBlocking(false);
            try {
                for (int i = 0; i < 16; i++) {
                    probeBuffer.clear();
                    int read = channel.read(probeBuffer);
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
        } catch (IOException e) {
            return true;
        }
    }

    /** Closes gracefully (TLS: close_notify first). */
    void close() {
        closeQuietly(secure);
        closeQuietly(raw);
        closeQuietly(channel);
    }

    /** Drops the connection at once, below TLS: nothing waits on a peer that does not answer. */
    void abort() {
        closeQuietly(raw);
        closeQuietly(channel);
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
