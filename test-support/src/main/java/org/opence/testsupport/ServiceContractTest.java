package org.opence.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** A GET endpoint any signed-in user may call, used to prove that a revoked session is refused. */
    protected abstract String readableEndpoint();

    /** Endpoints reachable without a token, as {@code "POST /api/auth/login"}; none by default. */
    protected Set<String> publicEndpoints() {
        return Set.of();
    }

    /** Non-GET endpoints every signed-in user may call, read-only users included (their own password, logout). */
    protected Set<String> selfServiceEndpoints() {
        return Set.of();
    }

    /** Endpoints a first-login token (EULA and password still pending) may call; none by default. */
    protected Set<String> firstLoginEndpoints() {
        return Set.of();
    }

    @Test
    void shouldRefuseEveryEndpointWithoutAValidTokenOfTheRightRole() {
        Map<String, Map<String, Object>> paths = given().accept("application/json")
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        List<String> checked = new ArrayList<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(method -> {
                    String type = contentType(operations.get(method));
                    String endpoint = method.toUpperCase() + " " + path;
                    if (publicEndpoints().contains(endpoint)) {
                        return;
                    }
                    String url = path.replaceAll("\\{[^}]+}", "x");
                    expectStatus(method, url, type, null, 401, endpoint + " without a token");
                    expectStatus(
                            method,
                            url,
                            type,
                            TestJwt.role("admin")
                                    .lifetime(Duration.ofMinutes(-5))
                                    .sign(),
                            401,
                            endpoint + " with an expired token");
                    expectStatus(
                            method,
                            url,
                            type,
                            TestJwt.role("read-only").signWithWrongKey(),
                            401,
                            endpoint + " with a token signed by another key");
                    expectStatus(
                            method,
                            url,
                            type,
                            TestJwt.role("read-only").signThenEscalate(),
                            401,
                            endpoint + " with a token edited to claim super-admin");
                    expectStatus(
                            method,
                            url,
                            type,
                            TestJwt.role("super-admin").unsigned(),
                            401,
                            endpoint + " with an unsigned (alg=none) token");
                    expectStatus(
                            method,
                            url,
                            type,
                            TestJwt.role("super-admin").issuer("someone-else").sign(),
                            401,
                            endpoint + " with a token of another issuer");
                    expectStatus(
                            method,
                            url,
                            type,
                            TestJwt.role("admin")
                                    .lifetime(Duration.ofDays(3650))
                                    .sign(),
                            401,
                            endpoint + " with a validly signed token that lasts ten years");
                    if (!method.equals("get") && !selfServiceEndpoints().contains(endpoint)) {
                        expectStatus(
                                method,
                                url,
                                type,
                                TestJwt.role("read-only").sign(),
                                403,
                                endpoint + " with a read-only token");
                    }
                    if (!firstLoginEndpoints().contains(endpoint)) {
                        expectStatus(
                                method,
                                url,
                                type,
                                TestJwt.role("super-admin")
                                        .pending("eula", "password")
                                        .sign(),
                                403,
                                endpoint + " with a first-login token");
                    }
                    checked.add(endpoint);
                }));
        assertThat(checked).as("protected endpoints checked").contains("GET " + readableEndpoint());
    }

    @Test
    void shouldRefuseATokenOfARevokedSession() throws Exception {
        TestJwt token = TestJwt.role("read-only");
        String jwt = token.sign();
        given().auth().oauth2(jwt).when().get(readableEndpoint()).then().statusCode(200);

        // When tenant-service announces that the session ended
        String prefix = config("ce.bus.prefix");
        try (Connection connection = RabbitBroker.connect("contract-test");
                Channel channel = connection.createChannel()) {
            String event = """
                    {"type":"auth.session.revoked","schemaVersion":1,"id":"%s","time":"%s","source":"tenant-service",\
                    "payload":{"sessionId":"%s","keepUntil":"%s"}}""".formatted(
                            UUID.randomUUID(),
                            Instant.now(),
                            token.sessionId(),
                            Instant.now().plusSeconds(600));
            channel.basicPublish(
                    prefix + "ce.events", "auth.session.revoked", null, event.getBytes(StandardCharsets.UTF_8));
        }

        // Then the same token no longer opens anything
        await().atMost(Duration.ofSeconds(5))
                .until(() -> given().auth()
                                .oauth2(jwt)
                                .when()
                                .get(readableEndpoint())
                                .statusCode()
                        == 401);
        given().auth()
                .oauth2(jwt)
                .when()
                .get(readableEndpoint())
                .then()
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("session has ended"));
    }

    /** The first content type the operation's request body declares, JSON when it has none. */
    @SuppressWarnings("unchecked")
    private static String contentType(Object operation) {
        if (operation instanceof Map<?, ?> op
                && op.get("requestBody") instanceof Map<?, ?> body
                && body.get("content") instanceof Map<?, ?> content
                && !content.isEmpty()) {
            String first = String.valueOf(content.keySet().iterator().next());
            return first.contains("*") ? "application/json" : first;
        }
        return "application/json";
    }

    private static void expectStatus(String method, String url, String token, int status, String what) {
        expectStatus(method, url, "application/json", token, status, what);
    }

    private static void expectStatus(
            String method, String url, String contentType, String token, int status, String what) {
        var request = contentType.contains("json")
                ? given().contentType(contentType).body("{}")
                : given().contentType(contentType).body("x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        var response = request.when().request(method.toUpperCase(), url);
        assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
    }

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
