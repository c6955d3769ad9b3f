package org.opence.cls.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The other end of the test destination plugin: an HTTP server with one inbox per path that keeps
 * every line it took and can be told to be down, slow, or to refuse lines containing a text.
 */
final class Receiver implements AutoCloseable {

    private static final Pattern EXTERNAL_ID = Pattern.compile("externalId=(\\S+)");

    /** How one inbox answers. */
    static final class Inbox {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger refusedRequests = new AtomicInteger();
        volatile boolean down;
        volatile long delayMillis;
        volatile String refuseContaining;
        /** Answer "written:n" (taken, not acknowledged, n resent) instead of "ok". */
        volatile Integer writtenResending;
        /** Lines containing this are answered "try again" the first time they come. */
        volatile String busyOnceContaining;

        final java.util.Set<String> busyAlready = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** The CEF externalId (the record's _id) of every line taken. */
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            for (String line : lines) {
                Matcher m = EXTERNAL_ID.matcher(line);
                ids.add(m.find() ? m.group(1) : line);
            }
            return ids;
        }
    }

    private final HttpServer server;
    private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String inbox) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + inbox;
    }

    Inbox inbox(String name) {
        return inboxes.computeIfAbsent(name, k -> new Inbox());
    }

    private void handle(HttpExchange exchange) throws IOException {
        Inbox inbox = inbox(exchange.getRequestURI().getPath().substring(1));
        inbox.requests.incrementAndGet();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (inbox.delayMillis > 0) {
            try {
                Thread.sleep(inbox.delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (inbox.down) {
            inbox.refusedRequests.incrementAndGet();
            respond(exchange, 500, "down");
            return;
        }
        String[] lines = body.split("\n");
        List<String> refused = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            if (inbox.busyOnceContaining != null
                    && lines[i].contains(inbox.busyOnceContaining)
                    && inbox.busyAlready.add(lines[i])) {
                busy.add(String.valueOf(i));
            } else if (inbox.refuseContaining != null && lines[i].contains(inbox.refuseContaining)) {
                refused.add(String.valueOf(i));
            } else {
                inbox.lines.add(lines[i]);
            }
        }
        if (!busy.isEmpty()) {
            respond(exchange, 200, "retry:" + String.join(",", busy));
            return;
        }
        if (inbox.writtenResending != null && refused.isEmpty()) {
            respond(exchange, 200, "written:" + inbox.writtenResending);
            return;
        }
        respond(exchange, 200, refused.isEmpty() ? "ok" : "refuse:" + String.join(",", refused));
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
