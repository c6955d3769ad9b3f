package org.opence.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class AuditTrailTest {

    @Test
    void shouldKeepEveryEntryAnyServicePublishesOnceEvenWhenRedelivered() throws Exception {
        String id = UUID.randomUUID().toString();
        String entry = """
                {"type":"audit.tenant.created","schemaVersion":1,"id":"%s","time":"%s","source":"tenant-service",\
                "payload":{"id":"%s","at":"%s","action":"tenant.created","target":"tenant:acme","actor":"alice",\
                "actorRole":"admin","from":"10.1.2.3","service":"tenant-service",\
                "after":{"name":"acme","v2Token":"********"}}}""".formatted(UUID.randomUUID(), Instant.now(), id, Instant.now());

        publish("audit.tenant.created", entry);
        publish("audit.tenant.created", entry);

        await().atMost(Duration.ofSeconds(5)).until(() -> entries("tenant").size() == 1);
        var found = given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .when()
                .get("/api/audit?action=tenant&actor=alice")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(found.getString("[0].id")).isEqualTo(id);
        assertThat(found.getString("[0].target")).isEqualTo("tenant:acme");
        assertThat(found.getString("[0].from")).isEqualTo("10.1.2.3");
        assertThat(found.getString("[0].after.v2Token")).isEqualTo("********");
    }

    @Test
    void shouldLetOnlyAdminsReadTheTrail() {
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .get("/api/audit")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestJwt.role("super-admin").sign())
                .when()
                .get("/api/audit")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldSayWhichFilterIsWrong() {
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .when()
                .get("/api/audit?from=yesterday")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .when()
                .get("/api/audit?limit=5000")
                .then()
                .statusCode(400)
                .body("errors[0].message", equalTo("must be 1 to 1000"));
    }

    private static java.util.List<Object> entries(String action) {
        return given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .when()
                .get("/api/audit?action=" + action)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    private static void publish(String key, String body) throws Exception {
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("audit-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(prefix + "ce.events", key, null, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
