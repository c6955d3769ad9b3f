package org.opence.plugins.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.zip.GZIPOutputStream;

/** Builds the requests of a configuration: method, body, content headers, authentication, static headers. */
final class Requests {

    private Requests() {}

    /**
     * A request carrying {@code body} (not yet compressed) with the configured method; gzipped when
     * configured. A static {@code Content-Type} header replaces the shape's own.
     */
    static HttpRequest batch(WebhookSettings settings, byte[] body) {
        byte[] payload = settings.gzip() ? gzip(body) : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .method(settings.method(), HttpRequest.BodyPublishers.ofByteArray(payload));
        boolean ownContentType =
                settings.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"));
        if (!ownContentType) {
            request.header("Content-Type", settings.bodyShape().contentType);
        }
        if (settings.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        return authenticated(request, settings).build();
    }

    /** A HEAD request with the authentication and static headers, to see whether the URL answers. */
    static HttpRequest head(WebhookSettings settings) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        return authenticated(request, settings).build();
    }

    private static HttpRequest.Builder authenticated(HttpRequest.Builder request, WebhookSettings settings) {
        if (settings.auth().present()) {
            request.header(settings.auth().headerName(), settings.auth().headerValue());
        }
        settings.headers().forEach(h -> request.header(h.name(), h.value()));
        return request;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The URL without its query (which may hold a key), for messages: {@code https://host:8443/path}. */
    static String endpoint(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
