package org.opence.plugins.webhook;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;
import org.opence.plugin.testkit.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.webhook.Fixtures.config;
import static org.opence.plugins.webhook.Fixtures.jsonRecords;
import static org.opence.plugins.webhook.Fixtures.ship;
import static org.opence.plugins.webhook.Receiver.Reply;

/** What push reports for each kind of answer, and what the receiver got. */
class WebhookStatusTest {

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.http();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldCountOnlyTheConfiguredSuccessCodesAsDelivered() throws Exception {
        // Given a receiver that answers 200 while only 202 and 204-206 mean success
        Map<String, Object> config = config(receiver.url());
        config.put("successCodes", "202, 204-206");
        receiver.answering(request -> Reply.of(200, "{\"queued\":false}"));

        // When
        PushResult refused = ship(TestContext.with(config), jsonRecords(3, 0), "json", "alerts", "malware");
        receiver.answering(205);
        PushResult accepted = ship(TestContext.with(config), jsonRecords(3, 0), "json", "alerts", "malware");

        // Then
        assertThat(refused.accepted()).isZero();
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.failed())
                .extracting(FailedItem::index, FailedItem::reason)
                .containsOnly(
                        org.assertj.core.groups.Tuple.tuple(0, reason200()),
                        org.assertj.core.groups.Tuple.tuple(1, reason200()),
                        org.assertj.core.groups.Tuple.tuple(2, reason200()));
        assertThat(accepted).isEqualTo(PushResult.allAccepted(3));
    }

    private String reason200() {
        return "HTTP 200 from " + receiver.url() + ", which is not among the success codes 202, 204-206:"
                + " {\"queued\":false}";
    }

    @Test
    void shouldSplitARequestRefusedAsTooLargeAndSendEachRecordOnce() throws Exception {
        // Given a receiver that refuses bodies over 20,000 bytes with 413
        receiver.answering(r -> r.body().length > 20_000 ? Reply.of(413, "entity too large") : Reply.of(200));
        List<String> records = jsonRecords(1_000, 0);
        TestContext context = TestContext.with(config(receiver.url()));

        // When
        PushResult result = ship(context, records, "json", "alerts", "malware");

        // Then
        assertThat(result).isEqualTo(PushResult.allAccepted(1_000));
        List<Receiver.Request> taken = receiver.requests().stream()
                .filter(r -> r.body().length <= 20_000)
                .toList();
        assertThat(taken.stream().flatMap(r -> Fixtures.records(r, "array").stream()))
                .containsExactlyElementsOf(records.stream().map(Fixtures::tree).toList());
        assertThat(receiver.requests().size() - taken.size())
                .as("refused requests: halving from 1,000 records until one fits, not each later one too")
                .isEqualTo(3);
        assertThat(context.log()).anySatisfy(line -> assertThat(line.message()).contains("as too large (HTTP 413)"));
    }

    @Test
    void shouldParkARecordRefusedAsTooLargeEvenAlone() throws Exception {
        receiver.answering(r -> r.text().contains("big") ? Reply.of(413) : Reply.of(200));

        PushResult result = ship(
                TestContext.with(config(receiver.url())),
                List.of("{\"id\":0}", "{\"big\":true}", "{\"id\":2}"),
                "json",
                "alerts",
                "malware");

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.retryable()).isFalse();
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.reason())
                    .isEqualTo("the receiver refused it as too large even alone in a request of 14 bytes (HTTP 413"
                            + " from " + receiver.url() + ")");
        });
    }

    @Test
    void shouldParkTheRecordsOfARefusedRequestWithTheStatusAndTheAnswer() throws Exception {
        // Given the second of three requests is refused with 400
        Map<String, Object> config = config(receiver.url());
        config.put("maxRecords", 10);
        receiver.then(Reply.of(200), Reply.of(400, "{\"error\": \"field 'user'\n is not allowed\"}"));
        TestContext context = TestContext.with(config);

        // When
        PushResult result = ship(context, jsonRecords(30, 0), "json", "alerts", "malware");

        // Then
        assertThat(result.accepted()).isEqualTo(20);
        assertThat(result.retryable()).isFalse();
        assertThat(result.failed()).extracting(FailedItem::index).containsExactlyElementsOf(range(10, 20));
        assertThat(result.failed())
                .extracting(FailedItem::reason)
                .containsOnly("HTTP 400 from " + receiver.url() + ": {\"error\": \"field 'user' is not allowed\"}");
        assertThat(receiver.requests()).hasSize(3);
        assertThat(context.errors()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo("WEBHOOK-REFUSED");
            assertThat(e.message()).isEqualTo("The webhook receiver refused 10 of 30 records.");
        });
    }

    @Test
    void shouldAskToRetryTheWholePushWhenTheReceiverIsUnavailable() throws Exception {
        // Given a receiver that answers 503 (the platform's client retries after Retry-After first)
        receiver.answering(r -> new Reply(503, "maintenance", Map.of("Retry-After", "0")));
        TestContext context = TestContext.with(config(receiver.url()));

        // When
        PushResult result = ship(context, jsonRecords(5, 0), "json", "alerts", "malware");

        // Then
        assertThat(result).isEqualTo(PushResult.retryLater("HTTP 503 from " + receiver.url() + ": maintenance"));
        assertThat(context.errors()).singleElement().satisfies(e -> assertThat(e.errorCode())
                .isEqualTo("WEBHOOK-UNAVAILABLE"));
    }

    @Test
    void shouldStopAtTheFirstUnavailableAnswerAndKeepWhatWasTaken() throws Exception {
        // Given a receiver that takes the first request, then answers 500, then would take everything
        Map<String, Object> config = config(receiver.url());
        config.put("maxRecords", 10);
        receiver.then(Reply.of(200), Reply.of(500, "oops"));

        // When
        PushResult result = ship(TestContext.with(config), jsonRecords(30, 0), "json", "alerts", "malware");

        // Then the second and third request's records are to be retried, and no third request was made
        assertThat(result.accepted()).isEqualTo(10);
        assertThat(result.retryable()).isTrue();
        assertThat(result.failed()).extracting(FailedItem::index).containsExactlyElementsOf(range(10, 30));
        assertThat(result.failed())
                .extracting(FailedItem::reason)
                .containsOnly("HTTP 500 from " + receiver.url() + ": oops");
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void shouldRetryRecordsRefusedEarlierInAPushThatStopped() throws Exception {
        Map<String, Object> config = config(receiver.url());
        config.put("maxRecords", 2);
        receiver.then(Reply.of(200), Reply.of(422, "bad"), Reply.of(429, "slow down"));
        receiver.answering(r -> new Reply(429, "slow down", Map.of("Retry-After", "0")));

        PushResult result = ship(TestContext.with(config), jsonRecords(6, 0), "json", "alerts", "malware");

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.retryable()).isTrue();
        assertThat(result.failed())
                .extracting(FailedItem::index, FailedItem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "HTTP 422 from " + receiver.url() + ": bad"),
                        org.assertj.core.groups.Tuple.tuple(3, "HTTP 422 from " + receiver.url() + ": bad"),
                        org.assertj.core.groups.Tuple.tuple(4, "HTTP 429 from " + receiver.url() + ": slow down"),
                        org.assertj.core.groups.Tuple.tuple(5, "HTTP 429 from " + receiver.url() + ": slow down"));
    }

    @Test
    void shouldKeepTheRecordsWhenTheCredentialsAreRefused() throws Exception {
        receiver.requiring("Authorization", "Bearer right");
        Map<String, Object> config = config(receiver.url());
        config.put("authType", "bearer");
        config.put("token", "wrong");
        TestContext context = TestContext.with(config);

        PushResult result = ship(context, jsonRecords(4, 0), "json", "alerts", "malware");

        assertThat(result)
                .isEqualTo(PushResult.retryLater("HTTP 401 from " + receiver.url()
                        + ": the receiver refused the bearer token: {\"error\":\"invalid credentials\"}"));
        assertThat(context.errors()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo("WEBHOOK-AUTH");
            assertThat(e.toString()).doesNotContain("wrong");
        });
    }

    @Test
    void shouldKeepTheRecordsWhenTheUrlRedirects() throws Exception {
        receiver.answering(r -> new Reply(302, "", Map.of("Location", "https://elsewhere.example/in")));

        PushResult result =
                ship(TestContext.with(config(receiver.url())), jsonRecords(1, 0), "json", "alerts", "malware");

        assertThat(result)
                .isEqualTo(PushResult.retryLater("HTTP 302 from " + receiver.url()
                        + ": the URL redirects to https://elsewhere.example/in; put the final URL into url"));
    }

    @Test
    void shouldNotMistakeARedirectThatDroppedTheBodyForADelivery() throws Exception {
        // Given the platform's client follows redirects, and 302 turns a POST into a GET
        receiver.answering(r ->
                r.path().equals("/ingest") ? new Reply(302, "", Map.of("Location", "/moved")) : Reply.of(200, "fine"));
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        PluginContext context = Fixtures.withClient(TestContext.with(config(receiver.url())), following);

        // When
        PushResult result = ship(context, jsonRecords(2, 0), "json", "alerts", "malware");

        // Then
        assertThat(result)
                .isEqualTo(PushResult.retryLater("the URL redirects (HTTP 302 to http://127.0.0.1:" + receiver.port()
                        + "/moved turned the POST into a GET), so the records were not delivered; put the final URL"
                        + " into url"));
        assertThat(receiver.requests()).extracting(Receiver.Request::method).containsExactly("POST", "GET");
    }

    @Test
    void shouldDeliverThroughARedirectThatKeepsTheMethod() throws Exception {
        receiver.answering(r ->
                r.path().equals("/ingest") ? new Reply(307, "", Map.of("Location", "/moved")) : Reply.of(200, "fine"));
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        PluginContext context = Fixtures.withClient(TestContext.with(config(receiver.url())), following);

        PushResult result = ship(context, jsonRecords(2, 0), "json", "alerts", "malware");

        assertThat(result).isEqualTo(PushResult.allAccepted(2));
        assertThat(receiver.requests().get(1).path()).isEqualTo("/moved");
        assertThat(Fixtures.records(receiver.requests().get(1), "array")).hasSize(2);
    }

    @Test
    void shouldAskToRetryWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestContext context = TestContext.with(config("http://127.0.0.1:" + port + "/ingest"));

        PushResult result = ship(context, jsonRecords(3, 0), "json", "alerts", "malware");

        assertThat(result)
                .isEqualTo(PushResult.retryLater(
                        "connection to 127.0.0.1:" + port + " refused: nothing accepts connections on that port"));
        assertThat(context.errors()).singleElement().satisfies(e -> assertThat(e.errorCode())
                .isEqualTo("WEBHOOK-CONNECT"));
    }

    @Test
    void shouldAskToRetryWhenTheAnswerTakesLongerThanTheTimeout() throws Exception {
        receiver.slow(Duration.ofSeconds(3));
        Map<String, Object> config = config(receiver.url());
        config.put("timeoutSeconds", 1);

        long started = System.nanoTime();
        PushResult result = ship(TestContext.with(config), jsonRecords(3, 0), "json", "alerts", "malware");

        assertThat(result)
                .isEqualTo(PushResult.retryLater("no answer from " + receiver.url()
                        + " within 1 s (timeout); it may still have taken the records"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
