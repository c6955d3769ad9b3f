package org.opence.core.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opence.common.secret.Secrets;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.NetskopeSimulator;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest against the Netskope simulator running as its own process, through the real broker:
 * everything the tenant holds arrives on {@code ce.data} exactly once when nothing fails, at least
 * once (duplicates only from resent pages, and counted) when the tenant throttles, fails, drops
 * connections or the broker restarts; v1-only tenants pull through time windows; a missing scope stops
 * that stream with a notification; a low disk pauses pulling.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class IngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static NetskopeSimulator sim;

    @Inject
    Secrets secrets;

    @Inject
    org.opence.common.store.Store store;

    @Inject
    IngestSupervisor ingest;

    @BeforeAll
    static void startTenant() throws Exception {
        // one hour of history, nothing new afterwards: the tenant holds a fixed, known set of records
        sim = NetskopeSimulator.start(Map.of(
                "netskope-sim.seed", "11",
                "netskope-sim.history-hours", "1",
                "netskope-sim.history-rates",
                        "events.page=6,events.application=2,alerts.malware=0.5,alerts.malsite=0.5,*=0",
                "netskope-sim.rates", "*=0",
                "netskope-sim.wait-time", "1",
                "netskope-sim.tokens", "unused=*",
                "netskope-sim.v1-tokens", "v1-legacy"));
    }

    @AfterAll
    static void stopTenant() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldDeliverEveryRecordExactlyOnceWhenNothingFails() throws Exception {
        sim.addToken("tok-clean", "read:/api/v2/events/dataexport/*");
        try (DataTap tap = new DataTap("clean")) {
            tenant("clean", "tok-clean", null);
            need("test-clean", "clean", "events.page", "events.application", "alerts.malware", "alerts.malsite");

            awaitAll(
                    tap,
                    Duration.ofSeconds(90),
                    "events.page",
                    "events.application",
                    "alerts.malware",
                    "alerts.malsite");

            for (String stream : List.of("events.page", "events.application", "alerts.malware", "alerts.malsite")) {
                assertThat(tap.total(stream))
                        .as("records of %s on the bus", stream)
                        .isEqualTo(sim.available(stream));
            }
            assertThat(tap.problems).isEmpty();
            JsonPath status = status("clean");
            assertThat(status.getString("api")).isEqualTo("v2");
            assertThat(status.getLong("streams.find { it.subtype == 'page' }.recordsPulled"))
                    .isEqualTo(sim.available("events.page"));
            assertThat(status.getLong("streams.find { it.subtype == 'page' }.batchesPublished"))
                    .isGreaterThanOrEqualTo(sim.available("events.page") / 2000);
            assertThat(status.getList("streams.find { it.subtype == 'page' }.neededBy"))
                    .containsExactly("test-clean");
            await().atMost(Duration.ofSeconds(10)).until(() -> "caught up"
                    .equals(status("clean").getString("streams.find { it.subtype == 'malware' }.state")));
            String metrics = given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(metrics)
                    .contains("ce_ingest_records_total{kind=\"events\",subtype=\"page\",tenant=\"clean\"} "
                            + sim.available("events.page") + ".0");
            // the lag of the last page with records counts until the next (empty) page sets it to 0
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given().when()
                            .get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .contains("ce_ingest_lag_seconds{kind=\"alerts\",subtype=\"malware\",tenant=\"clean\"} 0.0"));

            // a module no longer needs it: the stream stops and shows as idle
            need("test-clean", "clean");
            await().atMost(Duration.ofSeconds(10)).until(() -> "idle"
                    .equals(status("clean").getString("streams.find { it.subtype == 'page' }.state")));
        }
    }

    @Test
    void shouldLoseNothingThroughThrottlingErrorsDroppedConnectionsAndABrokerRestart() throws Exception {
        sim.addToken("tok-faulty", "read:/api/v2/events/dataexport/*");
        try (DataTap tap = new DataTap("faulty")) {
            tenant("faulty", "tok-faulty", null);
            sim.fault(Map.of("kind", "error", "status", 429, "count", 6, "pathPrefix", "/api/v2/"));
            sim.fault(Map.of("kind", "error", "status", 503, "count", 3, "pathPrefix", "/api/v2/"));
            sim.fault(Map.of("kind", "drop", "count", 2, "pathPrefix", "/api/v2/"));
            // slow answers spread the pages out, so the broker restart below lands mid-stream
            sim.fault(Map.of("kind", "delay", "count", 6, "delayMillis", 1500, "pathPrefix", "/api/v2/"));
            need("test-faulty", "faulty", "events.page", "events.application", "alerts.malware");

            // restart the broker while pages are flowing
            await().atMost(Duration.ofSeconds(60)).until(() -> tap.totalAll() > 0);
            restartBroker();

            awaitAll(tap, Duration.ofSeconds(120), "events.page", "events.application", "alerts.malware");
            JsonPath status = status("faulty");
            long pulled = 0;
            long resent = 0;
            long unconfirmed = 0;
            for (String subtype : List.of("page", "application", "malware")) {
                pulled += status.getLong("streams.find { it.subtype == '" + subtype + "' }.recordsPulled");
                resent += status.getLong("streams.find { it.subtype == '" + subtype + "' }.resentRecords");
                unconfirmed += status.getLong("streams.find { it.subtype == '" + subtype + "' }.unconfirmedRecords");
            }
            long distinct =
                    tap.distinct("events.page") + tap.distinct("events.application") + tap.distinct("alerts.malware");
            long delivered = tap.totalAll();
            System.out.printf(
                    "ingest under faults: %d records delivered, %d distinct, %d from resent pages, %d reported"
                            + " pulled, %d in pages the broker did not confirm%n",
                    delivered, distinct, resent, pulled, unconfirmed);
            // every record at least once; any duplicate comes from a resent page, and is counted
            assertThat(distinct)
                    .isEqualTo(sim.available("events.page")
                            + sim.available("events.application")
                            + sim.available("alerts.malware"));
            assertThat(delivered - distinct).isLessThanOrEqualTo(resent + unconfirmed);
            // what the ingest reports reconciles with what arrived: every confirmed page arrived, and
            // what came on top is from pages whose publish the broker did not confirm
            assertThat(delivered).isBetween(pulled, pulled + unconfirmed);
            assertThat(tap.problems).isEmpty();
            assertThat(sim.get("/sim/faults").path("faults").size())
                    .as("every injected fault was hit")
                    .isZero();
            need("test-faulty", "faulty");
        }
    }

    @Test
    void shouldCountARepeatedEpochStartAsResentAfterACrash() throws Exception {
        // what a process killed after publishing its first page, before the checkpoint, leaves: an
        // epoch start in flight. The same start is asked again; its records may come twice, and count
        sim.addToken("tok-crashed", "read:/api/v2/events/dataexport/*");
        String epoch = Long.toString(Instant.now().minus(Duration.ofDays(1)).getEpochSecond());
        store.collection(Checkpoints.COLLECTION)
                .insertOne(new org.bson.Document("_id", "crashed:alerts:malware")
                        .append("tenant", "crashed")
                        .append("dataType", "alerts")
                        .append("subType", "malware")
                        .append("inFlight", epoch)
                        .append("index", ingest.indexName("crashed")));
        try (DataTap tap = new DataTap("crashed")) {
            tenant("crashed", "tok-crashed", null);
            need("test-crashed", "crashed", "alerts.malware");
            awaitAll(tap, Duration.ofSeconds(60), "alerts.malware");
            JsonPath status = status("crashed");
            assertThat(status.getLong("streams.find { it.subtype == 'malware' }.resentRecords"))
                    .as("the first page, asked again")
                    .isEqualTo(sim.available("alerts.malware"));
            assertThat(status.getLong("streams.find { it.subtype == 'malware' }.resentPages"))
                    .isEqualTo(1);
            need("test-crashed", "crashed");
        }
    }

    @Test
    void shouldPullThroughTheV1EndpointsWhenTheTenantHasOnlyAV1Token() throws Exception {
        try (DataTap tap = new DataTap("legacy")) {
            tenant("legacy", null, "v1-legacy");
            need("test-legacy", "legacy", "events.application", "alerts.malsite");

            awaitAll(tap, Duration.ofSeconds(120), "events.application", "alerts.malsite");
            Thread.sleep(3000); // windows keep moving: nothing may come twice
            assertThat(tap.total("events.application")).isEqualTo(sim.available("events.application"));
            assertThat(tap.total("alerts.malsite")).isEqualTo(sim.available("alerts.malsite"));
            assertThat(status("legacy").getString("api")).isEqualTo("v1");
            assertThat(tap.problems).isEmpty();
            need("test-legacy", "legacy");
        }
    }

    @Test
    void shouldStopAStreamWhoseScopeIsMissingAndSayWhichScope() throws Exception {
        sim.addToken("tok-scoped", "read:/api/v2/events/dataexport/events/*");
        try (DataTap tap = new DataTap("scoped")) {
            tenant("scoped", "tok-scoped", null);
            need("test-scoped", "scoped", "events.application", "alerts.malware");

            await().atMost(Duration.ofSeconds(30)).until(() -> "stopped".equals(state("scoped", "malware")));
            String error = status("scoped").getString("streams.find { it.subtype == 'malware' }.lastError");
            assertThat(error)
                    .contains("read access to /api/v2/events/dataexport/alerts/malware")
                    .contains("403");
            awaitAll(tap, Duration.ofSeconds(60), "events.application");
            JsonPath notes = given().auth()
                    .oauth2(TestJwt.role("read-only").sign())
                    .get("/api/notifications")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(notes.getString("find { it.key == 'ingest.refused:scoped:alerts:malware' }.message"))
                    .contains("alerts/malware");
            assertThat(notes.getString("find { it.key == 'ingest.refused:scoped:alerts:malware' }.severity"))
                    .isEqualTo("error");

            // the token gets the scope and the tenant is saved again: the stream resumes by itself
            sim.addToken("tok-scoped", "read:/api/v2/events/dataexport/*");
            tenant("scoped", "tok-scoped", null);
            awaitAll(tap, Duration.ofSeconds(60), "alerts.malware");
            assertThat(given().auth()
                            .oauth2(TestJwt.role("read-only").sign())
                            .get("/api/notifications")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("key"))
                    .doesNotContain("ingest.refused:scoped:alerts:malware");
            need("test-scoped", "scoped");
        }
    }

    @Test
    void shouldPauseWhileTheDiskIsLowAndResumeByItself() throws Exception {
        AtomicLong free = new AtomicLong(10L * 1024 * 1024); // 10 MiB: below the minimum
        QuarkusMock.installMockForType(
                new DiskSpace() {
                    @Override
                    public long usableBytes(java.nio.file.Path directory) {
                        return free.get();
                    }
                },
                DiskSpace.class);
        sim.addToken("tok-disk", "read:/api/v2/events/dataexport/*");
        try (DataTap tap = new DataTap("disk")) {
            tenant("disk", "tok-disk", null);
            need("test-disk", "disk", "alerts.malsite");
            await().atMost(Duration.ofSeconds(15)).until(() -> status("disk").getBoolean("paused"));
            assertThat(status("disk").getString("pauseReason"))
                    .contains("10 MiB")
                    .contains("min-free-disk-mb");
            JsonPath notes = given().auth()
                    .oauth2(TestJwt.role("read-only").sign())
                    .get("/api/notifications")
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(notes.getBoolean("find { it.key == 'ingest.disk-low' }.banner"))
                    .isTrue();
            Thread.sleep(3000);
            assertThat(tap.totalAll()).as("nothing pulled while paused").isZero();

            free.set(Long.MAX_VALUE);
            awaitAll(tap, Duration.ofSeconds(60), "alerts.malsite");
            assertThat(status("disk").getBoolean("paused")).isFalse();
            need("test-disk", "disk");
        }
    }

    @Test
    void shouldAnswerNotFoundForATenantItKnowsNothingAbout() {
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/tenants/nobody/ingest")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/tenants/nobody/ingest").then().statusCode(401);
    }

    // ---- helpers ----

    private void awaitAll(DataTap tap, Duration within, String... streams) throws Exception {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String stream : streams) {
                    assertThat(tap.distinct(stream))
                            .as("distinct records of %s", stream)
                            .isEqualTo(sim.available(stream));
                }
            });
        } catch (AssertionError | RuntimeException e) {
            System.out.println("tap: " + tap.records + "\nsimulator: "
                    + sim.get("/sim/stats").toPrettyString());
            throw e;
        }
    }

    private static JsonPath status(String tenant) {
        return IngestEvents.status(tenant);
    }

    private void tenant(String name, String v2Token, String v1Token) throws Exception {
        IngestEvents.tenant(secrets, sim.url(), name, v2Token, v1Token);
    }

    private static void need(String module, String tenant, String... streams) throws Exception {
        IngestEvents.need(module, tenant, streams);
    }

    private static void publish(String type, Object payload) throws Exception {
        IngestEvents.publish(type, payload);
    }

    private static String state(String tenant, String subtype) {
        return status(tenant).getString("streams.find { it.subtype == '" + subtype + "' }.state");
    }

    /** What tenant-service announces when a tenant is saved: the record with its tokens encrypted. */
    @Test
    void shouldPullAHistoricalRangeUnderTheJobsRoutingPrefixAndReportProgress() throws Exception {
        sim.addToken("tok-hist", "read:/api/v2/events/dataexport/*");
        tenant("hist", "tok-hist", null);
        Thread.sleep(500);
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("history-test");
                var channel = connection.createChannel()) {
            Map<String, List<Long>> timestamps = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, java.util.Set<String>> ids = new java.util.concurrent.ConcurrentHashMap<>();
            List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            String data = channel.queueDeclare().getQueue();
            channel.queueBind(data, prefix + "ce.data", "history.#");
            channel.basicConsume(
                    data,
                    true,
                    (tag, delivery) -> {
                        String job = delivery.getEnvelope().getRoutingKey().split("\\.")[1];
                        for (JsonNode r : JSON.readTree(delivery.getBody())
                                .path("payload")
                                .path("records")) {
                            timestamps
                                    .computeIfAbsent(job, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(r.path("timestamp").asLong());
                            ids.computeIfAbsent(job, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                                    .add(r.path("_id").asText());
                        }
                    },
                    tag -> {});
            String events = channel.queueDeclare().getQueue();
            channel.queueBind(events, prefix + "ce.events", "ingest.history.progress");
            channel.basicConsume(
                    events, true, (tag, delivery) -> progress.add(new String(delivery.getBody())), tag -> {});

            long now = Instant.now().getEpochSecond();
            String whole = "whole-" + UUID.randomUUID();
            history(whole, "hist", now - 7200, now, "alerts.malware", "events.page");
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.stream()
                    .anyMatch(p -> p.contains(whole) && p.contains("\"status\":\"done\"")));
            Thread.sleep(500);
            long expected = sim.available("alerts.malware") + sim.available("events.page");
            assertThat(timestamps.get(whole))
                    .as("everything the tenant holds in the range")
                    .hasSize((int) expected);
            assertThat(ids.get(whole)).hasSize((int) expected);

            // a part of it: exactly the records of that part
            long from = now - 3000;
            long to = now - 1200;
            String part = "part-" + UUID.randomUUID();
            history(part, "hist", from, to, "alerts.malware", "events.page");
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.stream()
                    .anyMatch(p -> p.contains(part) && p.contains("\"status\":\"done\"")));
            Thread.sleep(500);
            long inRange = timestamps.get(whole).stream()
                    .filter(t -> t >= from && t <= to)
                    .count();
            assertThat(inRange).isPositive();
            assertThat(timestamps.get(part)).hasSize((int) inRange).allMatch(t -> t >= from && t <= to);
            assertThat(progress.stream().filter(p -> p.contains(part) && p.contains("\"subtype\":\"page\"")))
                    .isNotEmpty();
            // the live streams of the tenant were not touched
            assertThat(status("hist").getList("streams")).isEmpty();
        }
    }

    private static void history(String job, String tenant, long from, long to, String... streams) throws Exception {
        List<Map<String, String>> list = new ArrayList<>();
        for (String s : streams) {
            String[] parts = s.split("\\.");
            list.add(Map.of("kind", parts[0], "subtype", parts[1]));
        }
        publish(
                "ingest.history.requested",
                Map.of(
                        "job", job,
                        "tenant", tenant,
                        "from", from,
                        "to", to,
                        "routingPrefix", "history." + job,
                        "streams", list));
    }

    private static void restartBroker() throws Exception {
        run("rabbitmqctl", "stop_app");
        Thread.sleep(1500);
        run("rabbitmqctl", "start_app");
        run("rabbitmqctl", "await_startup");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
