package org.opence.testsupport.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP forward proxy for the tests, as corporate proxies behave: it forwards absolute-form requests
 * ({@code GET http://host/path}) to their origin and opens {@code CONNECT host:port} tunnels for HTTPS,
 * and, when made with credentials, answers {@code 407} with {@code Proxy-Authenticate: Basic} to any
 * request (CONNECT included) without the right {@code Proxy-Authorization}. It removes the proxy's own
 * headers before forwarding, and records the head of every request it was asked for.
 */
public final class ForwardProxy implements AutoCloseable {

    /** A request the proxy received: method, target and headers (names in lower case, the last value). */
    public record Seen(String method, String target, Map<String, String> headers) {}

    private static final Set<String> HOP_BY_HOP =
            Set.of("proxy-authorization", "proxy-connection", "connection", "keep-alive", "upgrade", "http2-settings");

    private final ServerSocket server;
    private final String expected;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private ForwardProxy(String user, String password) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.expected = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Thread acceptor = new Thread(this::accept, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy that lets anyone through. */
    public static ForwardProxy open() throws IOException {
        return new ForwardProxy(null, null);
    }

    /** A proxy that wants Basic credentials on every request, CONNECT included. */
    public static ForwardProxy withCredentials(String user, String password) throws IOException {
        return new ForwardProxy(user, password);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> handle(client), "test-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] line = head.get(0).split(" ", 3);
                Map<String, String> headers = new LinkedHashMap<>();
                List<String> forwarded = new ArrayList<>();
                for (String header : head.subList(1, head.size())) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    headers.put(name, header.substring(colon + 1).trim());
                    if (!HOP_BY_HOP.contains(name)) {
                        forwarded.add(header);
                    }
                }
                seen.add(new Seen(line[0], line[1], headers));
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                if (expected != null && !expected.equals(headers.get("proxy-authorization"))) {
                    write(
                            out,
                            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic"
                                    + " realm=\"test proxy\"\r\nContent-Length: 0\r\n\r\n");
                    continue; // the client may try again on this connection
                }
                if (line[0].equals("CONNECT")) {
                    tunnel(client, in, out, line[1]);
                    return;
                }
                forward(out, line[0], URI.create(line[1]), forwarded, body);
                return;
            }
        } catch (IOException | RuntimeException e) {
            // the client or the origin went away: so does this connection
        }
    }

    /** Sends the request in origin form to its origin and the whole answer back, then closes. */
    private void forward(OutputStream out, String method, URI target, List<String> headers, byte[] body)
            throws IOException {
        int port = target.getPort() < 0 ? 80 : target.getPort();
        try (Socket origin = new Socket(target.getHost(), port)) {
            sockets.add(origin);
            String path = target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            if (target.getRawQuery() != null) {
                path += "?" + target.getRawQuery();
            }
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            headers.forEach(h -> request.append(h).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            OutputStream toOrigin = origin.getOutputStream();
            toOrigin.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            toOrigin.write(body);
            toOrigin.flush();
            origin.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private void tunnel(Socket client, InputStream in, OutputStream out, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        Socket origin = new Socket();
        sockets.add(origin);
        try (origin) {
            origin.connect(new InetSocketAddress(
                    authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1))));
            write(out, "HTTP/1.1 200 Connection Established\r\n\r\n");
            Thread up = new Thread(
                    () -> {
                        try {
                            in.transferTo(origin.getOutputStream());
                        } catch (IOException e) {
                            // either side closed
                        } finally {
                            closeQuietly(origin);
                        }
                    },
                    "test-proxy-tunnel");
            up.setDaemon(true);
            up.start();
            origin.getInputStream().transferTo(out);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** The request line and header lines up to the empty line; null at the end of the stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // a stray line break between requests
                    }
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(c);
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
