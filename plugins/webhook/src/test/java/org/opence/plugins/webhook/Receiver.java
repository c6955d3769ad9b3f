package org.opence.plugins.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A webhook receiver on the JDK's HTTP server: records every request (a gzipped body is decoded as a
 * real receiver would), checks an expected authentication header, and answers as it is told: a fixed
 * status, a script of statuses, a function of the request, and after a delay.
 */
final class Receiver implements AutoCloseable {

    /**
     * One request as it arrived.
     *
     * @param headers by lower-case name
     * @param raw the body as sent (compressed when gzipped)
     * @param body the body after Content-Encoding was undone
     */
    record Request(String method, String path, Map<String, List<String>> headers, byte[] raw, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, body and extra headers. */
    record Reply(int status, String body, Map<String, String> headers) {
        static Reply of(int status) {
            return new Reply(status, "", Map.of());
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Reply> script = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Request, Reply> answer = request -> Reply.of(200, "{\"ok\":true}");
    private volatile Duration delay = Duration.ZERO;
    private volatile String authName;
    private volatile String authValue;

    private Receiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static Receiver http() throws IOException {
        return new Receiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static Receiver https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new Receiver(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/ingest} (or https). */
    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port() + "/ingest";
    }

    /** Answers every request not covered by a script with this. */
    Receiver answering(Function<Request, Reply> answer) {
        this.answer = answer;
        return this;
    }

    Receiver answering(int status) {
        return answering(request -> Reply.of(status, status >= 400 ? "{\"error\":\"status " + status + "\"}" : ""));
    }

    /** The next requests get these answers, one each, before {@link #answering} applies again. */
    Receiver then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Answers 401 unless the request carries this header with this value. */
    Receiver requiring(String name, String value) {
        this.authName = name;
        this.authValue = value;
        return this;
    }

    /** Waits this long before each answer. */
    Receiver slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            byte[] body = "gzip".equalsIgnoreCase(encoding) ? gunzip(raw) : raw;
            Request request = new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, raw, body);
            requests.add(request);
            Reply reply = reply(request);
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            reply.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = out.length == 0 || request.method().equals("HEAD");
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : out.length);
            if (!noBody) {
                exchange.getResponseBody().write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout) before the answer: nothing to do
        }
    }

    private Reply reply(Request request) {
        if (authName != null && !authValue.equals(request.header(authName))) {
            return Reply.of(401, "{\"error\":\"invalid credentials\"}");
        }
        synchronized (script) {
            if (!script.isEmpty()) {
                return script.remove(0);
            }
        }
        return answer.apply(request);
    }

    private static byte[] gunzip(byte[] raw) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not gzip", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
