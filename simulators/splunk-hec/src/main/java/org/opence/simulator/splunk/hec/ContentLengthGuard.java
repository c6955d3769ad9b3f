package org.opence.simulator.splunk.hec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.opence.simulator.splunk.config.SimulatorConfig;
import org.opence.simulator.splunk.control.RequestStats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a collector request whose {@code Content-Length} is above {@code max_content_length} with 413
 * before its body is read, and closes the connection (the client may still be sending). A chunked body
 * without a length is checked once read, in {@link IngestService}.
 */
@ApplicationScoped
public class ContentLengthGuard {

    private final long maxContentLength;
    private final RequestStats stats;
    private final ObjectMapper json;

    public ContentLengthGuard(SimulatorConfig config, RequestStats stats, ObjectMapper json) {
        this.maxContentLength = config.maxContentLength();
        this.stats = stats;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-900).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        long length = contentLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (ctx.request().method() != HttpMethod.POST
                || !path.startsWith(Endpoints.PREFIX)
                || length <= maxContentLength) {
            ctx.next();
            return;
        }
        HecException tooLarge = HecException.tooLarge(length, maxContentLength);
        stats.outcome(Endpoints.of(path), tooLarge.outcome());
        try {
            ctx.response()
                    .setStatusCode(tooLarge.httpStatus())
                    .putHeader("Content-Type", "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(tooLarge.body()));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
