package org.opence.plugins.splunkhec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;
import org.opence.plugin.testkit.TestContext;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.splunkhec.Fixtures.config;
import static org.opence.plugins.splunkhec.Fixtures.deliver;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.ACK_TOKEN;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.DISABLED_TOKEN;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.NARROW_TOKEN;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.TOKEN;

/** What a push reports for each of the collector's refusals and failures, and that nothing is lost. */
class FailureTest {

    private static final SplunkHecSimulator hec = SplunkHecSimulator.shared();

    private final SplunkHecPlugin plugin = new SplunkHecPlugin();

    @BeforeEach
    void resetCollector() throws Exception {
        hec.reset();
    }

    @Test
    void shouldRetryLaterNamingTheTokenWhenSplunkDoesNotKnowIt() throws Exception {
        // Given
        TestContext context = TestContext.with(config(hec, "no-such-token"));

        // When
        PushResult result = deliver(plugin, context, Fixtures.cef(100, 0), "cef", "alerts");

        // Then
        assertRetryLater(result, "the HEC token is not valid", "403 \"Invalid token\" (code 4)");
        assertThat(hec.events()).isEmpty();
        assertThat(context.errors()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo(Stop.TOKEN);
            assertThat(e.resolution()).contains("enter a valid token").contains("sent again later");
        });
    }

    @Test
    void shouldRetryLaterWhenTheTokenIsDisabled() throws Exception {
        TestContext context = TestContext.with(config(hec, DISABLED_TOKEN));

        PushResult result = deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts");

        assertRetryLater(result, "the HEC token is disabled in Splunk", "403 \"Token disabled\" (code 1)");
        assertThat(hec.events()).isEmpty();
    }

    @Test
    void shouldAcceptTheEventsBeforeARefusedOneAndDeliverTheRest() throws Exception {
        // Given two records HEC refuses (blank events) among 100
        List<String> records = new ArrayList<>(Fixtures.json(100, 0));
        records.set(40, "{}");
        records.set(70, "[]");
        TestContext context = TestContext.with(config(hec, TOKEN));

        // When
        PushResult result = deliver(plugin, context, records, "json", "alerts");

        // Then
        assertThat(result.retryable()).isFalse();
        assertThat(result.accepted()).isEqualTo(98);
        assertThat(result.failed()).extracting(FailedItem::index).containsExactly(40, 70);
        assertThat(result.failed().get(0).reason())
                .contains("400 \"Event field cannot be blank\" (code 13)")
                .contains("invalid-event-number 40");
        assertThat(result.failed().get(1).reason()).contains("invalid-event-number 29");
        List<String> ids = hec.events().stream()
                .map(e -> e.path("event").path("_id").asText())
                .toList();
        assertThat(ids)
                .containsExactlyElementsOf(IntStream.range(0, 100)
                        .filter(i -> i != 40 && i != 70)
                        .mapToObj(Integer::toString)
                        .toList());
        assertThat(hec.eventRequests("event-field-blank")).isEqualTo(2);
        assertThat(context.log()).anySatisfy(l -> assertThat(l.message()).contains("2 record(s) were refused"));
    }

    @Test
    void shouldRetryLaterWhenTheCollectorIsBusyAndDeliverOnceItRecovered() throws Exception {
        // Given a collector busy for longer than the HTTP client's own three retries
        hec.fault(Map.of("kind", "busy", "count", 4));
        TestContext context = TestContext.with(config(hec, TOKEN));

        // When
        PushResult result = deliver(plugin, context, Fixtures.cef(50, 0), "cef", "alerts");

        // Then
        assertRetryLater(result, "the collector is busy", "503 \"Server is busy\" (code 9)");
        assertThat(hec.events()).isEmpty();
        assertThat(hec.eventRequests("fault-busy")).isEqualTo(4);
        assertThat(context.errors()).extracting(TestContext.LogLine::errorCode).containsExactly(Stop.BUSY);

        // When the platform sends the chunk again
        PushResult again = deliver(plugin, context, Fixtures.cef(50, 0), "cef", "alerts");

        // Then
        assertThat(again).isEqualTo(PushResult.allAccepted(50));
        assertThat(hec.events()).hasSize(50);
    }

    @Test
    void shouldRetryLaterOnAServerError() throws Exception {
        hec.fault(Map.of("kind", "error", "count", 1, "status", 500));
        TestContext context = TestContext.with(config(hec, TOKEN));

        PushResult result = deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts");

        assertRetryLater(result, "the collector failed", "500 \"Internal server error\" (code 8)");
        assertThat(context.errors()).extracting(TestContext.LogLine::errorCode).containsExactly(Stop.SERVER);
    }

    @Test
    void shouldRetryLaterWhenTheConnectionIsClosedWithoutAnAnswer() throws Exception {
        hec.fault(Map.of("kind", "drop", "count", 1));
        TestContext context = TestContext.with(config(hec, TOKEN));

        PushResult result = deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts");

        assertRetryLater(result, "127.0.0.1:" + hec.url().substring(hec.url().lastIndexOf(':') + 1));
        assertThat(context.errors()).extracting(TestContext.LogLine::errorCode).containsExactly(Stop.CONNECT);
        assertThat(deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts"))
                .isEqualTo(PushResult.allAccepted(10));
    }

    @Test
    void shouldRetryLaterWhenNothingListens() throws Exception {
        Map<String, Object> config = config(hec, TOKEN);
        config.put("url", "http://127.0.0.1:" + SplunkHecSimulator.freePort());
        TestContext context = TestContext.with(config);

        PushResult result = deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts");

        assertRetryLater(result, "connection refused");
        assertThat(context.errors()).extracting(TestContext.LogLine::errorCode).containsExactly(Stop.CONNECT);
    }

    @Test
    void shouldRetryLaterNamingTheIndexTheTokenMayNotWriteTo() throws Exception {
        Map<String, Object> config = config(hec, NARROW_TOKEN);
        config.put("index", "netskope");
        TestContext context = TestContext.with(config);

        PushResult result = deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts");

        assertRetryLater(result, "may not write to the index 'netskope'", "\"Incorrect index\" (code 7)");
        assertThat(context.errors()).extracting(TestContext.LogLine::errorCode).containsExactly(Stop.CONFIG);
        assertThat(hec.events()).isEmpty();
    }

    @Test
    void shouldRetryLaterWhenTheTokenRequiresAcknowledgementThatIsOff() throws Exception {
        TestContext context = TestContext.with(config(hec, ACK_TOKEN));

        PushResult result = deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts");

        assertRetryLater(result, "requires indexer acknowledgement", "(code 10)");
        assertThat(context.errors()).singleElement().satisfies(e -> assertThat(e.resolution())
                .contains("Use indexer acknowledgement"));
    }

    @Test
    void shouldDeliverOnTheCollectorsWordWhenTheTokenHasNoAcknowledgement() throws Exception {
        Map<String, Object> config = config(hec, TOKEN);
        config.put("useAck", true);
        TestContext context = TestContext.with(config);

        PushResult result = deliver(plugin, context, Fixtures.cef(10, 0), "cef", "alerts");

        assertThat(result).isEqualTo(PushResult.allAccepted(10));
        assertThat(hec.events()).hasSize(10);
        assertThat(context.log()).anySatisfy(l -> assertThat(l.message()).contains("gave no ackId"));
    }

    @Test
    void shouldRefuseItemsThatDidNotComeFromTransform() throws Exception {
        TestContext context = TestContext.with(config(hec, TOKEN));
        List<Object> events = plugin.transform(context, Fixtures.cef(3, 0), "cef", "alerts", "malware");
        List<Object> mixed = new ArrayList<>(events);
        mixed.add(1, Map.of("not", "an event"));

        PushResult result = plugin.push(context, mixed, "alerts", "malware");

        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.retryable()).isFalse();
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.reason()).contains("not a HEC event");
        });
        List<JsonNode> indexed = hec.events();
        assertThat(indexed).hasSize(3);
    }

    private static void assertRetryLater(PushResult result, String... reasonParts) {
        assertThat(result.retryable()).isTrue();
        assertThat(result.accepted()).isZero();
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.index()).as("the whole push").isEqualTo(-1);
            assertThat(f.reason()).contains(reasonParts);
        });
    }
}
