package org.opence.gateway.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the web console (built by npm into {@code META-INF/resources}, see {@code src/main/webui}):
 * every page address of the single-page app ({@code /settings/users}, {@code /logging?level=error})
 * answers with {@code index.html}, so a reload or a bookmark works; {@code /api/**} and {@code /q/**}
 * are never answered with the page. Hashed build files under {@code /assets/} are cached for a year,
 * {@code index.html} is revalidated every time. Every answer carries the browser security headers; the
 * page's Content-Security-Policy allows only this origin.
 */
@ApplicationScoped
public class WebConsole {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Router router) {
        router.route().order(-30).handler(this::securityHeaders);
        router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).order(-5).handler(this::page);
    }

    private void securityHeaders(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.addHeadersEndHandler(v -> {
            var headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "same-origin");
            headers.set("X-Frame-Options", "DENY");
            if (ctx.request().isSSL()) {
                headers.set("Strict-Transport-Security", "max-age=31536000");
            }
            if (!path.startsWith("/api/")) {
                headers.set("Content-Security-Policy", CSP);
            }
            if (path.startsWith("/assets/") && ctx.response().getStatusCode() == 200) {
                headers.set("Cache-Control", "public, max-age=31536000, immutable");
            } else if (!path.startsWith("/api/")) {
                headers.set("Cache-Control", "no-cache");
            }
        });
        ctx.next();
    }

    private void page(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (isPageAddress(path)) {
            ctx.reroute("/index.html");
        } else {
            ctx.next();
        }
    }

    /** An address of the app's own router: not the API, not management, not a file. */
    static boolean isPageAddress(String path) {
        if (path.equals("/") || path.equals("/index.html")) {
            return false;
        }
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/") || path.equals("/q")) {
            return false;
        }
        if (path.startsWith("/assets/")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
