package org.opence.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.common.store.Store;
import org.opence.core.notification.Notifications;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retention job, as it runs by itself (every 2 s in the test profile) with the default settings:
 * log entries older than 7 days go (whole segments dropped), newer ones stay; notifications resolved
 * more than 30 days ago go, recently resolved and active ones stay.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class RetentionTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    Store store;

    @Inject
    Notifications notifications;

    @Test
    void shouldDeleteLogEntriesOlderThanTheRetentionAndKeepNewerOnes() throws Exception {
        String run = "retention-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // more than two test segments (50 ids each) in one batch
            entries.add(entry(now.minus(Duration.ofDays(10)).plusSeconds(i), "old " + i + " " + run));
        }
        for (int i = 0; i < 5; i++) {
            entries.add(entry(now.minus(Duration.ofDays(6)).plusSeconds(i), "kept " + i + " " + run));
        }
        publish(entries);

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(run).size() == 5);
        assertThat(messages(run))
                .containsExactly("kept 4 " + run, "kept 3 " + run, "kept 2 " + run, "kept 1 " + run, "kept 0 " + run);
        Instant cutoff = Instant.now().minus(Duration.ofDays(7)).minusSeconds(60);
        for (Document segment : store.collection("log_segments").find()) {
            assertThat(segment.getDate("minTime").toInstant())
                    .as("segment %s", segment.get("_id"))
                    .isAfter(cutoff);
        }
    }

    @Test
    void shouldDeleteNotificationsResolvedLongerAgoThanTheRetention() {
        String run = UUID.randomUUID().toString();
        notifications.raise("old:" + run, Notifications.Severity.warning, false, "test", "resolved long ago");
        notifications.resolve("old:" + run);
        notifications.raise("recent:" + run, Notifications.Severity.warning, false, "test", "resolved just now");
        notifications.resolve("recent:" + run);
        notifications.raise("active:" + run, Notifications.Severity.error, false, "test", "raised long ago, active");
        Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(40)));
        store.collection("notifications")
                .updateOne(Filters.eq("_id", "old:" + run), Updates.set("resolvedAt", longAgo));
        store.collection("notifications")
                .updateOne(
                        Filters.eq("_id", "active:" + run),
                        Updates.combine(Updates.set("firstAt", longAgo), Updates.set("createdAt", longAgo)));

        await().atMost(Duration.ofSeconds(30)).until(() -> !keys().contains("old:" + run));
        assertThat(keys()).contains("recent:" + run, "active:" + run);
    }

    private static List<String> keys() {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .queryParam("includeResolved", true)
                .queryParam("limit", 1000)
                .get("/api/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("key", String.class);
    }

    private static List<String> messages(String text) {
        JsonPath page = given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .queryParam("text", text)
                .queryParam("limit", 500)
                .get("/api/logs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return page.getList("entries.message", String.class);
    }

    private static Map<String, Object> entry(Instant time, String message) {
        return Map.of("time", time.toString(), "level", "info", "module", "cte", "message", message);
    }

    private void publish(List<Map<String, Object>> entries) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "log.entries");
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", "test-service");
        envelope.put("payload", Map.of("entries", entries));
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("retention-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(prefix + "ce.events", "log.entries", null, mapper.writeValueAsBytes(envelope));
        }
    }
}
