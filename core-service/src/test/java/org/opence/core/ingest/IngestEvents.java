package org.opence.core.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.opence.common.secret.Secrets;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;

/** What the ingest tests tell core-service through the bus (as the other services would), and ask it. */
final class IngestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestEvents() {}

    static JsonPath status(String tenant) {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/tenants/" + tenant + "/ingest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** What tenant-service announces when a tenant is saved: the record with its tokens encrypted. */
    static void tenant(Secrets secrets, String baseUrl, String name, String v2Token, String v1Token) throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", name);
        record.put("baseUrl", baseUrl);
        record.put("v1Token", v1Token == null ? null : secrets.box().encrypt(v1Token));
        record.put("v2Token", v2Token == null ? null : secrets.box().encrypt(v2Token));
        record.put("initialRangeDays", 1);
        record.put("useSystemProxy", false);
        record.put("updatedAt", Instant.now().toString());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", name);
        payload.put("action", "updated");
        payload.put("tenant", record);
        publish("config.tenant.changed", payload);
    }

    /** What a module service announces: its whole set of needs ({@code kind.subtype}). */
    static void need(String module, String tenant, String... streams) throws Exception {
        List<Map<String, String>> needs = new ArrayList<>();
        for (String s : streams) {
            String[] parts = s.split("\\.");
            needs.add(Map.of("tenant", tenant, "kind", parts[0], "subtype", parts[1]));
        }
        publish(
                "ingest.needs.changed",
                Map.of("module", module, "needs", needs, "at", Instant.now().toString()));
    }

    static void publish(String type, Object payload) throws Exception {
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", type);
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", "test");
        envelope.put("payload", payload);
        try (var connection = RabbitBroker.connect("ingest-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(
                    prefix + "ce.events",
                    type,
                    null,
                    JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8));
        }
    }
}
