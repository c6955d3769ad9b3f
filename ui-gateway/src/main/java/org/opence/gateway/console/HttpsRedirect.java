package org.opence.gateway.console;

import java.net.URI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.opence.gateway.GatewayConfig;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Plain HTTP only redirects to HTTPS, to the configured public address ({@code CE_PUBLIC_URL}). The
 * request's {@code Host} header is not used: a forged one must not send a user elsewhere.
 */
@ApplicationScoped
public class HttpsRedirect {

    private final String base;

    public HttpsRedirect(GatewayConfig config) {
        URI url = config.publicUrl();
        this.base = "https://" + url.getRawAuthority();
    }

    void register(@Observes Router router) {
        router.route().order(-40).handler(this::redirect);
    }

    private void redirect(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isSSL()) {
            ctx.next();
            return;
        }
        String query = request.query();
        ctx.response()
                .setStatusCode(301)
                .putHeader("Location", base + request.path() + (query == null ? "" : "?" + query))
                .putHeader("Cache-Control", "no-store")
                .end();
    }
}
