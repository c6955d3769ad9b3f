package org.opence.tenant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.tenant.auth.SignInAccess;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class AuditOfChangesTest {

    @Test
    void shouldAuditWhoChangedWhatFromWhereWithSecretsMasked() throws Exception {
        List<String> entries = new CopyOnWriteArrayList<>();
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        String admin = SignInAccess.superAdmin();
        try (var connection = RabbitBroker.connect("audit-listener");
                var channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "audit.#");
            channel.basicConsume(
                    queue, true, (t, d) -> entries.add(new String(d.getBody(), StandardCharsets.UTF_8)), t -> {});

            given().auth()
                    .oauth2(admin)
                    .header("X-Forwarded-For", "192.0.2.7")
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "audited", "tenantName", "audited", "v2Token", "super-secret-v2"))
                    .when()
                    .post("/api/tenants")
                    .then()
                    .statusCode(201);
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("username", "audited-user", "role", "read-only", "password", "Temp0rary!pw"))
                    .when()
                    .post("/api/users")
                    .then()
                    .statusCode(201);

            await().atMost(Duration.ofSeconds(5)).until(() -> entries.size() >= 2);
        }
        String tenant = entries.stream()
                .filter(e -> e.contains("tenant.created"))
                .findFirst()
                .orElseThrow();
        assertThat(tenant)
                .contains("\"actor\":\"admin\"")
                .contains("\"actorRole\":\"super-admin\"")
                .contains("\"from\":\"192.0.2.7\"")
                .contains("\"target\":\"tenant:audited\"")
                .contains("\"v2Token\":\"********\"")
                .doesNotContain("super-secret-v2");
        String user = entries.stream()
                .filter(e -> e.contains("user.created"))
                .findFirst()
                .orElseThrow();
        assertThat(user)
                .contains("\"target\":\"user:audited-user\"")
                .doesNotContain("Temp0rary")
                .doesNotContain("$2a$");
    }

    @Test
    void shouldNeverWriteASecretToTheLog() {
        // Given every log record of the service captured (no audit queue is bound here, so the service
        // also writes the unconfirmed audit entry to its log)
        List<String> records = new CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null && message != null) {
                    message = String.format(message.replaceAll("\\{\\d+}", "%s"), record.getParameters());
                }
                records.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            String admin = SignInAccess.superAdmin();
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "logged", "tenantName", "logged", "v2Token", "log-secret-v2-token"))
                    .when()
                    .post("/api/tenants")
                    .then()
                    .statusCode(201);
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "logged", "tenantName", "logged", "v2Token", "log-secret-v2-rotated"))
                    .when()
                    .put("/api/tenants/logged")
                    .then()
                    .statusCode(200);
        } finally {
            root.removeHandler(capture);
        }

        // Then the entries reached the log, masked, and no token did
        assertThat(records).anyMatch(r -> r.contains("tenant.created") && r.contains("********"));
        assertThat(records).noneMatch(r -> r.contains("log-secret-v2"));
    }
}
