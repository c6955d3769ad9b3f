package org.opence.plugins.splunkhec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;
import org.opence.plugin.testkit.TestContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.splunkhec.Fixtures.EPOCH_SECONDS;
import static org.opence.plugins.splunkhec.Fixtures.config;
import static org.opence.plugins.splunkhec.Fixtures.deliver;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.ACK_TOKEN;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.TOKEN;

/** Records reach the simulated collector exactly once, with their metadata, in every transfer mode. */
class DeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SplunkHecSimulator hec = SplunkHecSimulator.shared();

    private final SplunkHecPlugin plugin = new SplunkHecPlugin();

    @BeforeEach
    void resetCollector() throws Exception {
        hec.reset();
    }

    @Test
    void shouldDeliverTenThousandCefRecordsExactlyOnceGzipped() throws Exception {
        // Given
        List<String> lines = Fixtures.cef(10_000, 0);
        Map<String, Object> config = config(hec, TOKEN);
        config.put("index", "netskope");
        config.put("source", "opence:{subType}");
        TestContext context = TestContext.with(config);

        // When
        PushResult result = deliver(plugin, context, lines, "cef", "alerts");

        // Then
        assertThat(result).isEqualTo(PushResult.allAccepted(10_000));
        List<JsonNode> events = hec.events();
        assertThat(events).extracting(e -> e.path("event").textValue()).containsExactlyElementsOf(lines);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("index").asText()).isEqualTo("netskope");
            assertThat(e.path("sourcetype").asText()).isEqualTo("netskope:alerts");
            assertThat(e.path("source").asText()).isEqualTo("opence:malware");
            assertThat(e.path("endpoint").asText()).isEqualTo("event");
        });
        assertThat(IntStream.of(0, 4_321, 9_999)
                        .mapToObj(i -> events.get(i).path("time").decimalValue()))
                .containsExactly(
                        BigDecimal.valueOf(EPOCH_SECONDS),
                        BigDecimal.valueOf(EPOCH_SECONDS + 4_321),
                        BigDecimal.valueOf(EPOCH_SECONDS + 9_999));
        JsonNode bytes = hec.stats().path("bytes");
        assertThat(bytes.path("decoded").asLong())
                .as("the bodies were larger than 1 MB in all, so several requests were needed")
                .isGreaterThan(SplunkHecSimulator.MAX_CONTENT_LENGTH);
        assertThat(hec.eventRequests("success")).isGreaterThan(1);
        assertThat(bytes.path("received").asLong())
                .as("gzip on the wire")
                .isLessThan(bytes.path("decoded").asLong() / 4);
        assertThat(context.errors()).isEmpty();
    }

    @Test
    void shouldDeliverTwoThousandJsonRecordsAsObjectsExactlyOnce() throws Exception {
        // Given
        List<String> records = Fixtures.json(2_000, 0);
        Map<String, Object> config = config(hec, TOKEN);
        config.put("gzip", false);
        TestContext context = TestContext.with(config);

        // When
        PushResult result = deliver(plugin, context, records, "json", "events");

        // Then
        assertThat(result).isEqualTo(PushResult.allAccepted(2_000));
        List<JsonNode> events = hec.events();
        assertThat(events).hasSize(2_000);
        for (int i = 0; i < records.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.path("event").isObject())
                    .as("event %d is an object", i)
                    .isTrue();
            assertThat(event.path("event")).isEqualTo(JSON.readTree(records.get(i)));
            assertThat(event.path("time").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(EPOCH_SECONDS + i));
            assertThat(event.path("sourcetype").asText()).isEqualTo("netskope:events");
            assertThat(event.path("index").asText())
                    .as("the token's default index")
                    .isEqualTo("main");
        }
        assertThat(events.get(7).path("event").path("id64").textValue()).isEqualTo("9007199254740993");
        JsonNode bytes = hec.stats().path("bytes");
        assertThat(bytes.path("received").asLong())
                .isEqualTo(bytes.path("decoded").asLong());
    }

    @Test
    void shouldCountRecordsAsDeliveredOnlyOnceTheIndexersAcknowledgeThem() throws Exception {
        // Given
        List<String> lines = Fixtures.cef(3_000, 0);
        Map<String, Object> config = config(hec, ACK_TOKEN);
        config.put("useAck", true);
        config.put("batchBytes", 100_000);
        TestContext context = TestContext.with(config);

        // When
        long start = System.nanoTime();
        PushResult result = deliver(plugin, context, lines, "cef", "alerts");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Then
        assertThat(result).isEqualTo(PushResult.allAccepted(3_000));
        assertThat(took).as("waited for the acknowledgement").isGreaterThanOrEqualTo(SplunkHecSimulator.ACK_DELAY);
        String channel = context.stored().get(SplunkHecPlugin.CHANNEL_KEY);
        assertThat(UUID.fromString(channel).toString()).isEqualTo(channel);
        List<JsonNode> events = hec.events();
        assertThat(events).extracting(e -> e.path("event").textValue()).containsExactlyElementsOf(lines);
        assertThat(events)
                .allSatisfy(e -> assertThat(e.path("channel").asText()).isEqualTo(channel));
        long requests = hec.eventRequests("success");
        assertThat(requests).isGreaterThan(5);
        JsonNode acks = hec.stats().path("channels").path(channel);
        assertThat(acks.path("nextAckId").asLong()).isEqualTo(requests);
        assertThat(acks.path("pending").asLong())
                .as("every ackId was asked for until true")
                .isZero();

        // When the next push of the configuration runs
        deliver(plugin, context, Fixtures.cef(10, 3_000), "cef", "alerts");

        // Then it uses the same channel
        assertThat(hec.stats().path("channels").size()).isEqualTo(1);
        assertThat(hec.stats().path("channels").path(channel).path("nextAckId").asLong())
                .isEqualTo(requests + 1);
    }

    @Test
    void shouldSendAgainWhatTheIndexersNeverAcknowledged() throws Exception {
        // Given the first request's events get lost after the collector accepted them
        List<String> lines = Fixtures.cef(1_000, 0);
        Map<String, Object> config = config(hec, ACK_TOKEN);
        config.put("useAck", true);
        config.put("ackTimeout", 2);
        config.put("batchBytes", 50_000);
        TestContext context = TestContext.with(config);
        hec.fault(Map.of("kind", "lose-acks", "count", 1));

        // When
        PushResult result = deliver(plugin, context, lines, "cef", "alerts");

        // Then the others are accepted, and the lost ones are to be sent again
        assertThat(result.retryable()).isTrue();
        List<Integer> lost = result.failed().stream().map(FailedItem::index).toList();
        assertThat(lost)
                .isNotEmpty()
                .isEqualTo(IntStream.range(0, lost.size()).boxed().toList());
        assertThat(result.accepted()).isEqualTo(1_000 - lost.size());
        assertThat(result.failed())
                .allSatisfy(f -> assertThat(f.reason()).contains("no indexer acknowledgement within 2 s"));
        assertThat(hec.events()).hasSize(1_000 - lost.size());
        assertThat(context.errors()).extracting(TestContext.LogLine::errorCode).containsExactly(Stop.ACK);

        // When the platform sends those again
        PushResult again = deliver(plugin, context, new ArrayList<>(lines.subList(0, lost.size())), "cef", "alerts");

        // Then every record is indexed exactly once
        assertThat(again).isEqualTo(PushResult.allAccepted(lost.size()));
        assertThat(hec.events())
                .extracting(e -> e.path("event").textValue())
                .containsExactlyInAnyOrderElementsOf(lines);
    }

    @Test
    void shouldSplitRequestsTheCollectorFindsTooLargeAndRefuseAnEventThatNeverFits() throws Exception {
        // Given requests of up to 4 MB for a collector that takes 1 MB, and one event of 1.2 MB
        List<String> lines = new ArrayList<>(Fixtures.cef(10_000, 0));
        String huge = "CEF:0|Netskope|Netskope|1.0|dlp|Huge|5|rt=" + EPOCH_SECONDS + " msg=" + "x".repeat(1_200_000);
        lines.add(5_000, huge);
        Map<String, Object> config = config(hec, TOKEN);
        config.put("gzip", false);
        config.put("batchBytes", 4_000_000);
        TestContext context = TestContext.with(config);

        // When
        PushResult result = deliver(plugin, context, lines, "cef", "alerts");

        // Then
        assertThat(result.retryable()).isFalse();
        assertThat(result.accepted()).isEqualTo(10_000);
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(5_000);
            assertThat(f.reason())
                    .contains("more than the collector takes in one request")
                    .contains("413")
                    .contains("max_content_length");
        });
        List<String> expected = new ArrayList<>(lines);
        expected.remove(5_000);
        assertThat(hec.events()).extracting(e -> e.path("event").textValue()).containsExactlyElementsOf(expected);
        assertThat(hec.eventRequests("too-large")).isGreaterThan(1);
        assertThat(context.log()).anySatisfy(l -> assertThat(l.message()).contains("(413) and were split"));
    }
}
