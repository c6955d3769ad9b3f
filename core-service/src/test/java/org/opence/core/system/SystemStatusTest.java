package org.opence.core.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class SystemStatusTest {

    @Test
    void shouldReportEveryServiceAndNameWhatIsWrong() {
        JsonPath status = fetchStatus();

        // core-service itself is healthy and answered its own ping over the real broker
        assertThat(status.getString("services.find { it.name == 'core-service' }.health"))
                .isEqualTo("UP");
        assertThat(status.getBoolean("services.find { it.name == 'core-service' }.bus.reached"))
                .isTrue();
        assertThat(status.getString("services.find { it.name == 'core-service' }.version"))
                .isNotBlank();
        assertThat(status.getMap("services.find { it.name == 'core-service' }.checks"))
                .containsEntry("MongoDB connection health check", "UP")
                .containsEntry("RabbitMQ connection", "UP");

        // the absent services are reported with the reason, and the suite is not UP
        assertThat(status.getList("services.name"))
                .containsExactly(
                        "cls-service",
                        "core-service",
                        "cre-service",
                        "cte-service",
                        "cto-service",
                        "tenant-service",
                        "ui-gateway");
        assertThat(status.getString("services.find { it.name == 'tenant-service' }.health"))
                .isEqualTo("UNREACHABLE");
        assertThat(status.getBoolean("services.find { it.name == 'tenant-service' }.bus.reached"))
                .isFalse();
        assertThat(status.getString("services.find { it.name == 'tenant-service' }.detail"))
                .contains("connection refused")
                .contains("no answer to the bus round trip");
        assertThat(status.getString("status")).isEqualTo("DEGRADED");
        assertThat(status.getString("summary"))
                .startsWith("6 of 7 services need attention")
                .contains("tenant-service");
    }

    @Test
    void shouldCountAServiceThatAnswersThePingFromAnotherProcess() throws Exception {
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (Connection connection = RabbitBroker.connect("fake-cto");
                Channel channel = connection.createChannel()) {
            // Given another process on the bus that answers pings as cto-service
            String pings = channel.queueDeclare().getQueue();
            channel.queueBind(pings, prefix + "ce.events", "system.ping");
            channel.basicConsume(
                    pings,
                    true,
                    (tag, delivery) -> {
                        String pingId = JsonPath.from(new String(delivery.getBody(), StandardCharsets.UTF_8))
                                .getString("payload.pingId");
                        String pong = """
                        {"type":"system.pong","schemaVersion":1,"id":"%s","time":"%s","source":"cto-service",\
                        "payload":{"pingId":"%s","service":"cto-service","version":"9.9.9","instance":"fake/1"}}""".formatted(UUID.randomUUID(), Instant.now(), pingId);
                        channel.basicPublish(
                                prefix + "ce.events",
                                "system.pong",
                                new AMQP.BasicProperties.Builder()
                                        .headers(Map.of("x-ce-schema-version", 1))
                                        .build(),
                                pong.getBytes(StandardCharsets.UTF_8));
                    },
                    tag -> {});

            // When the status is measured
            JsonPath status = fetchStatus();

            // Then its round trip counts, and its version comes from its answer
            assertThat(status.getBoolean("services.find { it.name == 'cto-service' }.bus.reached"))
                    .isTrue();
            assertThat(status.getString("services.find { it.name == 'cto-service' }.version"))
                    .isEqualTo("9.9.9");
            assertThat(status.getBoolean("services.find { it.name == 'cte-service' }.bus.reached"))
                    .isFalse();
        }
    }

    @Test
    void shouldKeepTheSameInstallationAcrossRequests() {
        String first = fetchStatus().getString("installation.id");
        String second = fetchStatus().getString("installation.id");

        assertThat(first).isNotBlank().isEqualTo(second);
        assertThat(fetchStatus().getString("installation.installedAt")).isNotBlank();
    }

    private static JsonPath fetchStatus() {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .get("/api/system/status")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }
}
