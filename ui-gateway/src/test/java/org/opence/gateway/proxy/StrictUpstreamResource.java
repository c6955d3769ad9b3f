package org.opence.gateway.proxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.opence.gateway.GatewayTestResource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * An upstream that behaves like an Open CE service (a Vert.x HTTP server, as under Quarkus): it answers
 * 401 to a request without {@code Authorization} and 413 to a body above 100 bytes on
 * {@code /api/tenants/big} before reading the body, and otherwise reads the whole body and echoes what
 * it saw. Every request it parses is recorded, so a test can tell whether anything was smuggled.
 * The gateway in front of it keeps a pool of one connection per service.
 */
public class StrictUpstreamResource implements QuarkusTestResourceLifecycleManager {

    /** A request as the upstream parsed it. */
    public record Seen(String method, String uri, String authorization, String body) {}

    public static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("gateway-desync-test");
            GatewayTestResource.writeSelfSignedPem(dataDir.resolve("ssl_certs"));
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(StrictUpstreamResource::handle)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            String url = "http://127.0.0.1:" + server.actualPort();
            return Map.of(
                    "ce.data-dir",
                    dataDir.toString(),
                    "gateway.routes.tenant-service.url",
                    url,
                    "gateway.routes.cte-service.url",
                    url,
                    "gateway.upstream-pool-size",
                    "1",
                    "gateway.idle-timeout",
                    "30s",
                    "gateway.max-request-bytes",
                    "1048576");
        } catch (Exception e) {
            throw new IllegalStateException("could not start the strict upstream", e);
        }
    }

    private static void handle(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            SEEN.add(new Seen(request.method().name(), request.uri(), null, null));
            problem(request, 401, "no token");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (request.path().equals("/api/tenants/big") && length != null && Long.parseLong(length) > 100) {
            SEEN.add(new Seen(request.method().name(), request.uri(), authorization, null));
            problem(request, 413, "too large");
            return;
        }
        request.body().onSuccess(body -> {
            SEEN.add(new Seen(request.method().name(), request.uri(), authorization, body.toString()));
            request.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("method", request.method().name())
                            .put("uri", request.uri())
                            .put("authorization", authorization)
                            .put("bodyBytes", body.length())
                            .encode());
        });
    }

    private static void problem(HttpServerRequest request, int status, String detail) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject()
                        .put("status", status)
                        .put("detail", detail)
                        .encode());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
