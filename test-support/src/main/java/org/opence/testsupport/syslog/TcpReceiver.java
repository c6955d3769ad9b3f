package org.opence.testsupport.syslog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A syslog server for the tests: accepts TCP (or TLS) connections and parses every frame back, by
 * octet counting or by line feeds, into the exact message text (decoded as UTF-8). It can close a
 * connection after some messages, or stop reading altogether.
 */
public final class TcpReceiver implements AutoCloseable {

    /** How messages are framed on the stream (RFC 6587): octet counting or a line feed after each. */
    public enum Framing {
        OCTET_COUNTING,
        NEWLINE
    }

    private final ServerSocket server;
    private final Framing framing;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger endedByClient = new AtomicInteger();
    private final AtomicInteger closedAfter = new AtomicInteger(-1);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile boolean reading = true;
    private volatile int closeEvery = -1;

    private TcpReceiver(ServerSocket server, Framing framing) {
        this.server = server;
        this.framing = framing;
        acceptor = new Thread(this::accept, "test-syslog-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TcpReceiver tcp(Framing framing) throws IOException {
        return new TcpReceiver(new ServerSocket(0), framing);
    }

    /** On a given port, e.g. to bring a server back where an earlier one was. */
    public static TcpReceiver tcp(Framing framing, int port) throws IOException {
        return tcp(framing, port, 0);
    }

    /** On a given port (0: any) with a receive buffer of the given size (0: the system's). */
    public static TcpReceiver tcp(Framing framing, int port, int receiveBuffer) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        if (receiveBuffer > 0) {
            server.setReceiveBufferSize(receiveBuffer);
        }
        server.bind(new java.net.InetSocketAddress(port));
        return new TcpReceiver(server, framing);
    }

    public static TcpReceiver tls(Framing framing, SSLContext context) throws IOException {
        SSLServerSocket server =
                (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0);
        return new TcpReceiver(server, framing);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next connection is closed by the server once it has read {@code count} messages on it. */
    public void closeConnectionAfter(int count) {
        closedAfter.set(count);
    }

    /** Accept connections but never read from them: the sender's buffers fill up and its writes block. */
    public void stopReading() {
        reading = false;
    }

    /** Connections that are still open start reading again. */
    public void resumeReading() {
        reading = true;
    }

    /** Every connection is closed by the server once it has read {@code count} messages on it. */
    public void closeEvery(int count) {
        closeEvery = count;
    }

    /** Closes every open client connection from the server side. */
    public void closeClients() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public int connections() {
        return connections.get();
    }

    /** How many connections the client closed (a clean end of stream). */
    public int endedByClient() {
        return endedByClient.get();
    }

    /** The SNI host names the TLS clients asked for. */
    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (closed) {
                    // the JDK may finish the listening socket's close only once accept returns: a connection
                    // that came in meanwhile is not served (a server that stopped takes nothing more)
                    client.close();
                    return;
                }
                connections.incrementAndGet();
                clients.add(client);
                Thread reader = new Thread(() -> read(client), "test-syslog-read");
                reader.setDaemon(true);
                threads.add(reader);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket client) {
        try (client) {
            if (client instanceof SSLSocket ssl) {
                ssl.startHandshake();
                for (SNIServerName name : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
                    serverNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                }
            }
            while (!reading) {
                if (client.isClosed()) {
                    return;
                }
                Thread.sleep(20);
            }
            InputStream in = new BufferedInputStream(client.getInputStream(), 65536);
            int limit = closedAfter.getAndSet(-1);
            if (limit < 0) {
                limit = closeEvery;
            }
            int count = 0;
            String message;
            while ((message = framing == Framing.OCTET_COUNTING ? octetCounted(in) : line(in)) != null) {
                if (closed) {
                    return; // what was still buffered in this process is lost with the server
                }
                messages.add(message);
                if (++count == limit) {
                    return;
                }
            }
            endedByClient.incrementAndGet();
        } catch (IOException e) {
            if (!server.isClosed() && !client.isClosed()) {
                errors.add(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code MSG-LEN SP SYSLOG-MSG}; null at a clean end of stream. */
    public static String octetCounted(InputStream in) throws IOException {
        int length = 0;
        int digits = 0;
        int c;
        while ((c = in.read()) != ' ') {
            if (c < 0) {
                if (digits == 0) {
                    return null;
                }
                throw new IOException("stream ended inside a frame length");
            }
            if (c < '0' || c > '9' || digits > 9) {
                throw new IOException("bad frame length character " + c);
            }
            length = length * 10 + (c - '0');
            digits++;
        }
        if (digits == 0) {
            throw new IOException("empty frame length");
        }
        byte[] message = in.readNBytes(length);
        if (message.length < length) {
            throw new IOException("stream ended inside a frame");
        }
        return new String(message, StandardCharsets.UTF_8);
    }

    /** Up to the next LF; null at a clean end of stream. */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(512);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (message.size() == 0) {
                    return null;
                }
                throw new IOException("stream ended inside a line");
            }
            message.write(c);
        }
        return message.toString(StandardCharsets.UTF_8);
    }

    @Override
    /**
     * Stops the server at once, as a killed process would: once this returns it has accepted its last
     * connection and recorded its last message; whatever was unread is gone.
     */
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket client : new ArrayList<>(clients)) {
            client.close();
        }
        try {
            acceptor.join(5_000);
            for (Thread reader : threads) {
                reader.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket client : new ArrayList<>(clients)) {
            client.close();
        }
    }
}
