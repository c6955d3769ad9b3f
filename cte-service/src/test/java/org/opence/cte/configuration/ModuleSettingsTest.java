package org.opence.cte.configuration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opence.common.secret.Secrets;
import org.opence.common.settings.PlatformSettings;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The settings as a module service applies them, published on the bus as core-service does: the
 * module turned off refuses its API and says who can turn it on; a proxy set in the settings carries a
 * plugin's next HTTP call, with its credentials.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(FeedPluginResource.class)
class ModuleSettingsTest {

    @Inject
    Secrets secrets;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void backToDefaults() throws Exception {
        publish(PlatformSettings.defaults());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(TestJwt.role("read-only").sign())
                                .get("/api/cte/configurations")
                                .statusCode()
                        == 200);
    }

    @Test
    void shouldRefuseTheModuleApiWhileTheModuleIsOffAndSaySo() throws Exception {
        PlatformSettings d = PlatformSettings.defaults();
        publish(new PlatformSettings(
                new PlatformSettings.Modules(false, true, true, true),
                d.proxy(),
                d.tls(),
                null,
                d.retention(),
                d.updateCheck(),
                Instant.now(),
                "admin"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(TestJwt.role("read-only").sign())
                                .get("/api/cte/configurations")
                                .statusCode()
                        == 409);
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "while-off", "pluginId", "test-feed"))
                .post("/api/cte/configurations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://opence.org/problems/module-off"))
                .body("detail", containsString("Threat Exchange module (CTE) is turned off"))
                .body("detail", containsString("super-admin"));
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/cte/status")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
    }

    @Test
    void shouldSendAPluginsNextCallThroughTheProxyOfTheSettings() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            if (auth == null) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                respond(exchange, 407, "");
                return;
            }
            seen.add(exchange.getRequestURI() + " " + auth);
            respond(exchange, 200, "via proxy");
        });
        proxy.start();
        try {
            // without the proxy the host does not even resolve
            create("direct", "http://probe.opence.invalid/check").then().statusCode(400);

            PlatformSettings d = PlatformSettings.defaults();
            publish(new PlatformSettings(
                    d.modules(),
                    new PlatformSettings.Proxy(
                            true,
                            "http",
                            "127.0.0.1",
                            proxy.getAddress().getPort(),
                            "ops",
                            secrets.box().encrypt("s3cret")),
                    d.tls(),
                    null,
                    d.retention(),
                    d.updateCheck(),
                    Instant.now(),
                    "super"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> create(
                                            "proxied-"
                                                    + UUID.randomUUID()
                                                            .toString()
                                                            .substring(0, 6),
                                            "http://probe.opence.invalid/check")
                                    .statusCode()
                            == 201);
            assertThat(seen).isNotEmpty();
            assertThat(seen.get(0))
                    .startsWith("http://probe.opence.invalid/check")
                    .endsWith("Basic "
                            + Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)));
        } finally {
            proxy.stop(0);
        }
    }

    private static io.restassured.response.Response create(String name, String url) {
        return given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        name,
                        "pluginId",
                        "http-probe",
                        "pollIntervalSeconds",
                        3600,
                        "configuration",
                        Map.of("url", url)))
                .post("/api/cte/configurations");
    }

    private void publish(PlatformSettings settings) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "settings.changed");
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", "core-service");
        envelope.put("payload", settings);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("settings-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(prefix + "ce.events", "settings.changed", null, mapper.writeValueAsBytes(envelope));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
