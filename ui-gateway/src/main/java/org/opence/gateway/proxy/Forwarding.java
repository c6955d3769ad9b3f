package org.opence.gateway.proxy;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * One request streamed to its upstream, and the answer streamed back.
 *
 * <p>The rule that keeps users apart: a connection that may still hold part of a request body is never
 * used again. When the upstream answers before the whole body was handed to it (a 401, 403 or 413 sent
 * before reading), the rest of the client's body is not forwarded; after the answer is relayed, the
 * upstream connection is closed instead of going back to the pool, and the client's connection is
 * closed too (HTTP/1.1) or its stream reset (HTTP/2), because what the client sends next on it can no
 * longer be told apart from the unread body. Otherwise the next request on either connection — perhaps
 * another user's, with their {@code Authorization} header — would be read as the rest of this body, or
 * the unread body as a request of its own that never passed the gateway's checks.
 */
final class Forwarding {

    private static final Logger LOG = Logger.getLogger(Forwarding.class);
    /** RST_STREAM code CANCEL (RFC 9113 §7): the stream is no longer needed. */
    private static final long CANCEL = 0x8;

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Consumer<Throwable> onFailure;
    private HttpClientRequest upstream;
    /** The whole client body was handed to the upstream request ({@code end()} called). */
    private boolean bodyComplete;
    /** The upstream answered before the body was complete: both connections end after the answer. */
    private boolean answeredEarly;

    private Forwarding(HttpServerRequest request, HttpServerResponse response, Consumer<Throwable> onFailure) {
        this.request = request;
        this.response = response;
        this.onFailure = onFailure;
    }

    /**
     * Opens the upstream request and streams the client's request into it.
     *
     * @param onFailure called when no answer came (connection refused, timeout); the client's
     *     connection is already marked to close when its body was not read
     */
    static void start(
            HttpClient client,
            RequestOptions options,
            HttpServerRequest request,
            HttpServerResponse response,
            Consumer<Throwable> onFailure) {
        new Forwarding(request, response, onFailure).open(client, options);
    }

    private void open(HttpClient client, RequestOptions options) {
        request.exceptionHandler(this::clientFailed);
        client.request(options).onComplete(this::opened);
    }

    private void opened(AsyncResult<HttpClientRequest> opened) {
        if (opened.failed()) {
            giveUp(opened.cause());
            return;
        }
        upstream = opened.result();
        upstream.exceptionHandler(e -> LOG.debugf("Upstream request ended: %s", e.getMessage()));
        LOG.debugf("Forwarding %s %s (%s)", request.method(), request.uri(), request.version());
        upstream.response().onComplete(this::answered);
        // the service sees the request at once, so it can refuse it before any body arrives
        upstream.sendHead();
        request.handler(this::bodyChunk);
        request.endHandler(v -> bodyEnded());
        request.resume();
    }

    private void bodyChunk(Buffer chunk) {
        if (answeredEarly) {
            return;
        }
        upstream.write(chunk);
        if (upstream.writeQueueFull()) {
            request.pause();
            upstream.drainHandler(v -> {
                if (!answeredEarly) {
                    request.resume();
                }
            });
        }
    }

    private void bodyEnded() {
        if (answeredEarly) {
            return;
        }
        bodyComplete = true;
        upstream.end();
    }

    private void answered(AsyncResult<HttpClientResponse> answer) {
        if (answer.failed()) {
            giveUp(answer.cause());
            return;
        }
        if (!bodyComplete) {
            answeredEarly = true;
            request.pause();
            request.handler(null);
            request.endHandler(null);
            if (!ApiProxy.isHttp2(request)) {
                response.putHeader("Connection", "close");
            }
        }
        HttpClientResponse from = answer.result();
        LOG.debugf(
                "Answer %d to %s %s, body complete: %s",
                from.statusCode(), request.method(), request.uri(), bodyComplete);
        Future<Void> relayed = ApiProxy.relay(from, response);
        relayed.onComplete(done -> {
            if (done.failed()) {
                LOG.debugf("Client went away while relaying: %s", done.cause().getMessage());
                upstream.reset();
            }
            if (answeredEarly) {
                // the upstream connection may hold part of this body: never back into the pool
                upstream.reset();
                ApiProxy.endConnectionAfterAnswer(request, response, CANCEL);
            }
        });
    }

    /** No answer: the upstream connection is dropped, and the client's too when its body was not read. */
    private void giveUp(Throwable cause) {
        if (upstream != null) {
            upstream.reset();
        }
        if (!bodyComplete) {
            answeredEarly = true;
            request.handler(null);
            request.endHandler(null);
            if (!ApiProxy.isHttp2(request) && !response.headWritten()) {
                response.putHeader("Connection", "close");
            }
        }
        onFailure.accept(cause);
        if (answeredEarly) {
            ApiProxy.endConnectionAfterAnswer(request, response, CANCEL);
        }
    }

    /** The client went away or sent garbage mid-body: the upstream request must not be completed or reused. */
    private void clientFailed(Throwable cause) {
        LOG.debugf("Client request failed while forwarding: %s", cause.getMessage());
        answeredEarly = true;
        if (upstream != null) {
            upstream.reset();
        }
    }
}
