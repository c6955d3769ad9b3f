package org.opence.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.NetskopeSimulator;
import org.opence.testsupport.RabbitBroker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * core-service killed with SIGKILL while it pulls a tenant, then brought back with scripts/start:
 * every record the tenant holds arrives on ce.data, and the duplicates are the records of a resent page,
 * counted by the ingest and shown at /api/tenants/{name}/ingest through the gateway.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class IngestCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "E2e!Crash-pass1";
    private static Suite suite;
    private static NetskopeSimulator sim;

    @BeforeAll
    static void startTenantAndSuite() throws Exception {
        sim = NetskopeSimulator.start(Map.of(
                "netskope-sim.seed", "5",
                "netskope-sim.history-hours", "1",
                "netskope-sim.history-rates", "events.page=25,alerts.malware=2,*=0",
                "netskope-sim.rates", "*=0",
                "netskope-sim.wait-time", "1",
                "netskope-sim.tokens", "crash-token=*"));
        suite = new Suite(Files.createTempDirectory("opence-e2e-ingest"));
        Files.writeString(
                suite.dataDir.resolve("seed.json"),
                "{\"tenants\": [{\"name\": \"acme\", \"tenantName\": \"" + sim.url()
                        + "\", \"v2Token\": \"crash-token\", \"initialRangeDays\": 1}]}");
        suite.env.put("TENANT_SEED_FILE", suite.dataDir.resolve("seed.json").toString());
        // the simulator in the test speaks plain http on 127.0.0.1
        suite.env.put("CE_DEV_ALLOW_HTTP_TENANT_ON_LOOPBACK", "true");
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (suite != null) {
            suite.script("stop");
            suite.deleteDataDirectory();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void shouldDeliverEverythingAfterCoreServiceIsKilledMidStream() throws Exception {
        Suite.Run start = suite.script("start");
        assertThat(start.exitCode()).as(start.output()).isZero();
        long expected = sim.available("events.page") + sim.available("alerts.malware");

        try (Tap tap = new Tap(suite.env.get("CE_BUS_PREFIX"), "acme")) {
            // slow answers, so the kill lands while pages are still coming
            sim.fault(Map.of("kind", "delay", "count", 10, "delayMillis", 2500, "pathPrefix", "/api/v2/"));
            tap.announceNeeds("e2e", "acme", List.of("events.page", "alerts.malware"));

            await(Duration.ofSeconds(90), () -> tap.delivered.get() > 0);
            assertThat(tap.delivered.get())
                    .as("killed before everything arrived")
                    .isLessThan(expected);
            long pid = Long.parseLong(Files.readString(suite.dataDir.resolve("run/core-service.pid"))
                    .trim());
            ProcessHandle core = ProcessHandle.of(pid).orElseThrow();
            assertThat(core.destroyForcibly()).as("SIGKILL sent").isTrue();
            core.onExit().get();
            long atKill = tap.delivered.get();

            Suite.Run restart = suite.script("start");
            assertThat(restart.exitCode()).as(restart.output()).isZero();
            assertThat(restart.output()).contains("Already running").contains("core-service");

            await(Duration.ofSeconds(120), () -> tap.distinct() == expected);
            Thread.sleep(2000); // anything still on its way
            long duplicates = tap.delivered.get() - tap.distinct();

            Browser browser = new Browser(suite);
            assertThat(browser.signInAsAdmin("admin").status()).isEqualTo(200);
            assertThat(browser.post(
                                    "/api/auth/first-login",
                                    "{\"acceptEula\":true,\"newPassword\":\"" + ADMIN_PASSWORD + "\"}")
                            .status())
                    .isEqualTo(200);
            Browser.Answer status = browser.get("/api/tenants/acme/ingest");
            assertThat(status.status()).as(String.valueOf(status.body())).isEqualTo(200);
            long resent = 0;
            long pulled = 0;
            for (JsonNode stream : status.body().path("streams")) {
                resent += stream.path("resentRecords").asLong()
                        + stream.path("unconfirmedRecords").asLong();
                pulled += stream.path("recordsPulled").asLong();
            }
            System.out.printf(
                    "FIGURES ingest crash: %d records expected, %d delivered before the kill, %d delivered in all,"
                            + " %d duplicates, %d records in resent or unconfirmed pages, %d counted as pulled%n",
                    expected, atKill, tap.delivered.get(), duplicates, resent, pulled);
            assertThat(tap.distinct()).isEqualTo(expected);
            assertThat(duplicates)
                    .as("duplicates come only from resent pages, and are counted")
                    .isLessThanOrEqualTo(resent);
            assertThat(duplicates)
                    .as("at most one page of each stream comes twice")
                    .isLessThanOrEqualTo(2 * 10_000);
            assertThat(tap.problems).isEmpty();
            tap.announceNeeds("e2e", "acme", List.of());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void shouldRunTheSimulatorAndADemoTenantWithDemo() throws Exception {
        assertThat(suite.script("stop").exitCode()).isZero();
        suite.env.remove("TENANT_SEED_FILE");
        Suite.Run demo = suite.script("start", "--demo");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        int simPort = 8091 + Suite.PORT_OFFSET;
        assertThat(demo.output()).contains("demo: Netskope tenant simulator at http://127.0.0.1:" + simPort);
        assertThat(suite.dataDir.resolve("demo/seed.json")).exists();

        Browser browser = new Browser(suite);
        assertThat(browser.signInAsAdmin(ADMIN_PASSWORD).status()).isEqualTo(200);
        Browser.Answer tenant = browser.get("/api/tenants/demo");
        assertThat(tenant.status()).as(String.valueOf(tenant.body())).isEqualTo(200);
        assertThat(tenant.body().path("baseUrl").asText()).isEqualTo("http://127.0.0.1:" + simPort);
        Browser.Answer test = browser.post("/api/tenants/demo/test", "{}");
        assertThat(test.body().path("ok").asBoolean())
                .as(String.valueOf(test.body()))
                .isTrue();

        Suite.Run status = suite.script("status");
        assertThat(status.output()).containsPattern("netskope-sim +up");
        // demo mode is remembered: a plain start runs the simulator again
        assertThat(suite.script("stop").output()).contains("stopped netskope-sim");
        Suite.Run again = suite.script("start");
        assertThat(again.output()).contains("demo: Netskope tenant simulator");
    }

    private static void await(Duration within, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within);
            }
            Thread.sleep(100);
        }
    }

    /** A consumer of ce.data for one tenant, like a module's; counts records and distinct ids. */
    private static final class Tap implements AutoCloseable {
        final AtomicLong delivered = new AtomicLong();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        final Set<String> messages = ConcurrentHashMap.newKeySet();
        final Set<String> problems = ConcurrentHashMap.newKeySet();
        private final Connection connection;
        private final Channel channel;
        private final String prefix;
        private final String queue;

        Tap(String prefix, String tenant) throws IOException {
            this.prefix = prefix;
            connection = RabbitBroker.connect("e2e-tap");
            channel = connection.createChannel();
            queue = prefix + "e2e.tap." + UUID.randomUUID().toString().substring(0, 6);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, prefix + "ce.data", "tenant." + tenant + ".#");
            channel.basicQos(20);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                        String tag, Envelope envelope, com.rabbitmq.client.AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    if (messages.add(props.getMessageId())) {
                        JsonNode payload = JSON.readTree(body).path("payload");
                        for (JsonNode record : payload.path("records")) {
                            ids.add(record.path("_id").asText());
                            delivered.incrementAndGet();
                        }
                        if (payload.path("count").asInt()
                                != payload.path("records").size()) {
                            problems.add("count mismatch in " + props.getMessageId());
                        }
                    }
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });
        }

        long distinct() {
            return ids.size();
        }

        void announceNeeds(String module, String tenant, List<String> streams) throws IOException {
            List<Map<String, String>> needs = streams.stream()
                    .map(s -> Map.of("tenant", tenant, "kind", s.split("\\.")[0], "subtype", s.split("\\.")[1]))
                    .toList();
            Map<String, Object> envelope = Map.of(
                    "type",
                    "ingest.needs.changed",
                    "schemaVersion",
                    1,
                    "id",
                    UUID.randomUUID().toString(),
                    "time",
                    Instant.now().toString(),
                    "source",
                    "e2e",
                    "payload",
                    Map.of("module", module, "needs", needs, "at", Instant.now().toString()));
            channel.basicPublish(
                    prefix + "ce.events",
                    "ingest.needs.changed",
                    null,
                    JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws Exception {
            try {
                channel.queueDelete(queue);
            } finally {
                connection.close();
            }
        }
    }
}
