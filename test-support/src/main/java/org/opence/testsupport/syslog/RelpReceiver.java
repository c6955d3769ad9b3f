package org.opence.testsupport.syslog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A RELP server written for the tests from the protocol's description (not the plugin's code): it
 * answers {@code open} with its offers, each {@code syslog} command with {@code 200 OK} (or
 * {@code 500} for messages it is told to refuse), and {@code close} with an empty answer. It records
 * every message it received and every one it acknowledged, and can misbehave: close a session (or
 * every session) after some messages without answering the last one, stop answering (and start
 * again), send the {@code serverclose} hint, or stop listening.
 */
public final class RelpReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger closeAfter = new AtomicInteger(-1);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile boolean answering = true;
    private volatile int closeEvery = -1;
    private volatile boolean serverCloseHint;
    private volatile boolean stopOnCut;
    private volatile Predicate<String> refuse = m -> false;

    private RelpReceiver(ServerSocket server) {
        this.server = server;
        acceptor = new Thread(this::accept, "test-relp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RelpReceiver tcp() throws IOException {
        return new RelpReceiver(new ServerSocket(0));
    }

    public static RelpReceiver tcp(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(port));
        return new RelpReceiver(server);
    }

    public static RelpReceiver tls(SSLContext context) throws IOException {
        return new RelpReceiver(context.getServerSocketFactory().createServerSocket(0));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next session is cut (no answer, connection closed) when its {@code count}-th message arrives. */
    public void closeSessionAt(int count) {
        closeAfter.set(count);
    }

    /** Like {@link #closeSessionAt}, and the server stops listening before it cuts the session. */
    public void stopAt(int count) {
        stopOnCut = true;
        closeAfter.set(count);
    }

    /** Every session is cut (its last message unanswered, the connection closed) at its {@code count}-th message. */
    public void closeEvery(int count) {
        closeEvery = count;
    }

    /** Messages are answered again (those read while not answering stay unanswered). */
    public void resumeAnswering() {
        answering = true;
    }

    /** Messages go on being read but are no longer answered. */
    public void stopAnswering() {
        answering = false;
    }

    /** The next message is not answered: the server sends the serverclose hint and closes the session. */
    public void serverCloseOnNextMessage() {
        serverCloseHint = true;
    }

    /** Messages matching are answered {@code 500}. */
    public void refuse(Predicate<String> which) {
        refuse = which;
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    public List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public int sessions() {
        return sessions.get();
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
                clients.add(client);
                Thread t = new Thread(() -> serve(client), "test-relp-session");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        int inSession = 0;
        int cutAt = closeAfter.getAndSet(-1);
        if (cutAt < 0) {
            cutAt = closeEvery;
        }
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                String[] header = new String[3];
                byte[] data = readFrame(in, header);
                if (data == null) {
                    return;
                }
                int txnr = Integer.parseInt(header[0]);
                switch (header[1]) {
                    case "open" -> {
                        String offers = new String(data, StandardCharsets.US_ASCII);
                        if (!offers.contains("relp_version") || !offers.contains("syslog")) {
                            throw new IOException("open without relp_version or the syslog command: " + offers);
                        }
                        sessions.incrementAndGet();
                        answer(out, txnr, "200 OK\nrelp_version=0\nrelp_software=test-relp\ncommands=syslog");
                    }
                    case "syslog" -> {
                        if (closed) {
                            return; // what was still buffered in this process is lost with the server
                        }
                        String message = new String(data, StandardCharsets.UTF_8);
                        received.add(message);
                        inSession++;
                        if (inSession == cutAt) {
                            if (stopOnCut) {
                                closed = true;
                                server.close();
                            }
                            return; // closed with this one unanswered
                        }
                        if (serverCloseHint) {
                            serverCloseHint = false;
                            out.write("0 serverclose 0\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            return;
                        }
                        if (!answering) {
                            continue;
                        }
                        if (refuse.test(message)) {
                            answer(out, txnr, "500 refused by the test");
                        } else {
                            acknowledged.add(message);
                            answer(out, txnr, "200 OK");
                        }
                    }
                    case "close" -> {
                        out.write((txnr + " rsp 0\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return;
                    }
                    default -> throw new IOException("unknown RELP command " + header[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!client.isClosed() && !server.isClosed()) {
                errors.add(e);
            }
        }
    }

    private static void answer(OutputStream out, int txnr, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        out.write((txnr + " rsp " + data.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write('\n');
        out.flush();
    }

    /** A frame's data, its header in {@code header} (txnr, command, length); null at the end of the stream. */
    private static byte[] readFrame(InputStream in, String[] header) throws IOException {
        for (int part = 0; part < 3; part++) {
            ByteArrayOutputStream token = new ByteArrayOutputStream();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    if (part == 0 && token.size() == 0) {
                        return null;
                    }
                    throw new IOException("the stream ended inside a frame header");
                }
                if (c == ' ' || (part == 2 && c == '\n')) {
                    header[part] = token.toString(StandardCharsets.US_ASCII);
                    if (part == 2 && c == '\n') {
                        if (!header[2].equals("0")) {
                            throw new IOException("data length " + header[2] + " without data");
                        }
                        return new byte[0];
                    }
                    break;
                }
                token.write(c);
            }
        }
        int length = Integer.parseInt(header[2]);
        byte[] data = in.readNBytes(length);
        if (data.length != length || in.read() != '\n') {
            throw new IOException("a frame of " + length + " bytes without its line feed");
        }
        return data;
    }

    /** Closes every session from the server side, at once. */
    public void closeSessions() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
    }

    @Override
    /**
     * Stops the server at once, as a killed process would: once this returns it has accepted its last
     * session and received and answered its last message.
     */
    public void close() throws IOException {
        closed = true;
        server.close();
        closeSessions();
        try {
            acceptor.join(5_000);
            for (Thread session : threads) {
                session.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSessions();
    }
}
