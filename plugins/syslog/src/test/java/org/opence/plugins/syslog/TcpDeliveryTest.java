package org.opence.plugins.syslog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;
import org.opence.plugin.testkit.TestContext;
import org.opence.testsupport.syslog.TcpReceiver;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opence.plugins.syslog.Fixtures.cef;
import static org.opence.plugins.syslog.Fixtures.config;
import static org.opence.plugins.syslog.Fixtures.expected;
import static org.opence.plugins.syslog.Fixtures.rfc5424;

class TcpDeliveryTest {

    private final List<TcpReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() throws Exception {
        for (TcpReceiver receiver : receivers) {
            receiver.close();
        }
    }

    @Test
    void shouldDeliverEveryMessageExactlyWithOctetCountingOverOneConnection() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        SyslogPlugin plugin = Fixtures.plugin();
        TestContext context = TestContext.with(config("TCP", receiver.port()));
        List<Object> first = cef(1_000, 0);
        List<Object> second = new ArrayList<>(cef(999, 1_000));
        second.add("{\"line\":\"one\ntwo\"}\nraw line feed kept");

        PushResult one = plugin.push(context, first, "alerts", "malware");
        PushResult two = plugin.push(context, second, "alerts", "malware");

        assertThat(one).isEqualTo(Fixtures.written(1_000));
        assertThat(two).isEqualTo(Fixtures.written(1_000));
        List<String> wanted = new ArrayList<>(expected("malware", first));
        wanted.addAll(expected("malware", second));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 2_000);
        assertThat(receiver.messages()).containsExactlyElementsOf(wanted);
        assertThat(receiver.connections()).as("one connection, reused").isOne();
        assertThat(receiver.errors()).isEmpty();
    }

    @Test
    void shouldNeverSplitAMessageWithNewlineFraming() throws Exception {
        TcpReceiver receiver = receiver(Framing.NEWLINE);
        Map<String, Object> config = config("TCP", receiver.port());
        config.put("framing", "newline");
        List<Object> messages = List.of("CEF:0|a|b|1|x|first\nsecond|3|", "plain", "trailing\n", "\n");

        PushResult result = Fixtures.plugin().push(TestContext.with(config), messages, "events", "page");

        assertThat(result).isEqualTo(Fixtures.written(4));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 4);
        assertThat(receiver.messages())
                .containsExactly(
                        rfc5424("page", "CEF:0|a|b|1|x|first second|3|"),
                        rfc5424("page", "plain"),
                        rfc5424("page", "trailing "),
                        rfc5424("page", " "));
    }

    @Test
    void shouldReconnectWhenTheServerClosedTheConnectionBetweenPushes() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        SyslogPlugin plugin = Fixtures.plugin();
        TestContext context = TestContext.with(config("TCP", receiver.port()));
        plugin.push(context, cef(10, 0), "alerts", "dlp");
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 10);

        receiver.closeClients();
        PushResult result = plugin.push(context, cef(10, 10), "alerts", "dlp");

        // the server may not have read what the lost connection carried: it is sent again first
        assertThat(result).isEqualTo(Fixtures.written(10).withResent(10));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 30);
        List<String> wanted = new ArrayList<>(expected("dlp", cef(10, 0)));
        wanted.addAll(expected("dlp", cef(20, 0)));
        assertThat(receiver.messages()).containsExactlyElementsOf(wanted);
        assertThat(receiver.connections()).isEqualTo(2);
        assertThat(context.warnings())
                .as(String.valueOf(context.log()))
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .contains("TCP 127.0.0.1:" + receiver.port())
                        .contains("the server closed the connection after the last push")
                        .contains("10 message(s) sent before the loss went out again"));
    }

    @Test
    void shouldSendWhatTheLostConnectionCarriedAgainAndGoOnWhenTheServerDropsItMidPush() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        receiver.closeConnectionAfter(100);
        List<Object> big = large(10_000);

        PushResult result =
                Fixtures.plugin().push(TestContext.with(config("TCP", receiver.port())), big, "events", "page");

        // the second connection carries what the first wrote (the resend window) and goes on from there
        int resent = result.resent();
        assertThat(result).isEqualTo(Fixtures.written(10_000).withResent(resent));
        assertThat(resent).isGreaterThanOrEqualTo(100);
        await().atMost(60, SECONDS).until(() -> receiver.messages().size() >= 10_100);
        List<String> wanted = expected("page", big);
        List<String> got = receiver.messages();
        assertThat(got.subList(0, 100)).containsExactlyElementsOf(wanted.subList(0, 100));
        // (the message being written when the connection broke is in the window and sent once more after it)
        assertThat(new java.util.LinkedHashSet<>(got.subList(100, got.size()))).containsExactlyElementsOf(wanted);
        assertThat(got.size() - 100).isBetween(10_000, 10_001);
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void shouldAskForALaterRetryWhileTheServerIsDownAndDeliverOnceItIsBack() throws Exception {
        TcpReceiver gone = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING);
        int port = gone.port();
        gone.close();
        SyslogPlugin plugin = Fixtures.plugin();
        TestContext context = TestContext.with(config("TCP", port));

        PushResult down = plugin.push(context, cef(5, 0), "alerts", "malware");

        assertThat(down.retryable()).isTrue();
        assertThat(down.accepted()).isZero();
        assertThat(down.failed()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo(
                        "connection to 127.0.0.1:" + port + " refused: nothing accepts TCP connections on that port"));
        assertThat(context.errors()).singleElement().satisfies(e -> assertThat(e.errorCode())
                .isEqualTo("SYSLOG-CONNECT"));

        TcpReceiver back = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING, port);
        receivers.add(back);
        assertThat(plugin.push(context, cef(5, 0), "alerts", "malware")).isEqualTo(Fixtures.written(5));
        await().atMost(20, SECONDS).until(() -> back.messages().size() >= 5);
        assertThat(back.messages()).containsExactlyElementsOf(expected("malware", cef(5, 0)));
    }

    @Test
    void shouldGiveUpOnAServerThatTakesNothingInsteadOfHanging() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        receiver.stopReading();
        SyslogPlugin plugin = Fixtures.plugin(Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(5));

        long start = System.nanoTime();
        PushResult result =
                plugin.push(TestContext.with(config("TCP", receiver.port())), large(10_000), "events", "page");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.retryable()).isTrue();
        assertThat(result.accepted()).isZero();
        assertThat(result.failed().get(0).reason())
                .startsWith("syslog server 127.0.0.1:" + receiver.port()
                        + ": the server took nothing for 500 ms, the connection was closed")
                .contains("messages had been written before the failure; they may have arrived and will be sent"
                        + " again");
    }

    @Test
    void shouldCloseAnIdleConnectionAndOpenANewOneForTheNextPush() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        Connections connections =
                new Connections(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(5));
        SyslogPlugin plugin = new SyslogPlugin(() -> Fixtures.AT, connections);
        TestContext context = TestContext.with(config("TCP", receiver.port()));

        plugin.push(context, cef(3, 0), "alerts", "malware");
        assertThat(connections.size()).isOne();
        await().atMost(20, SECONDS).until(() -> receiver.endedByClient() == 1);
        await().atMost(5, SECONDS).until(() -> connections.size() == 0);

        assertThat(plugin.push(context, cef(3, 3), "alerts", "malware")).isEqualTo(Fixtures.written(3));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 6);
        assertThat(receiver.messages()).containsExactlyElementsOf(expected("malware", cef(6, 0)));
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void shouldKeepAConnectionPerConfiguration() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        SyslogPlugin plugin = Fixtures.plugin();
        TestContext shared = TestContext.with(config("TCP", receiver.port()));

        for (int round = 0; round < 3; round++) {
            plugin.push(Fixtures.named("siem-a", shared), List.of("a" + round), "alerts", "malware");
            plugin.push(Fixtures.named("siem-b", shared), List.of("b" + round), "alerts", "malware");
        }

        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 6);
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void shouldSendMapsAsCompactJsonAndRefuseWhatIsNeitherTextNorAMap() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("_id", "f1a2");
        record.put("count", 9_007_199_254_740_993L);
        record.put("user", "Zoë \"Z\" \\ O'Neil\n");
        record.put("tags", List.of("a", 1.5, true));
        record.put("nested", Map.of("x", Map.of()));
        record.put("none", null);

        PushResult result = Fixtures.plugin()
                .push(
                        TestContext.with(config("TCP", receiver.port())),
                        java.util.Arrays.asList("CEF:0|x", 42, record, null),
                        "events",
                        "");

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.retryable()).isFalse();
        assertThat(result.failed()).extracting(FailedItem::index).containsExactly(1, 3);
        assertThat(result.failed().get(0).reason()).startsWith("cannot send a java.lang.Integer record");
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 2);
        assertThat(receiver.messages())
                .containsExactly(
                        rfc5424("events", "CEF:0|x"),
                        rfc5424(
                                "events",
                                "{\"_id\":\"f1a2\",\"count\":9007199254740993,\"user\":\"Zoë \\\"Z\\\" \\\\ O'Neil\\n\","
                                        + "\"tags\":[\"a\",1.5,true],\"nested\":{\"x\":{}},\"none\":null}"));
    }

    @Test
    void shouldPassFormattedLinesThroughTransformUnchanged() throws Exception {
        List<String> records = List.of("{\"a\":1}", "LEEF:2.0|Netskope|CE|1.0|x|");

        List<Object> out = Fixtures.plugin().transform(TestContext.with(Map.of()), records, "leef", "alerts", "dlp");

        assertThat(out).containsExactly("{\"a\":1}", "LEEF:2.0|Netskope|CE|1.0|x|");
    }

    @Test
    void shouldCutAMessageLongerThanTheLimitAndSayHowMany() throws Exception {
        TcpReceiver receiver = receiver(Framing.OCTET_COUNTING);
        Map<String, Object> config = config("TCP", receiver.port());
        config.put("maxMessageBytes", 480);
        TestContext context = TestContext.with(config);

        PushResult result = Fixtures.plugin().push(context, List.of("short", "é".repeat(500)), "alerts", "dlp");

        assertThat(result).isEqualTo(Fixtures.written(2));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 2);
        String cut = receiver.messages().get(1);
        assertThat(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .as("a 55-byte header and 212 two-byte characters; half a character is never sent")
                .hasSize(479);
        assertThat(rfc5424("dlp", "é".repeat(500))).startsWith(cut);
        assertThat(context.log()).anySatisfy(l -> assertThat(l.message())
                .startsWith("1 of 2 message(s) were longer than 480 bytes and were cut to fit (first: item 1)"));
    }

    private TcpReceiver receiver(Framing framing) throws Exception {
        TcpReceiver receiver = TcpReceiver.tcp(TcpReceiver.Framing.valueOf(framing.name()));
        receivers.add(receiver);
        return receiver;
    }

    /** About 20 MB: more than the socket buffers of both ends hold. */
    private static List<Object> large(int count) {
        List<Object> messages = new ArrayList<>(count);
        String filler = "x".repeat(2_000);
        for (int i = 0; i < count; i++) {
            messages.add("CEF:0|Netskope|Netskope|1.0|page|Page|3|cn1=" + i + " msg=" + filler);
        }
        return messages;
    }
}
