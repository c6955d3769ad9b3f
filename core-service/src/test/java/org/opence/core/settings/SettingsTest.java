package org.opence.core.settings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.mongodb.client.MongoClients;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class SettingsTest {

    @AfterEach
    void restore() {
        Map<String, Object> form = defaults();
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(form)
                .put("/api/settings");
    }

    @Test
    void shouldStartWithSafeDefaultsThatEveryRoleCanRead() {
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/settings")
                .then()
                .statusCode(200)
                .body("modules.cls", equalTo(true))
                .body("proxy.enabled", equalTo(false))
                .body("tls.verify", equalTo(true))
                .body("updateCheck.enabled", equalTo(false))
                .body("retention.logsDays", equalTo(7));
    }

    @Test
    void shouldLetOnlyTheSuperAdminChangeThem() {
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .contentType(ContentType.JSON)
                .body(defaults())
                .put("/api/settings")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(defaults())
                .put("/api/settings")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldNameEveryFieldThatIsWrongAndWhatIsAllowed() {
        Map<String, Object> form = defaults();
        form.put("proxy", Map.of("enabled", true, "scheme", "socks5", "host", "bad host", "port", 70000));
        form.put("tls", Map.of("verify", true, "extraCaCertificates", "not a certificate"));
        form.put("logLevel", "LOUD");
        form.put(
                "retention",
                Map.of(
                        "logsDays",
                        0,
                        "alertsDays",
                        30,
                        "eventsDays",
                        7,
                        "ticketsDays",
                        90,
                        "notificationsDays",
                        30,
                        "parkedDays",
                        5000));
        form.put("updateCheck", Map.of("enabled", true, "feedUrl", "http://plain.example/feed", "intervalHours", 0));
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(form)
                .put("/api/settings")
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        hasItems(
                                "proxy.scheme",
                                "proxy.host",
                                "proxy.port",
                                "tls.extraCaCertificates",
                                "logLevel",
                                "retention.logsDays",
                                "retention.parkedDays",
                                "updateCheck.feedUrl",
                                "updateCheck.intervalHours"))
                .body("errors.find { it.field == 'proxy.port' }.message", equalTo("must be 1 to 65535"))
                .body(
                        "errors.find { it.field == 'logLevel' }.message",
                        equalTo("must be one of DEBUG, INFO, WARN, ERROR, or null for CE_LOG_LEVEL"));
    }

    @Test
    void shouldKeepTheProxyPasswordEncryptedNeverShowItAndPublishTheChange() throws Exception {
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        var published = new LinkedBlockingQueue<JsonPath>();
        try (var connection = RabbitBroker.connect("settings-watch");
                var channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "settings.changed");
            channel.basicConsume(
                    queue,
                    true,
                    (tag, d) -> published.add(new JsonPath(new String(d.getBody(), StandardCharsets.UTF_8))),
                    tag -> {});

            Map<String, Object> form = defaults();
            form.put(
                    "proxy",
                    Map.of(
                            "enabled",
                            true,
                            "scheme",
                            "http",
                            "host",
                            "proxy.example.com",
                            "port",
                            3128,
                            "username",
                            "ops",
                            "password",
                            "pr0xy-secret"));
            String body = given().auth()
                    .oauth2(superAdmin())
                    .contentType(ContentType.JSON)
                    .body(form)
                    .put("/api/settings")
                    .then()
                    .statusCode(200)
                    .body("proxy.password", equalTo("********"))
                    .body("updatedBy", equalTo("test-super-admin"))
                    .extract()
                    .asString();
            assertThat(body).doesNotContain("pr0xy-secret");
            String stored = stored().get("proxy", Document.class).getString("password");
            assertThat(stored).startsWith("v1:").doesNotContain("pr0xy-secret");

            JsonPath event = published.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("settings.changed published").isNotNull();
            assertThat(event.getString("payload.proxy.host")).isEqualTo("proxy.example.com");
            assertThat(event.getString("payload.proxy.password")).isEqualTo(stored);

            // the form sent back as shown keeps the password
            form.put(
                    "proxy",
                    Map.of(
                            "enabled",
                            true,
                            "scheme",
                            "http",
                            "host",
                            "proxy.example.com",
                            "port",
                            8080,
                            "username",
                            "ops",
                            "password",
                            "********"));
            given().auth()
                    .oauth2(superAdmin())
                    .contentType(ContentType.JSON)
                    .body(form)
                    .put("/api/settings")
                    .then()
                    .statusCode(200);
            assertThat(stored().get("proxy", Document.class).getString("password"))
                    .isEqualTo(stored);
            assertThat(stored().get("proxy", Document.class).getInteger("port")).isEqualTo(8080);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(superAdmin())
                                .get("/api/audit?action=settings")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("$")
                                .size()
                        >= 2);
        String audit = given().auth()
                .oauth2(superAdmin())
                .get("/api/audit?action=settings")
                .asString();
        assertThat(audit).contains("proxy.example.com").doesNotContain("pr0xy-secret");
    }

    @Test
    void shouldApplyTheLogLevelWithoutARestart() {
        Map<String, Object> form = defaults();
        form.put("logLevel", "DEBUG");
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(form)
                .put("/api/settings")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> java.util.logging.Logger.getLogger("").getLevel() == org.jboss.logmanager.Level.DEBUG);

        form.put("logLevel", "WARN");
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(form)
                .put("/api/settings")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> java.util.logging.Logger.getLogger("").getLevel() == org.jboss.logmanager.Level.WARN);
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> form = new HashMap<>();
        form.put("modules", Map.of("cte", true, "cto", true, "cre", true, "cls", true));
        form.put("proxy", Map.of("enabled", false, "scheme", "http", "password", ""));
        form.put("tls", Map.of("verify", true));
        form.put(
                "retention",
                Map.of(
                        "logsDays",
                        7,
                        "alertsDays",
                        30,
                        "eventsDays",
                        7,
                        "ticketsDays",
                        90,
                        "notificationsDays",
                        30,
                        "parkedDays",
                        14));
        form.put(
                "updateCheck",
                Map.of("enabled", false, "feedUrl", "https://example.com/releases/latest", "intervalHours", 24));
        return form;
    }

    private static String superAdmin() {
        return TestJwt.role("super-admin").sign();
    }

    private static Document stored() {
        var config = ConfigProvider.getConfig();
        try (var client = MongoClients.create(config.getValue("quarkus.mongodb.connection-string", String.class))) {
            return client.getDatabase(config.getValue("ce.mongodb.database", String.class))
                    .getCollection("settings")
                    .find(new Document("_id", "platform"))
                    .first();
        }
    }
}
