package org.opence.gateway.proxy;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Errors the gateway itself produces, as {@code application/problem+json} like every service's. */
final class Problems {

    private Problems() {}

    static void send(HttpServerResponse response, int status, String slug, String title, String detail) {
        JsonObject body = new JsonObject()
                .put("type", "https://opence.org/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(body.encode());
    }
}
