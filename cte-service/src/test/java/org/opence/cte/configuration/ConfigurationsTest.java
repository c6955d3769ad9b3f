package org.opence.cte.configuration;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.mongodb.client.MongoClients;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(FeedPluginResource.class)
class ConfigurationsTest {

    @Test
    void shouldStoreTheApiKeyEncryptedAndNeverShowIt() {
        String body = create(form("stored", "https://feed.example", "k-123", 3600))
                .then()
                .statusCode(201)
                .body("configuration.apiKey", equalTo("********"))
                .body("configuration.limit", equalTo(2))
                .body("pluginVersion", equalTo("1.2.0"))
                .extract()
                .asString();
        assertThat(body).doesNotContain("k-123");
        assertThat(stored("stored").get("configuration", Document.class).getString("apiKey"))
                .startsWith("v1:");

        // an update without the key keeps it
        Map<String, Object> update = form("stored", "https://feed2.example", null, 3600);
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(update)
                .when()
                .put("/api/cte/configurations/stored")
                .then()
                .statusCode(200)
                .body("configuration.url", equalTo("https://feed2.example"))
                .body("configuration.apiKey", equalTo("********"));
    }

    @Test
    void shouldNameEveryFieldTheSchemaOrThePluginRefuses() {
        Map<String, Object> missing = form("missing", null, null, 4);
        create(missing)
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("configuration.url", "configuration.apiKey", "pollIntervalSeconds"))
                .body(
                        "errors.find { it.field == 'pollIntervalSeconds' }.message",
                        equalTo("must be 10 seconds to 1 year (31536000 seconds)"));

        create(form("plain-http", "http://feed.example", "k-123", 60))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("configuration.url"))
                .body("errors[0].message", equalTo("must start with https://"));

        Map<String, Object> unknown = form("unknown", "https://feed.example", "k", 60);
        unknown.put("pluginId", "no-such-plugin");
        create(unknown)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("pluginId"))
                .body("errors[0].message", containsString("test-feed"));
    }

    @Test
    void shouldRunThePullOnItsScheduleAndRecordIt() {
        create(form("scheduled", "https://feed.example", "k-123", 10)).then().statusCode(201);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(TestJwt.role("read-only").sign())
                                .when()
                                .get("/api/cte/configurations/scheduled")
                                .then()
                                .extract()
                                .jsonPath()
                                .getLong("health.runs")
                        >= 1);

        var view = given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .get("/api/cte/configurations/scheduled")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(view.getBoolean("health.healthy")).isTrue();
        assertThat(view.getString("health.lastRunSummary")).isEqualTo("pulled 2 indicators");
        assertThat(view.getString("health.lastSuccessAt")).isNotBlank();
        assertThat(stored("scheduled").get("storage", Document.class).getString("pulls"))
                .isEqualTo("1");
    }

    @Test
    void shouldRecordAFailingPullAsUnhealthyWithoutHarmingTheService() {
        create(form("refused", "https://feed.example", "wrong-key", 10)).then().statusCode(201);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(TestJwt.role("read-only").sign())
                                .when()
                                .get("/api/cte/configurations/refused")
                                .then()
                                .extract()
                                .jsonPath()
                                .getLong("health.runs")
                        >= 1);

        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .get("/api/cte/configurations/refused")
                .then()
                .statusCode(200)
                .body("health.healthy", equalTo(false))
                .body(
                        "health.lastError",
                        equalTo("the plugin failed: IllegalStateException: the feed refused the API key"));
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldStopRunningWhenDisabled() {
        create(form("switched", "https://feed.example", "k-123", 3600)).then().statusCode(201);
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/cte/configurations/switched/disable")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .post("/api/cte/configurations/switched/enable")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldLoadAPluginAnnouncedOnTheBusWithoutARestart() throws Exception {
        // Given core-service announcing an uploaded plugin, jar included
        String source = FeedPluginResource.SOURCE
                .replace("\"test-feed\"", "\"late-feed\"")
                .replace("FeedPlugin", "LateFeed");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("late");
        byte[] jar = java.nio.file.Files.readAllBytes(org.opence.testsupport.TestPluginJars.build(
                dir,
                "late.jar",
                Map.of("feed.LateFeed", source),
                Map.of("org.opence.plugin.api.cte.CtePlugin", "feed.LateFeed")));
        String sha = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(jar));
        String event = """
                {"type":"plugin.installed","schemaVersion":1,"id":"%s","time":"%s","source":"core-service",\
                "payload":{"pluginId":"late-feed","version":"1.2.0","module":"CTE","sha256":"%s","jar":"%s"}}""".formatted(
                        java.util.UUID.randomUUID(),
                        java.time.Instant.now(),
                        sha,
                        java.util.Base64.getEncoder().encodeToString(jar));
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = org.opence.testsupport.RabbitBroker.connect("installer");
                var channel = connection.createChannel()) {
            channel.basicPublish(
                    prefix + "ce.events",
                    "plugin.installed",
                    null,
                    event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        // Then the running service accepts configurations of it
        Map<String, Object> form = form("late", "https://feed.example", "k-123", 3600);
        form.put("pluginId", "late-feed");
        await().atMost(Duration.ofSeconds(10)).until(() -> create(form).statusCode() == 201);
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .get("/api/cte/configurations/late")
                .then()
                .statusCode(200)
                .body("pluginId", equalTo("late-feed"));
    }

    @Test
    void shouldRefuseConfigurationsOfAPluginTurnedOff() throws Exception {
        publishState(true);
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> create(form("off", "https://feed.example", "k-123", 60))
                                    .statusCode()
                            == 400);
            create(form("off", "https://feed.example", "k-123", 60))
                    .then()
                    .body("errors[0].field", equalTo("pluginId"))
                    .body("errors[0].message", containsString("is turned off"));
        } finally {
            publishState(false);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> create(form("on-again", "https://feed.example", "k-123", 3600))
                                .statusCode()
                        == 201);
    }

    @Test
    void shouldAnnounceTheTenantDataItsEnabledConfigurationsNeed() throws Exception {
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        var announcements = new java.util.concurrent.LinkedBlockingQueue<io.restassured.path.json.JsonPath>();
        try (var connection = org.opence.testsupport.RabbitBroker.connect("needs");
                var channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "ingest.needs.changed");
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> announcements.add(new io.restassured.path.json.JsonPath(
                            new String(delivery.getBody(), java.nio.charset.StandardCharsets.UTF_8))),
                    tag -> {});

            Map<String, Object> wrong = form("sourced", "https://feed.example", "k-123", 3600);
            wrong.put("tenantSource", Map.of("tenant", "acme", "alerts", java.util.List.of("malware", "viruses")));
            create(wrong)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("tenantSource.alerts[1]"))
                    .body("errors[0].message", containsString("'viruses' is not one of dlp, malware"));

            Map<String, Object> sourced = form("sourced", "https://feed.example", "k-123", 3600);
            sourced.put(
                    "tenantSource",
                    Map.of(
                            "tenant",
                            "acme",
                            "alerts",
                            java.util.List.of("malware", "malsite"),
                            "events",
                            java.util.List.of()));
            create(sourced).then().statusCode(201).body("tenantSource.alerts", hasItems("malware", "malsite"));
            var created = announcements.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(created).as("an announcement after the create").isNotNull();
            assertThat(created.getString("payload.module")).isEqualTo("cte");
            assertThat(created.getList("payload.needs.subtype")).contains("malware", "malsite");
            assertThat(created.getList("payload.needs.tenant")).containsOnly("acme");

            // disabled: the module no longer needs that data
            given().auth()
                    .oauth2(admin())
                    .post("/api/cte/configurations/sourced/disable")
                    .then()
                    .statusCode(200);
            var disabled = announcements.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(disabled).isNotNull();
            assertThat(disabled.getList("payload.needs.tenant")).doesNotContain("acme");

            // core-service asks at its start-up: the module answers with its whole set
            channel.basicPublish(
                    prefix + "ce.events",
                    "ingest.needs.request",
                    null,
                    ("{\"type\":\"ingest.needs.request\",\"schemaVersion\":1,\"id\":\"" + java.util.UUID.randomUUID()
                                    + "\",\"time\":\"" + java.time.Instant.now()
                                    + "\",\"source\":\"core-service\",\"payload\":{}}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var answered = announcements.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answered).as("an answer to ingest.needs.request").isNotNull();
            assertThat(answered.getString("payload.module")).isEqualTo("cte");
        } finally {
            given().auth().oauth2(admin()).delete("/api/cte/configurations/sourced");
        }
    }

    private static void publishState(boolean disabled) throws Exception {
        String event = """
                {"type":"plugin.state.changed","schemaVersion":1,"id":"%s","time":"%s","source":"core-service",\
                "payload":{"pluginId":"test-feed","disabled":%s}}""".formatted(java.util.UUID.randomUUID(), java.time.Instant.now(), disabled);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = org.opence.testsupport.RabbitBroker.connect("state");
                var channel = connection.createChannel()) {
            channel.basicPublish(
                    prefix + "ce.events",
                    "plugin.state.changed",
                    null,
                    event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static io.restassured.response.Response create(Map<String, Object> form) {
        return given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form)
                .when()
                .post("/api/cte/configurations");
    }

    private static Map<String, Object> form(String name, String url, String apiKey, long interval) {
        Map<String, Object> config = new HashMap<>();
        if (url != null) {
            config.put("url", url);
        }
        if (apiKey != null) {
            config.put("apiKey", apiKey);
        }
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("pluginId", "test-feed");
        form.put("pollIntervalSeconds", interval);
        form.put("configuration", config);
        return form;
    }

    private static String admin() {
        return TestJwt.role("admin").sign();
    }

    private static Document stored(String name) {
        var config = ConfigProvider.getConfig();
        try (var client = MongoClients.create(config.getValue("quarkus.mongodb.connection-string", String.class))) {
            return client.getDatabase(config.getValue("ce.mongodb.database", String.class))
                    .getCollection("cte_configurations")
                    .find(new Document("name", name))
                    .first();
        }
    }
}
