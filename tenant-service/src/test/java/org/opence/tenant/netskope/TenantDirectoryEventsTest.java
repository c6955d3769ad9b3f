package org.opence.tenant.netskope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.secret.Secrets;
import org.opence.tenant.auth.SignInAccess;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenant directory on {@code ce.events} as core-service's ingest reads it: {@code config.tenant.changed}
 * with the {@link TenantRecord} and {@code tenant.directory.snapshot} on start-up and on request, tokens
 * always as the stored ciphertext.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class TenantDirectoryEventsTest {

    private static final List<String> RECORD_FIELDS =
            List.of("name", "baseUrl", "v1Token", "v2Token", "initialRangeDays", "useSystemProxy", "updatedAt");

    @Inject
    RabbitBus bus;

    @Inject
    Secrets secrets;

    @Inject
    TenantDirectoryPublisher publisher;

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void listen() throws Exception {
        connection = RabbitBroker.connect("tenant-directory-test");
        channel = connection.createChannel();
        String queue = channel.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
        String exchange = bus.names().exchange(BusNames.EVENTS);
        assertThat(exchange).isEqualTo(bus.names().prefix() + "ce.events").isNotEqualTo("ce.events");
        channel.queueBind(queue, exchange, TenantService.CHANGED);
        channel.queueBind(queue, exchange, TenantDirectoryPublisher.SNAPSHOT);
        channel.basicConsume(queue, true, (tag, delivery) -> events.add(json.readTree(delivery.getBody())), tag -> {});
    }

    @AfterEach
    void stopListening() throws Exception {
        channel.close();
        connection.close();
    }

    @Test
    void shouldAnnounceACreatedTenantWithItsRecordAndCiphertextTokens() {
        create(form("dir-created", "dir-created", "v1-plain-token", "v2-plain-token", 12, true));

        JsonNode event = awaitEvent(TenantService.CHANGED, e -> "dir-created"
                .equals(e.path("payload").path("name").asText()));
        assertThat(event.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.path("source").asText()).isEqualTo("tenant-service");
        JsonNode payload = event.path("payload");
        assertThat(fieldNames(payload)).containsExactlyInAnyOrder("name", "action", "tenant");
        assertThat(payload.path("action").asText()).isEqualTo("created");

        JsonNode tenant = payload.path("tenant");
        Document stored = stored("dir-created");
        assertRecord(tenant, stored);
        assertThat(tenant.path("baseUrl").asText()).isEqualTo("https://dir-created.goskope.com");
        assertThat(tenant.path("initialRangeDays").asInt()).isEqualTo(12);
        assertThat(tenant.path("useSystemProxy").asBoolean()).isTrue();
        assertCiphertextOf(tenant.path("v1Token"), "v1-plain-token");
        assertCiphertextOf(tenant.path("v2Token"), "v2-plain-token");
        assertThat(event.toString()).doesNotContain("plain-token");
    }

    @Test
    void shouldAnnounceAnUpdateWithTheNewRecordAndADeletionWithoutOne() {
        create(form("dir-changed", "dir-changed", null, "v2-first", null, null));
        JsonNode created = awaitEvent(
                TenantService.CHANGED,
                e -> "dir-changed".equals(e.path("payload").path("name").asText())
                        && "created".equals(e.path("payload").path("action").asText()));
        assertThat(created.path("payload").path("tenant").path("v1Token").isNull())
                .isTrue();
        assertThat(created.path("payload")
                        .path("tenant")
                        .path("initialRangeDays")
                        .asInt())
                .isEqualTo(7);
        assertThat(created.path("payload").path("tenant").path("useSystemProxy").asBoolean())
                .isFalse();

        given().auth()
                .oauth2(SignInAccess.superAdmin())
                .contentType(ContentType.JSON)
                .body(form("dir-changed", "https://other.example.com", "v1-added", "v2-second", 3, null))
                .when()
                .put("/api/tenants/dir-changed")
                .then()
                .statusCode(200);
        JsonNode updated = awaitEvent(
                TenantService.CHANGED,
                e -> "dir-changed".equals(e.path("payload").path("name").asText())
                        && "updated".equals(e.path("payload").path("action").asText()));
        JsonNode tenant = updated.path("payload").path("tenant");
        assertRecord(tenant, stored("dir-changed"));
        assertThat(tenant.path("baseUrl").asText()).isEqualTo("https://other.example.com");
        assertThat(tenant.path("initialRangeDays").asInt()).isEqualTo(3);
        assertCiphertextOf(tenant.path("v1Token"), "v1-added");
        assertCiphertextOf(tenant.path("v2Token"), "v2-second");

        given().auth()
                .oauth2(SignInAccess.superAdmin())
                .when()
                .delete("/api/tenants/dir-changed")
                .then()
                .statusCode(204);
        JsonNode deleted = awaitEvent(
                TenantService.CHANGED,
                e -> "dir-changed".equals(e.path("payload").path("name").asText())
                        && "deleted".equals(e.path("payload").path("action").asText()));
        JsonNode payload = deleted.path("payload");
        assertThat(fieldNames(payload)).containsExactlyInAnyOrder("name", "action", "tenant");
        assertThat(payload.path("tenant").isNull()).isTrue();
    }

    @Test
    void shouldAnswerADirectoryRequestWithASnapshotOfAllTenantsSortedByName() throws Exception {
        create(form("dir-snap-b", "dir-snap-b", null, "v2-b", null, null));
        create(form("dir-snap-a", "dir-snap-a", "v1-a", null, 30, true));
        awaitEvent(TenantService.CHANGED, e -> "dir-snap-a"
                .equals(e.path("payload").path("name").asText()));
        events.clear();

        bus.publish(
                        BusNames.EVENTS,
                        TenantDirectoryPublisher.REQUEST,
                        Envelope.of(TenantDirectoryPublisher.REQUEST, 1, "core-service", json.createObjectNode()),
                        false,
                        null)
                .get();

        assertSnapshotOfAllTenants(awaitEvent(
                TenantDirectoryPublisher.SNAPSHOT, e -> names(e).containsAll(List.of("dir-snap-a", "dir-snap-b"))));
    }

    @Test
    void shouldPublishASnapshotAfterStartUpWithoutHoldingItUp() {
        create(form("dir-start", "dir-start", null, "v2-start", null, null));
        awaitEvent(TenantService.CHANGED, e -> "dir-start"
                .equals(e.path("payload").path("name").asText()));
        events.clear();

        long before = System.nanoTime();
        publisher.onStart(new StartupEvent());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

        assertSnapshotOfAllTenants(awaitEvent(TenantDirectoryPublisher.SNAPSHOT, e -> names(e).contains("dir-start")));
    }

    /** The snapshot holds exactly the stored tenants, in name order, each as its full record. */
    private void assertSnapshotOfAllTenants(JsonNode snapshot) {
        assertThat(snapshot.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(snapshot.path("source").asText()).isEqualTo("tenant-service");
        assertThat(fieldNames(snapshot.path("payload"))).containsExactly("tenants");
        List<Document> stored = allStored();
        assertThat(stored).isNotEmpty();
        assertThat(names(snapshot))
                .containsExactlyElementsOf(
                        stored.stream().map(d -> d.getString("name")).toList())
                .isSorted();
        JsonNode tenants = snapshot.path("payload").path("tenants");
        for (int i = 0; i < stored.size(); i++) {
            assertRecord(tenants.get(i), stored.get(i));
        }
    }

    /** Exactly the record's fields, each equal to the stored value; tokens as the stored ciphertext. */
    private void assertRecord(JsonNode tenant, Document stored) {
        assertThat(fieldNames(tenant)).containsExactlyInAnyOrderElementsOf(RECORD_FIELDS);
        assertThat(tenant.path("name").asText()).isEqualTo(stored.getString("name"));
        assertThat(tenant.path("baseUrl").asText()).isEqualTo(stored.getString("baseUrl"));
        assertThat(textOrNull(tenant.path("v1Token"))).isEqualTo(stored.getString("v1Token"));
        assertThat(textOrNull(tenant.path("v2Token"))).isEqualTo(stored.getString("v2Token"));
        assertThat(tenant.path("initialRangeDays").isInt()).isTrue();
        assertThat(tenant.path("initialRangeDays").asInt()).isEqualTo(stored.getInteger("initialRangeDays"));
        assertThat(tenant.path("useSystemProxy").isBoolean()).isTrue();
        assertThat(tenant.path("useSystemProxy").asBoolean()).isEqualTo(stored.getBoolean("useSystemProxy"));
        assertThat(tenant.path("updatedAt").isTextual()).isTrue();
        assertThat(tenant.path("updatedAt").asText())
                .isEqualTo(stored.getDate("updatedAt").toInstant().toString());
    }

    private void assertCiphertextOf(JsonNode token, String plain) {
        assertThat(token.isTextual()).isTrue();
        assertThat(token.asText()).isNotEqualTo(plain).doesNotContain(plain).startsWith("v1:");
        assertThat(secrets.box().decrypt(token.asText())).isEqualTo(plain);
    }

    private JsonNode awaitEvent(String type, Predicate<JsonNode> match) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> events.stream()
                                .filter(e -> type.equals(e.path("type").asText()))
                                .filter(match)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static List<String> names(JsonNode snapshot) {
        List<String> names = new ArrayList<>();
        snapshot.path("payload")
                .path("tenants")
                .forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String textOrNull(JsonNode node) {
        assertThat(node.isMissingNode()).as("field present").isFalse();
        return node.isNull() ? null : node.asText();
    }

    private static void create(Map<String, Object> form) {
        given().auth()
                .oauth2(SignInAccess.superAdmin())
                .contentType(ContentType.JSON)
                .body(form)
                .when()
                .post("/api/tenants")
                .then()
                .statusCode(201);
    }

    private static Map<String, Object> form(
            String name, String tenantName, String v1, String v2, Integer days, Boolean proxy) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("tenantName", tenantName);
        form.put("v1Token", v1);
        form.put("v2Token", v2);
        form.put("initialRangeDays", days);
        form.put("useSystemProxy", proxy);
        return form;
    }

    private static Document stored(String name) {
        return allStored().stream()
                .filter(d -> name.equals(d.getString("name")))
                .findFirst()
                .orElseThrow();
    }

    private static List<Document> allStored() {
        var config = ConfigProvider.getConfig();
        try (var client = MongoClients.create(config.getValue("quarkus.mongodb.connection-string", String.class))) {
            return client.getDatabase(config.getValue("ce.mongodb.database", String.class))
                    .getCollection("tenants")
                    .find()
                    .sort(Sorts.ascending("name"))
                    .into(new ArrayList<>());
        }
    }
}
