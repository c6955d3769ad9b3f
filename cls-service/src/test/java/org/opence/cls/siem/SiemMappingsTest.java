package org.opence.cls.siem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Mapping files (shipped defaults read-only, users' copies) and SIEM mappings, which make the tenant data be pulled. */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(SinkPluginResource.class)
class SiemMappingsTest {

    @Test
    void shouldRefuseToDeleteADestinationThatSiemMappingsSendTo() {
        // Given a destination and a SIEM mapping that sends to it
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "hook2",
                        "pluginId",
                        "test-sink",
                        "pollIntervalSeconds",
                        3600,
                        "configuration",
                        Map.of("target", "h")))
                .post("/api/cls/configurations")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "to-hook2",
                        "source",
                        Map.of("tenant", "acme", "events", List.of("page")),
                        "mappingFile",
                        "default-json",
                        "destinations",
                        List.of("hook2")))
                .post("/api/cls/siem-mappings")
                .then()
                .statusCode(201);

        // When the destination is deleted, then it is refused, naming the mapping (before: 204, and the mapping
        // retried "the destination configuration 'hook2' does not exist" for ever)
        given().auth()
                .oauth2(admin())
                .delete("/api/cls/configurations/hook2")
                .then()
                .statusCode(409)
                .body("detail", containsString("is used by the SIEM mapping 'to-hook2'"));
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/cls/configurations/hook2")
                .then()
                .statusCode(200);

        // And once the mapping is gone, the destination can go
        given().auth()
                .oauth2(admin())
                .delete("/api/cls/siem-mappings/to-hook2")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin())
                .delete("/api/cls/configurations/hook2")
                .then()
                .statusCode(204);
    }

    @Test
    void shouldOfferTheShippedDefaultsReadOnlyAndEditableCopies() {
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/cls/mapping-files")
                .then()
                .statusCode(200)
                .body("name", hasItems("default-cef", "default-json", "splunk", "sentinel"))
                .body("find { it.name == 'default-cef' }.readOnly", equalTo(true));

        JsonPath cef = given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/cls/mapping-files/default-cef")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(cef.getString("format")).isEqualTo("CEF");

        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(cef.getMap("$"))
                .put("/api/cls/mapping-files/default-cef")
                .then()
                .statusCode(409)
                .body("detail", containsString("read-only; copy it"));

        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "my-cef", "description", "ours"))
                .post("/api/cls/mapping-files/default-cef/copy")
                .then()
                .statusCode(201)
                .body("name", equalTo("my-cef"))
                .body("readOnly", equalTo(false));
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/cls/mapping-files/my-cef/download")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString("my-cef.json"));
    }

    @Test
    void shouldReportEveryProblemOfAnUploadedFileAtItsPath() {
        String broken = """
                {"name": "broken", "format": "CEF", "taxonomy": {"alerts": {"malware": {
                  "header": {"deviceVendor": {"default_value": "Netskope"}},
                  "extension": {"src": {"mapping_field": "srcip", "transformation": "Hexadecimal"}}}}}}""";
        String body = given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(broken)
                .post("/api/cls/mapping-files")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(body).contains("taxonomy.alerts.malware.extension.src.transformation");
    }

    @Test
    void shouldValidateAMappingAndMakeItsTenantDataBePulled() throws Exception {
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "siem-a",
                        "pluginId",
                        "test-sink",
                        "pollIntervalSeconds",
                        3600,
                        "configuration",
                        Map.of("target", "a")))
                .post("/api/cls/configurations")
                .then()
                .statusCode(201);

        Map<String, Object> wrong = Map.of(
                "name", "bad",
                "source", Map.of("tenant", "acme", "alerts", List.of("viruses")),
                "rule", Map.of("severity", Map.of("$gtx", 3)),
                "mappingFile", "no-such-file",
                "destinations", List.of("siem-a", "siem-z"));
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(wrong)
                .post("/api/cls/siem-mappings")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("source.alerts[0]", "mappingFile", "destinations[1]"))
                .body("errors.find { it.field == 'rule.severity.$gtx' }.message", containsString("unknown operator"));

        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        var announcements = new LinkedBlockingQueue<JsonPath>();
        try (var connection = RabbitBroker.connect("cls-needs");
                var channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "ingest.needs.changed");
            channel.basicConsume(
                    queue,
                    true,
                    (tag, d) -> announcements.add(new JsonPath(new String(d.getBody(), StandardCharsets.UTF_8))),
                    tag -> {});

            Map<String, Object> good = Map.of(
                    "name", "malware to siem",
                    "source",
                            Map.of(
                                    "tenant",
                                    "acme",
                                    "alerts",
                                    List.of("malware", "malsite"),
                                    "events",
                                    List.of("page")),
                    "rule", Map.of("severity", Map.of("$in", List.of("high", "critical"))),
                    "mappingFile", "default-cef",
                    "destinations", List.of("siem-a"));
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(good)
                    .post("/api/cls/siem-mappings")
                    .then()
                    .statusCode(201)
                    .body("enabled", equalTo(true))
                    .body("rule.severity.$in", hasItems("high", "critical"));

            JsonPath needs = announcements.poll(10, TimeUnit.SECONDS);
            assertThat(needs).as("the Log Shipper announces its needs").isNotNull();
            assertThat(needs.getString("payload.module")).isEqualTo("cls");
            assertThat(needs.getList("payload.needs.subtype")).contains("malware", "malsite", "page");
        }

        // the mapping file in use cannot go
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "in-use"))
                .post("/api/cls/mapping-files/default-json/copy")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "uses copy",
                        "source",
                        Map.of("tenant", "acme", "events", List.of("application")),
                        "mappingFile",
                        "in-use",
                        "destinations",
                        List.of("siem-a")))
                .post("/api/cls/siem-mappings")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(admin())
                .delete("/api/cls/mapping-files/in-use")
                .then()
                .statusCode(409)
                .body("detail", containsString("uses copy"));
    }

    private static String admin() {
        return TestJwt.role("admin").sign();
    }
}
