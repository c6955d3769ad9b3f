package org.opence.core.logs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.common.bus.RabbitBus;
import org.opence.common.config.CeConfig;
import org.opence.common.logs.LogLevel;
import org.opence.common.logs.Logs;
import org.opence.common.plugin.PlatformContext;
import org.opence.common.status.ServiceIdentity;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The platform log end to end: entries written in a service (here core-service itself, another
 * process through the bus, a plugin through its context) arrive over RabbitMQ, are stored, and are
 * found through {@code /api/logs} with each filter and page after page; everyone signed in reads,
 * nobody writes; a full buffer drops entries and says how many.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class LogsTest {

    private static final Pattern DROPPED = Pattern.compile("^(\\d+) log entr");

    @Inject
    Logs logs;

    @Inject
    ObjectMapper mapper;

    @Inject
    RabbitBus bus;

    @Inject
    CeConfig ceConfig;

    @Inject
    Instance<CurrentVertxRequest> vertxRequest;

    @BeforeEach
    void logLevelInfo() {
        // another test class may have left the settings at WARN
        if (logs.minimum() != LogLevel.info) {
            given().auth()
                    .oauth2(TestJwt.role("super-admin").sign())
                    .contentType(ContentType.JSON)
                    .body(settingsWithLevel("INFO"))
                    .put("/api/settings")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.minimum() == LogLevel.info);
        }
    }

    @Test
    void shouldStoreWhatAnotherServicePublishesAndFindItWithEachFilter() throws Exception {
        String run = "run-" + UUID.randomUUID();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        List<Map<String, Object>> entries = new ArrayList<>();
        String[] levels = {"debug", "info", "warning", "error"};
        String[] modules = {"cls", "cte", "core"};
        for (int i = 0; i < 24; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("time", base.plus(Duration.ofMinutes(i)).toString());
            e.put("level", levels[i % 4]);
            e.put("module", modules[i % 3]);
            if (i % 3 == 0) {
                e.put("plugin", "syslog");
                e.put("configuration", i % 2 == 0 ? "SIEM A" : "SIEM B");
            }
            e.put("message", (i == 5 ? "Connection Timed Out " : "entry ") + i + " of " + run);
            if (i % 4 == 3) {
                e.put("errorCode", "TEST-" + i);
                e.put("details", "details of " + i);
                e.put("resolution", "do " + i);
            }
            entries.add(e);
        }
        publish(entries, "test-service");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> messages(Map.of("text", run)).size() == 24);
        assertThat(numbers(Map.of("text", run))).containsExactly(range(23, 0));
        assertThat(numbers(Map.of("text", run, "level", "warning")))
                .containsExactly(23, 22, 19, 18, 15, 14, 11, 10, 7, 6, 3, 2);
        assertThat(numbers(Map.of("text", run, "levels", "debug,error")))
                .containsExactly(23, 20, 19, 16, 15, 12, 11, 8, 7, 4, 3, 0);
        assertThat(numbers(Map.of("text", run, "module", "cte"))).containsExactly(22, 19, 16, 13, 10, 7, 4, 1);
        assertThat(numbers(Map.of("text", run, "module", "CTE,core")))
                .containsExactly(23, 22, 20, 19, 17, 16, 14, 13, 11, 10, 8, 7, 5, 4, 2, 1);
        assertThat(numbers(Map.of("text", run, "plugin", "syslog"))).containsExactly(21, 18, 15, 12, 9, 6, 3, 0);
        assertThat(numbers(Map.of("text", run, "configuration", "SIEM B"))).containsExactly(21, 15, 9, 3);
        assertThat(numbers(Map.of("text", "connection timed out"))).containsExactly(5);
        assertThat(numbers(Map.of(
                        "text", run,
                        "from", base.plus(Duration.ofMinutes(10)).toString(),
                        "to", base.plus(Duration.ofMinutes(13)).toString())))
                .containsExactly(12, 11, 10);
        assertThat(numbers(Map.of("text", run, "level", "error", "module", "cls")))
                .containsExactly(15, 3);

        JsonPath page = list(Map.of("text", run, "level", "error", "limit", "1"));
        assertThat(page.getString("entries[0].errorCode")).isEqualTo("TEST-23");
        assertThat(page.getString("entries[0].service")).isEqualTo("test-service");
        assertThat(page.getBoolean("entries[0].hasDetails")).isTrue();
        assertThat(page.getString("entries[0].details")).isNull();
        String id = page.getString("entries[0].id");
        readOnly()
                .get("/api/logs/" + id)
                .then()
                .statusCode(200)
                .body("details", equalTo("details of 23"))
                .body("resolution", equalTo("do 23"))
                .body("time", equalTo(base.plus(Duration.ofMinutes(23)).toString()))
                .body("level", equalTo("error"))
                .body("module", equalTo("core"));
    }

    @Test
    void shouldPageNewestFirstWithoutLosingOrRepeatingEntries() throws Exception {
        String run = "paging-" + UUID.randomUUID();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            entries.add(Map.of("level", "info", "message", "entry " + i + " of " + run));
        }
        publish(entries.subList(0, 60), "test-service");
        publish(entries.subList(60, 130), "test-service");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> list(Map.of("text", run, "limit", "500"))
                                .getList("entries")
                                .size()
                        == 130);

        List<Integer> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            Map<String, String> params = new HashMap<>(Map.of("text", run, "limit", "7"));
            if (before != null) {
                params.put("before", before);
            }
            JsonPath page = list(params);
            page.getList("entries.message", String.class).forEach(m -> seen.add(number(m)));
            before = page.getBoolean("more") ? page.getString("nextBefore") : null;
            pages++;
        } while (before != null && pages < 100);

        assertThat(seen).containsExactly(range(129, 0));
        assertThat(pages).isEqualTo(19);
    }

    @Test
    void shouldCarryThisServicesEntriesOverTheBusAboveTheLogLevelOnly() {
        String run = "own-" + UUID.randomUUID();

        logs.write(org.opence.common.logs.LogEntry.of(LogLevel.debug, "debug " + run));
        logs.error("TEST-OWN", "error " + run, "what happened", "what to do");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !messages(Map.of("text", run)).isEmpty());
        JsonPath page = list(Map.of("text", run));
        assertThat(page.getList("entries.message", String.class)).containsExactly("error " + run);
        assertThat(page.getString("entries[0].module")).isEqualTo("core");
        assertThat(page.getString("entries[0].service")).isEqualTo("core-service");
        assertThat(page.getString("entries[0].errorCode")).isEqualTo("TEST-OWN");
    }

    @Test
    void shouldShowPluginAndConfigurationOfWhatAPluginLogs() {
        String run = "plugin-" + UUID.randomUUID();
        PlatformContext context =
                new PlatformContext("CLS", "webhook", "Webhook " + run, Map.of(), Map.of(), null, null, logs);

        context.logger().error("push refused", "WEBHOOK-401", "HTTP 401 from the receiver", "check the token");

        await().atMost(Duration.ofSeconds(15)).until(() -> !messages(Map.of("configuration", "Webhook " + run))
                .isEmpty());
        JsonPath page = list(Map.of("plugin", "webhook", "configuration", "Webhook " + run, "module", "cls"));
        assertThat(page.getString("entries[0].message")).isEqualTo("push refused");
        assertThat(page.getString("entries[0].errorCode")).isEqualTo("WEBHOOK-401");
        assertThat(page.getString("entries[0].level")).isEqualTo("error");
        readOnly()
                .get("/api/logs/" + page.getString("entries[0].id"))
                .then()
                .statusCode(200)
                .body("details", equalTo("HTTP 401 from the receiver"))
                .body("resolution", equalTo("check the token"));
    }

    @Test
    void shouldAnswerAQueryParameterThatIsNoNumberWithA400NamingIt() {
        readOnly()
                .get("/api/logs?limit=abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].message", equalTo("must be a whole number, was 'abc'"));
        readOnly()
                .get("/api/notifications?includeResolved=perhaps")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("includeResolved"))
                .body("errors[0].message", equalTo("must be true or false, was 'perhaps'"));
    }

    @Test
    void shouldCountWhatAFullBufferDropsAndSaySoInALaterEntry() {
        // A writer of its own (another service name), so that no other entry core-service writes
        // meanwhile is dropped and counted with ours: every one of ours is either stored or counted.
        String probeService = "flood-" + UUID.randomUUID().toString().substring(0, 8) + "-service";
        String run = "run-" + UUID.randomUUID();
        int written = 20_000; // the test profile's buffer holds 1,000
        Logs probe = new Logs(
                bus,
                mapper,
                ceConfig,
                new ServiceIdentity(ceConfig) {
                    @Override
                    public String name() {
                        return probeService;
                    }
                },
                new SimpleMeterRegistry(),
                vertxRequest);
        try {
            for (int i = 0; i < written; i++) {
                probe.info("flood " + i + " of " + run);
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> stored(run) + reportedDrops(probeService) >= written);
            long stored = stored(run);
            long dropped = reportedDrops(probeService);
            assertThat(dropped).isPositive();
            assertThat(stored).isLessThan(written);
            assertThat(stored + dropped).isEqualTo(written);
            assertThat(probe.droppedTotal()).isEqualTo(dropped);
        } finally {
            probe.stop();
        }
    }

    @Test
    void shouldLetEveryRoleReadAndNobodyWrite() {
        given().get("/api/logs").then().statusCode(401);
        given().get("/api/logs/1").then().statusCode(401);
        for (String role : List.of("read-only", "admin", "super-admin")) {
            given().auth()
                    .oauth2(TestJwt.role(role).sign())
                    .get("/api/logs")
                    .then()
                    .statusCode(200);
        }
        String superAdmin = TestJwt.role("super-admin").sign();
        given().auth()
                .oauth2(superAdmin)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/logs")
                .then()
                .statusCode(405);
        given().auth().oauth2(superAdmin).delete("/api/logs/1").then().statusCode(405);
        readOnly().get("/api/logs/999999999").then().statusCode(404);
        readOnly().get("/api/logs/abc").then().statusCode(404);
    }

    @Test
    void shouldNameTheParameterThatIsWrong() {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("limit", Map.of("limit", "501"));
        cases.put("level", Map.of("level", "verbose"));
        cases.put("levels", Map.of("level", "info", "levels", "error"));
        cases.put("from", Map.of("from", "yesterday"));
        cases.put("to", Map.of("from", "2026-11-27T10:00:00Z", "to", "2026-11-27T09:00:00Z"));
        cases.put("before", Map.of("before", "x"));
        cases.put("text", Map.of("text", "x".repeat(201)));
        cases.forEach((field, params) -> readOnly()
                .queryParams(params)
                .get("/api/logs")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(field)));
    }

    // ---- helpers ----

    private long stored(String run) {
        long count = 0;
        String before = null;
        do {
            Map<String, String> params = new HashMap<>(Map.of("text", run, "limit", "500"));
            if (before != null) {
                params.put("before", before);
            }
            JsonPath page = list(params);
            count += page.getList("entries").size();
            before = page.getBoolean("more") ? page.getString("nextBefore") : null;
        } while (before != null);
        return count;
    }

    private long reportedDrops(String service) {
        long dropped = 0;
        for (String message : messages(Map.of("text", "dropped by " + service, "level", "warning"))) {
            Matcher m = DROPPED.matcher(message);
            if (m.find()) {
                dropped += Long.parseLong(m.group(1));
            }
        }
        return dropped;
    }

    private static Integer[] range(int from, int downTo) {
        Integer[] values = new Integer[from - downTo + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = from - i;
        }
        return values;
    }

    private static int number(String message) {
        Matcher m = Pattern.compile("(\\d+) of ").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private List<Integer> numbers(Map<String, String> params) {
        return messages(params).stream().map(LogsTest::number).toList();
    }

    private List<String> messages(Map<String, String> params) {
        Map<String, String> withLimit = new HashMap<>(params);
        withLimit.putIfAbsent("limit", "500");
        return list(withLimit).getList("entries.message", String.class);
    }

    private static JsonPath list(Map<String, String> params) {
        return readOnly()
                .queryParams(params)
                .get("/api/logs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static RequestSpecification readOnly() {
        return given().auth().oauth2(TestJwt.role("read-only").sign());
    }

    private void publish(List<Map<String, Object>> entries, String source) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "log.entries");
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", source);
        envelope.put("payload", Map.of("entries", entries));
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("logs-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(prefix + "ce.events", "log.entries", null, mapper.writeValueAsBytes(envelope));
        }
    }

    private static Map<String, Object> settingsWithLevel(String level) {
        Map<String, Object> form = new HashMap<>();
        form.put("modules", Map.of("cte", true, "cto", true, "cre", true, "cls", true));
        form.put("proxy", Map.of("enabled", false, "scheme", "http", "password", ""));
        form.put("tls", Map.of("verify", true));
        form.put("logLevel", level);
        form.put(
                "retention",
                Map.of(
                        "logsDays",
                        7,
                        "alertsDays",
                        30,
                        "eventsDays",
                        7,
                        "ticketsDays",
                        90,
                        "notificationsDays",
                        30,
                        "parkedDays",
                        14));
        form.put(
                "updateCheck",
                Map.of("enabled", false, "feedUrl", "https://example.com/releases/latest", "intervalHours", 24));
        return form;
    }
}
