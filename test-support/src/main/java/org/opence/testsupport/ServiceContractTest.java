package org.opence.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * What every Open CE service must do, whatever its module: health with MongoDB and RabbitMQ, metrics,
 * OpenAPI, problem+json errors, its own collections, and an answer to the bus round trip. A service's
 * test extends this with {@code @QuarkusTest} and the two test resources, and adds its own tests.
 */
public abstract class ServiceContractTest {

    /** The service's name as configured ({@code ce.service.name}). */
    protected abstract String serviceName();

    /** Collections the service must own. */
    protected abstract List<String> ownedCollections();

    @Test
    void shouldBeHealthyWithItsStoreAndBrokerChecks() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("MongoDB connection health check", "RabbitMQ connection"));
        given().when()
                .get("/q/health")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'service' }.data.name", equalTo(serviceName()));
    }

    @Test
    void shouldExposePrometheusMetricsIncludingTheBusConsumers() {
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(metrics).contains("jvm_memory_used_bytes");
        assertThat(metrics).containsPattern("ce_bus_consumed_total\\{.*queue=\"[^\"]*" + serviceName() + "\\.events\"");
    }

    @Test
    void shouldPublishItsOpenApiDocument() {
        given().accept("application/json")
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Open CE " + serviceName()));
    }

    @Test
    void shouldAnswerUnknownPathsWithAProblemDocument() {
        given().when()
                .get("/api/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/no-such-thing"));
    }

    @Test
    void shouldOwnItsCollections() {
        String uri = config("quarkus.mongodb.connection-string");
        try (MongoClient client = MongoClients.create(uri)) {
            List<String> names = client.getDatabase(config("ce.mongodb.database"))
                    .listCollectionNames()
                    .into(new ArrayList<>());
            assertThat(names).containsAll(ownedCollections());
        }
    }

    @Test
    void shouldAnswerTheBusRoundTrip() throws Exception {
        String prefix = config("ce.bus.prefix");
        String pingId = UUID.randomUUID().toString();
        BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        try (Connection connection = RabbitBroker.connect("contract-test");
                Channel channel = connection.createChannel()) {
            // Given a private queue for the answers
            String replies = channel.queueDeclare().getQueue();
            channel.queueBind(replies, prefix + "ce.events", "system.pong");
            channel.basicConsume(
                    replies, true, (tag, d) -> pongs.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> {});

            // When a ping is published on ce.events
            String ping = """
                    {"type":"system.ping","schemaVersion":1,"id":"%s","time":"%s","source":"contract-test",\
                    "payload":{"pingId":"%s"}}""".formatted(UUID.randomUUID(), Instant.now(), pingId);
            channel.basicPublish(
                    prefix + "ce.events",
                    "system.ping",
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/json")
                            .headers(Map.of("x-ce-schema-version", 1))
                            .build(),
                    ping.getBytes(StandardCharsets.UTF_8));

            // Then this service answers it with its name
            await().atMost(Duration.ofSeconds(10)).until(() -> pongs.stream()
                    .map(JsonPath::from)
                    .anyMatch(p -> pingId.equals(p.getString("payload.pingId"))
                            && serviceName().equals(p.getString("payload.service"))));
        }
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
