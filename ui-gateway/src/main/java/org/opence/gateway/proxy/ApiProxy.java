package org.opence.gateway.proxy;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.gateway.GatewayConfig;
import org.opence.gateway.session.BrowserSession;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Reverse proxy for {@code /api/**}: streams the request to the owning service and its answer back,
 * without buffering bodies. Adds {@code X-Request-Id} (kept when the client sent a sane one) and the
 * {@code X-Forwarded-*} headers; refuses bodies above the size limit; answers 502 when the upstream is
 * down and 504 when it goes silent, both as problem+json.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Connection-level headers that must not be forwarded (RFC 9110 §7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            // the gateway answers 100-continue itself and forwards the body
            "expect",
            // set here from the trusted sources only
            "x-forwarded-for",
            "x-forwarded-proto",
            "x-forwarded-host",
            "x-ce-sso-binding",
            // the browser's session cookies stay at the gateway; upstreams get the Authorization header
            "cookie");

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Sign-in, refresh and password bodies are small; they are read whole at the gateway. */
    static final int MAX_SIGN_IN_BYTES = 65_536;

    /** Set by the gateway alone, from the browser's ce_sso cookie; a client's own is dropped. */
    static final String SSO_BINDING_HEADER = "X-CE-SSO-Binding";

    private final RouteTable routes;
    private final BodyLimits limits;
    private final ClientAddress clients;
    private final GatewayConfig config;
    private final HttpClient client;
    private final BrowserSession session;

    public ApiProxy(RouteTable routes, GatewayConfig config, Vertx vertx, BrowserSession session) {
        this.routes = routes;
        this.limits = new BodyLimits(config);
        this.clients = new ClientAddress(config.trustedProxies().orElse(java.util.List.of()));
        this.config = config;
        this.session = session;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.upstreamPoolSize())
                .setKeepAlive(true));
    }

    void register(@Observes Router router) {
        router.route("/api/*").order(-10).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String requestId = requestId(request);
        response.putHeader(REQUEST_ID, requestId);

        String unsafe = PathCheck.problem(request.path());
        if (unsafe != null) {
            refuse(request, response, 400, "bad-path", "Path not accepted", unsafe);
            return;
        }
        var route = routes.match(request.path());
        if (route.isEmpty()) {
            refuse(request, response, 404, "not-found", "Not found", "No service owns " + request.path() + ".");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked =
                length == null && "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
        if (chunked) {
            refuse(
                    request,
                    response,
                    411,
                    "length-required",
                    "Length required",
                    "Send the request body with a Content-Length header; chunked uploads are not accepted.");
            return;
        }
        long limit = limits.limitFor(request.method(), request.path());
        if (length != null && parseLength(length) > limit) {
            refuse(
                    request,
                    response,
                    413,
                    "payload-too-large",
                    "Request body too large",
                    "The body has " + length + " bytes; the limit for " + request.method() + " " + request.path()
                            + " is " + limit + " bytes (" + BodyLimits.describe(limit) + ").");
            return;
        }

        String refused = session.authorize(request);
        if (refused != null) {
            refuse(request, response, 403, "csrf", "Missing or wrong CSRF token", refused);
            return;
        }
        RouteTable.Entry target = route.get();
        if (session.isSsoCallback(request)
                || (session.cookieMode(request) && (session.issuesTokens(request) || session.isLogout(request)))) {
            exchangeForCookies(ctx, target, requestId);
            return;
        }

        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.url().getHost())
                .setPort(target.port())
                .setURI(request.uri())
                .setIdleTimeout(config.idleTimeout().toMillis())
                .setHeaders(forwardHeaders(request, requestId));
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            response.writeContinue();
        }
        Forwarding.start(client, options, request, response, e -> fail(response, target, request, e));
    }

    /**
     * Sign-in, refresh, first login, password change and logout of a browser: small bodies, buffered,
     * so the tokens in the answer can be moved into cookies.
     */
    private void exchangeForCookies(RoutingContext ctx, RouteTable.Entry target, String requestId) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > MAX_SIGN_IN_BYTES) {
            refuse(
                    request,
                    response,
                    413,
                    "payload-too-large",
                    "Request body too large",
                    "Sign-in requests are limited to 64 KiB.");
            return;
        }
        var whole = request.body();
        // Quarkus hands the request over paused; reading the body needs it flowing
        request.resume();
        whole.onSuccess(body -> {
            String payload =
                    request.path().equals("/api/auth/refresh") ? session.refreshBody(request) : body.toString();
            MultiMap headers = forwardHeaders(request, requestId);
            headers.set(
                    HttpHeaders.CONTENT_LENGTH,
                    String.valueOf(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            if (!request.path().equals("/api/auth/logout")) {
                headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
            }
            RequestOptions options = new RequestOptions()
                    .setMethod(request.method())
                    .setHost(target.url().getHost())
                    .setPort(target.port())
                    .setURI(request.uri())
                    .setIdleTimeout(config.idleTimeout().toMillis())
                    .setHeaders(headers);
            client.request(options)
                    .compose(upstream -> upstream.send(payload)
                            .compose(answer -> answer.body().map(b -> Map.entry(answer, b))))
                    .onSuccess(result -> {
                        HttpClientResponse answer = result.getKey();
                        String text = result.getValue().toString();
                        response.setStatusCode(answer.statusCode());
                        answer.headers().forEach(h -> {
                            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                                response.headers().add(h.getKey(), h.getValue());
                            }
                        });
                        if (session.isSsoCallback(request)) {
                            finishSsoSignIn(response, answer.statusCode(), text);
                            return;
                        }
                        if (session.isLogout(request)) {
                            session.clear(response);
                        } else if (answer.statusCode() == 200) {
                            text = session.keepTokensInCookies(response, new io.vertx.core.json.JsonObject(text));
                        }
                        response.end(text);
                    })
                    .onFailure(e -> fail(response, target, request, e));
        });
    }

    /** After SSO: cookies and back to the console, or a page that says why the sign-in was refused. */
    private void finishSsoSignIn(HttpServerResponse response, int status, String answer) {
        session.clearSsoBinding(response);
        if (status == 200) {
            session.keepTokensInCookies(response, new io.vertx.core.json.JsonObject(answer));
            response.headers().remove(HttpHeaders.CONTENT_TYPE);
            response.setStatusCode(303).putHeader(HttpHeaders.LOCATION, "/").end();
            return;
        }
        String detail;
        try {
            detail = new io.vertx.core.json.JsonObject(answer)
                    .getString("detail", "The sign-in failed (HTTP " + status + ").");
        } catch (RuntimeException e) {
            detail = "The sign-in failed (HTTP " + status + ").";
        }
        response.headers().remove(HttpHeaders.CONTENT_TYPE);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(
                        "Content-Security-Policy",
                        "default-src 'none'; base-uri 'none'; form-action 'none';" + " frame-ancestors 'none'")
                .putHeader("Cache-Control", "no-store")
                .end(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in refused</title></head>"
                                + "<body><h1>Single sign-on did not sign you in</h1><p id=\"reason\">" + escape(detail)
                                + "</p>"
                                + "<p><a href=\"/\">Back to the sign-in page</a></p></body></html>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private MultiMap forwardHeaders(HttpServerRequest request, String requestId) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            headers.set(HttpHeaders.CONTENT_LENGTH, length);
        }
        headers.set(REQUEST_ID, requestId);
        headers.set("X-Forwarded-For", clients.of(request));
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        if (session.isSsoCallback(request)) {
            String binding = session.ssoBinding(request);
            if (binding != null) {
                headers.set(SSO_BINDING_HEADER, binding);
            }
        }
        return headers;
    }

    /**
     * Answers from the gateway itself before the request body was read. The unread body makes the
     * client's HTTP/1.1 connection unusable (what follows cannot be told apart from the body), so it is
     * closed after the answer; an HTTP/2 stream is reset.
     */
    private static void refuse(
            HttpServerRequest request,
            HttpServerResponse response,
            int status,
            String slug,
            String title,
            String detail) {
        boolean bodyUnread = !request.isEnded() && hasBody(request);
        if (bodyUnread && !isHttp2(request)) {
            response.putHeader("Connection", "close");
        }
        Problems.send(response, status, slug, title, detail);
        if (bodyUnread) {
            endConnectionAfterAnswer(request, response, 0x8);
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return parseLength(length) != 0;
        }
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        // an HTTP/2 request may stream a body without declaring its length
        return isHttp2(request) && !SAFE_METHODS.contains(request.method());
    }

    static boolean isHttp2(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2;
    }

    /** After the answer: an HTTP/1.1 connection is closed once written, an HTTP/2 stream reset with the code. */
    static void endConnectionAfterAnswer(HttpServerRequest request, HttpServerResponse response, long h2Code) {
        if (isHttp2(request)) {
            response.reset(h2Code);
        } else {
            response.close();
        }
    }

    /** Streams an upstream answer to the client; completes when it was relayed or failed. */
    static Future<Void> relay(HttpClientResponse upstream, HttpServerResponse response) {
        response.setStatusCode(upstream.statusCode());
        upstream.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) || name.equals("content-length")) {
                response.headers().add(h.getKey(), h.getValue());
            }
        });
        if (upstream.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        return response.send(upstream);
    }

    private void fail(HttpServerResponse response, RouteTable.Entry target, HttpServerRequest request, Throwable e) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        boolean timeout =
                e instanceof TimeoutException || String.valueOf(e.getMessage()).contains("timeout");
        LOG.warnf(
                "Proxying %s %s to %s failed: %s", request.method(), request.path(), target.service(), e.getMessage());
        if (timeout) {
            Problems.send(
                    response,
                    504,
                    "upstream-timeout",
                    "Upstream timeout",
                    target.service() + " did not answer within "
                            + config.idleTimeout().toSeconds() + " s.");
        } else {
            Problems.send(
                    response,
                    502,
                    "upstream-unavailable",
                    "Upstream unavailable",
                    target.service() + " is not reachable; check 'scripts/status' and its log in data/logs/.");
        }
    }

    private static String requestId(HttpServerRequest request) {
        String given = request.getHeader(REQUEST_ID);
        return given != null && SANE_REQUEST_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
