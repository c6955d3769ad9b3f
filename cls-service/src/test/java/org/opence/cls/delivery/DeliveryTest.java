package org.opence.cls.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opence.cls.siem.SinkPluginResource;
import org.opence.common.settings.PlatformSettings;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Log Shipper's delivery against the real broker and a real HTTP peer (through a destination
 * plugin loaded from its own jar): what the rule lets through arrives once; a destination that is down
 * gets everything when it is back; refused records are parked with their reason and can be replayed
 * or discarded; limited retries park; a slow destination does not hold back a fast one; the module
 * turned off keeps its data waiting.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
@WithTestResource(SinkPluginResource.class)
class DeliveryTest {

    static final Receiver RECEIVER;

    static {
        try {
            RECEIVER = new Receiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    ObjectMapper mapper;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @AfterEach
    void moduleOn() throws Exception {
        publishSettings(PlatformSettings.defaults());
    }

    @Test
    void shouldDeliverEveryRecordTheRuleLetsThroughExactlyOnceAndCountIt() throws Exception {
        destination("once-dest", "once");
        mapping(
                "once",
                "t-once",
                List.of("malware"),
                List.of("page"),
                Map.of("severity", Map.of("$ne", "low")),
                List.of("once-dest"),
                null);
        List<String> expected = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String id = "m" + b + "-" + i;
                boolean low = i % 5 == 0;
                records.add(alert(id, low ? "low" : "high", "user" + i + "@example.com"));
                if (!low) {
                    expected.add(id);
                }
            }
            publish("t-once", "alerts", "malware", records);
        }
        for (int b = 0; b < 3; b++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String id = "p" + b + "-" + i;
                records.add(Map.of("_id", id, "timestamp", Instant.now().getEpochSecond(), "url", "https://x/" + i));
                expected.add(id);
            }
            publish("t-once", "events", "page", records);
        }

        Receiver.Inbox inbox = RECEIVER.inbox("once");
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.lines.size() >= expected.size());
        Thread.sleep(500); // anything extra would show now
        assertThat(inbox.ids()).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(inbox.lines.get(0)).startsWith("CEF:0|Netskope|");

        JsonPath stats = statistics();
        assertThat(stats.getLong("destinations.find { it.destination == 'once-dest' }.sent"))
                .isEqualTo(11_000L);
        assertThat(stats.getLong("destinations.find { it.destination == 'once-dest' }.filtered"))
                .isEqualTo(2_000L);
        assertThat(stats.getLong("destinations.find { it.destination == 'once-dest' }.bytesSent"))
                .isGreaterThan(11_000L * 100);
        assertThat(stats.getLong("destinations.find { it.destination == 'once-dest' }.parked"))
                .isZero();
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("ce_cls_records_total{destination=\"once-dest\",mapping=\"once\",outcome=\"sent\"} 11000.0");
    }

    @Test
    void shouldHoldRecordsWhileTheDestinationIsDownAndDeliverThemAllWhenItIsBack() throws Exception {
        Receiver.Inbox inbox = RECEIVER.inbox("flaky");
        inbox.down = true;
        destination("flaky-dest", "flaky");
        mapping(
                "flaky",
                "t-flaky",
                List.of("malware"),
                List.of(),
                null,
                List.of("flaky-dest"),
                Map.of("strategy", "infinite"));
        List<String> expected = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                records.add(alert("f" + b + "-" + i, "high", "u"));
                expected.add("f" + b + "-" + i);
            }
            publish("t-flaky", "alerts", "malware", records);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.refusedRequests.get() >= 10);
        assertThat(statistics().getLong("destinations.find { it.destination == 'flaky-dest' }.retried"))
                .isPositive();
        assertThat(statistics().getString("destinations.find { it.destination == 'flaky-dest' }.lastError"))
                .contains("the receiver answered 500");

        inbox.down = false;
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.lines.size() >= expected.size());
        Thread.sleep(1000);
        assertThat(inbox.ids()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(statistics().getLong("destinations.find { it.destination == 'flaky-dest' }.parked"))
                .isZero();
    }

    @Test
    void shouldRetryOnlyTheRecordsADestinationDidNotTakeSoNothingComesTwice() throws Exception {
        Receiver.Inbox inbox = RECEIVER.inbox("busy");
        inbox.busyOnceContaining = "suser=later";
        destination("busy-dest", "busy");
        mapping("busy", "t-busy", List.of("malware"), List.of(), null, List.of("busy-dest"), null);
        List<String> expected = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                records.add(alert("b" + b + "-" + i, "high", i % 100 == 3 ? "later" : "now"));
                expected.add("b" + b + "-" + i);
            }
            publish("t-busy", "alerts", "malware", records);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.lines.size() >= expected.size());
        Thread.sleep(1000);
        assertThat(inbox.ids()).as("each record once").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(statistics().getLong("destinations.find { it.destination == 'busy-dest' }.retried"))
                .as("only the 30 records the receiver did not take were retried")
                .isEqualTo(30);
    }

    @Test
    void shouldParkRefusedAndUnreadableRecordsWithTheReasonAndReplayOrDiscardThem() throws Exception {
        try (NotificationTap notifications = new NotificationTap("cls.parked:picky-dest")) {
            parkReplayAndDiscard(notifications);
        }
    }

    private void parkReplayAndDiscard(NotificationTap notifications) throws Exception {
        Receiver.Inbox inbox = RECEIVER.inbox("picky");
        inbox.refuseContaining = "suser=poison";
        destination("picky-dest", "picky");
        mapping("picky", "t-picky", List.of("malware"), List.of(), null, List.of("picky-dest"), null);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(alert("k" + i, "high", i % 400 == 7 ? "poison" : "fine"));
        }
        publish("t-picky", "alerts", "malware", records);
        publishRaw("tenant.t-picky.alerts.malware", "{not json".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.lines.size() >= 997);
        await().atMost(Duration.ofSeconds(10)).until(() -> parked("picky-dest").getLong("total") == 2);
        JsonPath page = parked("picky-dest");
        assertThat(page.getList("items.reason", String.class))
                .anySatisfy(r -> assertThat(r).contains("the receiver does not take such records"))
                .anySatisfy(r -> assertThat(r).startsWith("unreadable batch"));
        String refusedId = page.getString("items.find { it.records == 3 }.id");
        String unreadableId = page.getString("items.find { it.reason.startsWith('unreadable') }.id");
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/cls/parked/" + refusedId)
                .then()
                .statusCode(200)
                .body("records.user", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("poison")));
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .post("/api/cls/parked/" + refusedId + "/replay")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin())
                .post("/api/cls/parked/" + unreadableId + "/replay")
                .then()
                .statusCode(409);

        // the notification says what is parked: both batches (told within the notice interval, 2 s here)
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(notifications.messages()).anySatisfy(m -> assertThat(m)
                        .startsWith("4 record(s) in 2 parked batch(es) wait for the destination")));

        inbox.refuseContaining = null;
        given().auth()
                .oauth2(admin())
                .post("/api/cls/parked/" + refusedId + "/replay")
                .then()
                .statusCode(200)
                .body("records", org.hamcrest.Matchers.equalTo(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.lines.size() >= 1000);
        assertThat(new HashSet<>(inbox.ids())).hasSize(1000);
        // after the replay the notification says what is still parked
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notifications.messages())
                .last()
                .asString()
                .startsWith("1 record(s) in 1 parked batch(es) wait for the destination 'picky-dest'."));
        given().auth()
                .oauth2(admin())
                .delete("/api/cls/parked/" + unreadableId)
                .then()
                .statusCode(200);
        assertThat(parked("picky-dest").getLong("total")).isZero();
        // nothing parked any more: the notification is resolved
        await().atMost(Duration.ofSeconds(10)).until(notifications::resolved);
        JsonPath stats = statistics();
        assertThat(stats.getLong("destinations.find { it.destination == 'picky-dest' }.routes[0].replayed"))
                .isEqualTo(3);
        assertThat(stats.getLong("destinations.find { it.destination == 'picky-dest' }.routes[0].discarded"))
                .isEqualTo(1);
    }

    @Test
    void shouldCountWhatNoReceiverAcknowledgedApartFromWhatOneDid() throws Exception {
        Receiver.Inbox inbox = RECEIVER.inbox("tcp-like");
        inbox.writtenResending = 7;
        destination("tcp-like-dest", "tcp-like");
        mapping("tcp-like", "t-tcp-like", List.of("malware"), List.of(), null, List.of("tcp-like-dest"), null);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(alert("w" + i, "high", "user" + i + "@example.com"));
        }

        publish("t-tcp-like", "alerts", "malware", records);

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.lines.size() >= 1000);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> statistics().getLong("destinations.find { it.destination == 'tcp-like-dest' }.written")
                        == 1000L);
        JsonPath stats = statistics();
        assertThat(stats.getLong("destinations.find { it.destination == 'tcp-like-dest' }.sent"))
                .isZero();
        assertThat(stats.getLong("destinations.find { it.destination == 'tcp-like-dest' }.resent"))
                .as("two chunks of 500, each reporting 7 resent")
                .isEqualTo(14L);
    }

    @Test
    void shouldStoreTheFiguresOfABatchBeforeItIsAcknowledged() throws Exception {
        destination("durable-dest", "durable");
        mapping("durable", "t-durable", List.of("malware"), List.of(), null, List.of("durable-dest"), null);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(alert("d" + i, "high", "user" + i + "@example.com"));
        }

        publish("t-durable", "alerts", "malware", records);

        // the periodic flush runs every 10 s: the stored totals must have the batch long before that, as a
        // SIGKILL right after the acknowledgement would otherwise lose its figures
        var config = ConfigProvider.getConfig();
        try (var client = com.mongodb.client.MongoClients.create(
                config.getValue("quarkus.mongodb.connection-string", String.class))) {
            var stored = client.getDatabase(config.getValue("ce.mongodb.database", String.class))
                    .getCollection("cls_delivery_stats");
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                var d = stored.find(new org.bson.Document("destination", "durable-dest"))
                        .first();
                return d != null && d.get("sent") instanceof Number n && n.longValue() == 300;
            });
        }
    }

    @Test
    void shouldKeepWhatCanBeReadOfABrokenBatchAndItsBytesAsTheyCame() throws Exception {
        destination("broken-dest", "broken");
        mapping("broken", "t-broken", List.of("malware"), List.of(), null, List.of("broken-dest"), null);
        // three records, then the message breaks off inside a fourth, with bytes that are not UTF-8
        String head =
                "{\"type\":\"tenant.data\",\"schemaVersion\":1,\"id\":\"b1\",\"payload\":{\"tenant\":\"t-broken\","
                        + "\"kind\":\"alerts\",\"subtype\":\"malware\",\"records\":["
                        + mapper.writeValueAsString(alert("ok1", "high", "a@example.com")) + ","
                        + mapper.writeValueAsString(alert("ok2", "high", "b@example.com")) + ","
                        + mapper.writeValueAsString(alert("ok3", "high", "c@example.com")) + ",{\"_id\":\"bad";
        byte[] body = new java.io.ByteArrayOutputStream() {
            {
                writeBytes(head.getBytes(StandardCharsets.UTF_8));
                writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 'x'});
            }
        }.toByteArray();
        publishRaw("tenant.t-broken.alerts.malware", body, Map.of("records", 5));

        await().atMost(Duration.ofSeconds(15)).until(() -> parked("broken-dest").getLong("total") == 2);
        JsonPath page = parked("broken-dest");
        String readableId = page.getString("items.find { it.records == 3 }.id");
        String rawId = page.getString("items.find { it.reason.startsWith('unreadable') }.id");
        assertThat(page.getInt("items.find { it.reason.startsWith('unreadable') }.records"))
                .as("the two records the message said it holds beyond the readable three")
                .isEqualTo(2);
        JsonPath raw = given().auth()
                .oauth2(admin())
                .get("/api/cls/parked/" + rawId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(raw.getString("records.text"))
                .endsWith("{\"_id\":\"bad\\xFF\\xFEx")
                .doesNotContain("\uFFFD");
        assertThat(java.util.Base64.getDecoder().decode(raw.getString("records.base64")))
                .isEqualTo(body);

        Receiver.Inbox inbox = RECEIVER.inbox("broken");
        given().auth()
                .oauth2(admin())
                .post("/api/cls/parked/" + readableId + "/replay")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> inbox.lines.size() >= 3);
        assertThat(inbox.ids()).containsExactlyInAnyOrder("ok1", "ok2", "ok3");
    }

    @Test
    void shouldDeliverAHistoricalPullThroughTheMappingsRoutesAndFollowItsProgress() throws Exception {
        destination("hist-dest", "hist");
        mapping(
                "hist",
                "t-hist",
                List.of("malware"),
                List.of(),
                Map.of("severity", "high"),
                List.of("hist-dest"),
                null);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("core-stand-in");
                var channel = connection.createChannel()) {
            // stands in for core-service: receives the request
            String requests = channel.queueDeclare().getQueue();
            channel.queueBind(requests, prefix + "ce.events", "ingest.history.requested");

            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("from", "2026-11-27T10:00:00Z", "to", "2026-11-27T09:00:00Z"))
                    .post("/api/cls/siem-mappings/hist/historical-pull")
                    .then()
                    .statusCode(400)
                    .body("errors.field", org.hamcrest.Matchers.hasItem("to"));
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "from", Instant.now().minus(Duration.ofDays(200)).toString(), "to", "x"))
                    .post("/api/cls/siem-mappings/hist/historical-pull")
                    .then()
                    .statusCode(400)
                    .body("errors.field", org.hamcrest.Matchers.hasItems("from", "to"));
            given().auth()
                    .oauth2(TestJwt.role("read-only").sign())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "from",
                            Instant.now().minus(Duration.ofHours(2)).toString(),
                            "to",
                            Instant.now().toString()))
                    .post("/api/cls/siem-mappings/hist/historical-pull")
                    .then()
                    .statusCode(403);

            Instant from = Instant.now().minus(Duration.ofHours(2));
            Instant to = Instant.now().minus(Duration.ofHours(1));
            String job = given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("from", from.toString(), "to", to.toString()))
                    .post("/api/cls/siem-mappings/hist/historical-pull")
                    .then()
                    .statusCode(202)
                    .body("status", org.hamcrest.Matchers.equalTo("requested"))
                    .extract()
                    .path("id");
            com.rabbitmq.client.GetResponse request = null;
            for (int i = 0; i < 50 && request == null; i++) {
                request = channel.basicGet(requests, true);
                Thread.sleep(100);
            }
            assertThat(request).as("the pull is requested from core-service").isNotNull();
            var payload = mapper.readTree(request.getBody()).path("payload");
            assertThat(payload.path("job").asText()).isEqualTo(job);
            assertThat(payload.path("tenant").asText()).isEqualTo("t-hist");
            assertThat(payload.path("from").asLong()).isEqualTo(from.getEpochSecond());
            assertThat(payload.path("routingPrefix").asText()).isEqualTo("history." + job);

            // core-service's answer: the records under the job's prefix, then the progress
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                records.add(alert("h" + i, i % 2 == 0 ? "high" : "low", "u"));
            }
            publishTo("history." + job + ".alerts.malware", "t-hist", "alerts", "malware", records);
            publishTo("tenant.t-other.alerts.malware", "t-other", "alerts", "malware", records);
            Receiver.Inbox inbox = RECEIVER.inbox("hist");
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox.lines.size() >= 250);
            publishEvent(
                    "ingest.history.progress",
                    Map.of("job", job, "kind", "alerts", "subtype", "malware", "records", 500, "done", true));
            publishEvent("ingest.history.progress", Map.of("job", job, "records", 0, "done", true, "status", "done"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "done"
                    .equals(given().auth()
                            .oauth2(TestJwt.role("read-only").sign())
                            .get("/api/cls/siem-mappings/hist/historical-pulls")
                            .then()
                            .extract()
                            .path("[0].status")));
            JsonPath jobs = given().auth()
                    .oauth2(TestJwt.role("read-only").sign())
                    .get("/api/cls/siem-mappings/hist/historical-pulls")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(jobs.getLong("[0].records")).isEqualTo(500);
            assertThat(jobs.getBoolean("[0].streams[0].done")).isTrue();
            Thread.sleep(500);
            assertThat(inbox.lines)
                    .as("the rule applies to history too; nothing of another tenant")
                    .hasSize(250);
        }
    }

    @Inject
    DeliveryPipeline pipeline;

    @Inject
    org.opence.common.store.Store store;

    @Test
    void shouldPageThroughParkedBatchesParkedInTheSameMillisecondWithoutSkippingAny() {
        var collection = store.collection("cls_dead_letters");
        java.util.Date same = new java.util.Date();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "same-ms-" + i;
            ids.add(id);
            collection.insertOne(new org.bson.Document("_id", id)
                    .append("mapping", "same-ms")
                    .append("destination", "same-ms-dest")
                    .append("count", 1)
                    .append("reason", "test")
                    .append("attempts", 1)
                    .append("records", "[]")
                    .append("parkedAt", same));
        }
        List<String> seen = new java.util.ArrayList<>();
        String before = null;
        do {
            var request = given().auth()
                    .oauth2(TestJwt.role("read-only").sign())
                    .queryParam("destination", "same-ms-dest")
                    .queryParam("limit", 3);
            if (before != null) {
                request.queryParam("before", before);
            }
            io.restassured.path.json.JsonPath page = request.get("/api/cls/parked")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(page.getLong("total")).isEqualTo(7);
            seen.addAll(page.getList("items.id", String.class));
            before = page.getString("nextBefore");
        } while (before != null);
        java.util.Collections.reverse(ids);
        assertThat(seen).as("every batch once, newest first").containsExactlyElementsOf(ids);
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .queryParam("before", "yesterday")
                .get("/api/cls/parked")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("before"));
    }

    @Test
    void shouldDeleteParkedBatchesOlderThanTheRetentionOfTheSettings() {
        var collection = store.collection("cls_dead_letters");
        for (int age : List.of(400, 10)) {
            collection.insertOne(new org.bson.Document("_id", "aged-" + age)
                    .append("mapping", "aged")
                    .append("destination", "aged-dest")
                    .append("count", 1)
                    .append("reason", "test")
                    .append("attempts", 1)
                    .append("records", "[]")
                    .append("parkedAt", java.util.Date.from(Instant.now().minus(Duration.ofDays(age)))));
        }
        // the default retention of parked messages is 14 days
        pipeline.expireParked();
        assertThat(parked("aged-dest").getList("items.id", String.class)).containsExactly("aged-10");
    }

    @Test
    void shouldNotSendWhatAMuteRuleMatchesUntilTheMuteEnds() throws Exception {
        destination("mute-dest", "mute");
        Instant until = Instant.now().plusSeconds(4);
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "mute",
                        "source", Map.of("tenant", "t-mute", "alerts", List.of("malware"), "events", List.of()),
                        "mappingFile", "default-cef",
                        "destinations", List.of("mute-dest"),
                        "mute", Map.of("until", until.toString(), "rule", Map.of("user", "noisy"), "reason", "storm")))
                .post("/api/cls/siem-mappings")
                .then()
                .statusCode(201)
                .body("mute.reason", org.hamcrest.Matchers.equalTo("storm"));
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "mute-bad",
                        "source", Map.of("tenant", "t-mute", "alerts", List.of("malware"), "events", List.of()),
                        "mappingFile", "default-cef",
                        "destinations", List.of("mute-dest"),
                        "mute", Map.of("rule", Map.of("user", Map.of("$nope", 1)))))
                .post("/api/cls/siem-mappings")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("mute.until"));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(alert("q" + i, "high", i % 2 == 0 ? "noisy" : "calm"));
        }
        publish("t-mute", "alerts", "malware", records);
        Receiver.Inbox inbox = RECEIVER.inbox("mute");
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox.lines.size() >= 100);
        Thread.sleep(300);
        assertThat(inbox.lines).hasSize(100).allMatch(l -> l.contains("suser=calm"));
        assertThat(statistics().getLong("destinations.find { it.destination == 'mute-dest' }.routes[0].muted"))
                .isEqualTo(100);

        while (Instant.now().isBefore(until.plusMillis(200))) {
            Thread.sleep(100);
        }
        List<Map<String, Object>> later = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            later.add(alert("r" + i, "high", i % 2 == 0 ? "noisy" : "calm"));
        }
        publish("t-mute", "alerts", "malware", later);
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox.lines.size() >= 300);
    }

    @Test
    void shouldParkWhatALimitedRetryStrategyGivesUpOn() throws Exception {
        Receiver.Inbox inbox = RECEIVER.inbox("gone");
        inbox.down = true;
        destination("gone-dest", "gone");
        mapping(
                "gone",
                "t-gone",
                List.of("malware"),
                List.of(),
                null,
                List.of("gone-dest"),
                Map.of("strategy", "limited", "maxAttempts", 2));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(alert("g" + i, "high", "u"));
        }
        publish("t-gone", "alerts", "malware", records);

        await().atMost(Duration.ofSeconds(30)).until(() -> parked("gone-dest").getLong("total") == 1);
        JsonPath page = parked("gone-dest");
        assertThat(page.getString("items[0].reason"))
                .startsWith("gave up after 2 failed deliveries")
                .contains("the receiver answered 500");
        assertThat(page.getInt("items[0].records")).isEqualTo(100);
        assertThat(inbox.lines).isEmpty();
        assertThat(inbox.refusedRequests.get()).isEqualTo(2);
    }

    @Test
    void shouldNotLetASlowDestinationHoldBackAFastOne() throws Exception {
        RECEIVER.inbox("slow").delayMillis = 1500;
        destination("slow-dest", "slow");
        destination("fast-dest", "fast");
        mapping("both", "t-both", List.of("malware"), List.of(), null, List.of("slow-dest", "fast-dest"), null);
        for (int b = 0; b < 10; b++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                records.add(alert("s" + b + "-" + i, "high", "u"));
            }
            publish("t-both", "alerts", "malware", records);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> RECEIVER.inbox("fast").lines.size() >= 5000);
        int slowSoFar = RECEIVER.inbox("slow").lines.size();
        assertThat(slowSoFar)
                .as("the slow destination is still working through its queue")
                .isLessThan(5000);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RECEIVER.inbox("slow").lines.size() >= 5000);
        assertThat(new HashSet<>(RECEIVER.inbox("slow").ids())).hasSize(5000);
    }

    @Test
    void shouldKeepDataWaitingWhileTheModuleIsOffAndDeliverItAllWhenItIsOn() throws Exception {
        destination("paused-dest", "paused");
        mapping("paused", "t-paused", List.of("malware"), List.of(), null, List.of("paused-dest"), null);
        publish("t-paused", "alerts", "malware", List.of(alert("before", "high", "u")));
        Receiver.Inbox inbox = RECEIVER.inbox("paused");
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox.lines.size() == 1);

        PlatformSettings d = PlatformSettings.defaults();
        publishSettings(new PlatformSettings(
                new PlatformSettings.Modules(true, true, true, false),
                d.proxy(),
                d.tls(),
                null,
                d.retention(),
                d.updateCheck(),
                Instant.now(),
                "admin"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                                .oauth2(TestJwt.role("read-only").sign())
                                .get("/api/cls/siem-mappings")
                                .statusCode()
                        == 409);
        for (int b = 0; b < 3; b++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                records.add(alert("w" + b + "-" + i, "high", "u"));
            }
            publish("t-paused", "alerts", "malware", records);
        }
        Thread.sleep(2000);
        assertThat(inbox.lines).hasSize(1);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("count");
                var channel = connection.createChannel()) {
            assertThat(channel.queueDeclarePassive(prefix + "cls-service.deliver.paused|paused-dest")
                            .getMessageCount())
                    .as("the batches wait in the route's queue")
                    .isEqualTo(3);
        }

        publishSettings(PlatformSettings.defaults());
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.lines.size() >= 3001);
        assertThat(new HashSet<>(inbox.ids())).hasSize(3001);
    }

    // helpers

    private static Map<String, Object> alert(String id, String severity, String user) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("_id", id);
        r.put("timestamp", Instant.now().getEpochSecond());
        r.put("alert_type", "Malware");
        r.put("alert_name", "Eicar found");
        r.put("severity", severity);
        r.put("user", user);
        r.put("srcip", "10.0.0.1");
        r.put("app", "Dropbox");
        return r;
    }

    private static String admin() {
        return TestJwt.role("admin").sign();
    }

    private static void destination(String name, String inbox) {
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", name, "pluginId", "test-sink", "configuration", Map.of("target", RECEIVER.url(inbox))))
                .post("/api/cls/configurations")
                .then()
                .statusCode(201);
    }

    private static void mapping(
            String name,
            String tenant,
            List<String> alerts,
            List<String> events,
            Object rule,
            List<String> destinations,
            Map<String, Object> retry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", Map.of("tenant", tenant, "alerts", alerts, "events", events));
        if (rule != null) {
            body.put("rule", rule);
        }
        body.put("mappingFile", "default-cef");
        body.put("destinations", destinations);
        if (retry != null) {
            body.put("retry", retry);
        }
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/cls/siem-mappings")
                .then()
                .statusCode(201);
    }

    private static JsonPath statistics() {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/cls/statistics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath parked(String destination) {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .queryParam("destination", destination)
                .get("/api/cls/parked")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void publish(String tenant, String kind, String subtype, List<Map<String, Object>> records)
            throws Exception {
        publishTo("tenant." + tenant + "." + kind + "." + subtype, tenant, kind, subtype, records);
    }

    private void publishEvent(String type, Map<String, Object> payload) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", type);
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", "core-service");
        envelope.put("payload", payload);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("event-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(prefix + "ce.events", type, null, mapper.writeValueAsBytes(envelope));
        }
    }

    private void publishTo(
            String routingKey, String tenant, String kind, String subtype, List<Map<String, Object>> records)
            throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "tenant.data");
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", "core-service");
        envelope.put("payload", Map.of("tenant", tenant, "kind", kind, "subtype", subtype, "records", records));
        publishRaw(routingKey, mapper.writeValueAsBytes(envelope));
    }

    /** The notification.raised and notification.resolved events of one key, as core-service gets them. */
    private static final class NotificationTap implements AutoCloseable {
        private final com.rabbitmq.client.Connection connection = RabbitBroker.connect("notification-tap");
        private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean resolved;

        NotificationTap(String key) throws Exception {
            String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
            var channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "notification.raised");
            channel.queueBind(queue, prefix + "ce.events", "notification.resolved");
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        var payload = new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(delivery.getBody())
                                .path("payload");
                        if (key.equals(payload.path("key").asText())) {
                            if (delivery.getEnvelope().getRoutingKey().equals("notification.resolved")) {
                                resolved = true;
                            } else {
                                resolved = false;
                                messages.add(payload.path("message").asText());
                            }
                        }
                    },
                    tag -> {});
        }

        List<String> messages() {
            return messages;
        }

        boolean resolved() {
            return resolved;
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static void publishRaw(String routingKey, byte[] body) throws Exception {
        publishRaw(routingKey, body, null);
    }

    private static void publishRaw(String routingKey, byte[] body, Map<String, Object> headers) throws Exception {
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("data-test");
                var channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(
                    prefix + "ce.data",
                    routingKey,
                    true,
                    new AMQP.BasicProperties.Builder()
                            .deliveryMode(2)
                            .headers(headers)
                            .build(),
                    body);
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private void publishSettings(PlatformSettings settings) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "settings.changed");
        envelope.put("schemaVersion", 1);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("time", Instant.now().toString());
        envelope.put("source", "core-service");
        envelope.put("payload", settings);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("settings-test");
                var channel = connection.createChannel()) {
            channel.basicPublish(prefix + "ce.events", "settings.changed", null, mapper.writeValueAsBytes(envelope));
        }
        Thread.sleep(300);
    }
}
