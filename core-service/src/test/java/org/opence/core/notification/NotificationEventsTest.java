package org.opence.core.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications raised by other services through the bus (as cls-service does when it parks records):
 * kept by core-service, one per key with a count however often they are raised, resolved by an event
 * too; a malformed one is refused without harm.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class NotificationEventsTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldKeepOneNotificationPerKeyWithACountAndResolveItByEvent() throws Exception {
        for (int i = 1; i <= 5; i++) {
            publish(
                    "notification.raised",
                    Map.of("key", "cls.parked:siem", "severity", "warning", "banner", false, "message", "parked " + i));
        }
        publish("notification.raised", Map.of("severity", "warning", "message", "no key"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("cls.parked:siem") == 5);
        JsonPath list = notifications();
        assertThat(list.getString("find { it.key == 'cls.parked:siem' }.message"))
                .isEqualTo("parked 5");
        assertThat(list.getString("find { it.key == 'cls.parked:siem' }.source"))
                .isEqualTo("test-service");
        assertThat(list.getString("find { it.key == 'cls.parked:siem' }.severity"))
                .isEqualTo("warning");
        assertThat(list.getList("key")).containsOnlyOnce("cls.parked:siem");

        publish("notification.resolved", Map.of("key", "cls.parked:siem"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !notifications().getList("key").contains("cls.parked:siem"));
    }

    private long count(String key) {
        Object n = notifications().get("find { it.key == '" + key + "' }.count");
        return n instanceof Number c ? c.longValue() : 0;
    }

    private static JsonPath notifications() {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void publish(String type, Map<String, Object> payload) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", type);
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", "test-service");
        envelope.put("payload", payload);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("notification-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(prefix + "ce.events", type, null, mapper.writeValueAsBytes(envelope));
        }
    }
}
