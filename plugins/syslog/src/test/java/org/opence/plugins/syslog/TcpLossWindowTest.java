package org.opence.plugins.syslog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.TestContext;
import org.opence.testsupport.syslog.TcpReceiver;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opence.plugins.syslog.Fixtures.config;

/**
 * Plain TCP acknowledges nothing, so the plugin promises bounded loss made explicit: after any loss the
 * recent window is sent again. Each test makes the receiver lose what it had not read — it closes
 * with unread data, stalls, or goes away and comes back — and checks that no message is missing.
 *
 * <p>A receiver may also get messages of another test: a plugin of an earlier test sends its window
 * again to its old port, which the system may have given to this test's receiver. So the checks are
 * "every expected message arrived", never "exactly this many".
 */
class TcpLossWindowTest {

    private final List<TcpReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (TcpReceiver receiver : receivers) {
            receiver.close();
        }
    }

    @Test
    void shouldLoseNothingWhenTheServerClosesEveryFewThousandMessagesWithDataUnread() throws Exception {
        // Given a server with a 128 KiB receive buffer (Linux makes it 256) that closes every connection after
        // reading 6,000 messages (about 1 MB), whatever is still unread. The 512 KiB window covers its buffer
        // and this side's (at most about 384 KiB unread), and is less than it reads per connection.
        TcpReceiver receiver = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING, 0, 128 * 1024);
        receivers.add(receiver);
        receiver.closeEvery(6_000);
        Map<String, Object> config = config("TCP", receiver.port());
        config.put("resendWindowKib", 512);
        TestContext context = TestContext.with(config);
        SyslogPlugin plugin = Fixtures.plugin();

        // When 20 pushes of 1,000 messages go out, each retried until it succeeds, as the platform does
        int resent = 0;
        for (int push = 0; push < 20; push++) {
            resent += pushUntilDone(plugin, context, numbered(push * 1_000, 1_000))
                    .resent();
        }

        // Then every message arrived (the last connection's close is noticed between pushes, and the window
        // sent again on a new one), and the losses were reported
        await().atMost(30, SECONDS).until(() -> distinct(receiver).containsAll(ids(0, 20_000)));
        assertThat(resent).isPositive();
        assertThat(receiver.connections()).isGreaterThan(2);
        assertThat(context.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w)
                .contains("TCP 127.0.0.1:" + receiver.port()));
    }

    @Test
    void shouldGoOnWhenTheServerCutsConnectionsSoonerThanTheWindowCanBeSentAndSaySo() throws Exception {
        // Given a server that closes every connection after 1,000 messages (about 150 KB), far less than
        // the default 4 MiB window: sending the whole window again after each cut would never get
        // anything new through (the push failed "fruitless", and every retry did the same)
        TcpReceiver receiver = receiver();
        receiver.closeEvery(1_000);
        TestContext context = TestContext.with(config("TCP", receiver.port()));
        SyslogPlugin plugin = Fixtures.plugin();

        // When 30,000 messages (about 4.5 MB, more than the window) go out in pushes of 2,000
        for (int push = 0; push < 15; push++) {
            pushUntilDone(plugin, context, numbered(push * 2_000, 2_000));
        }

        // Then every push got through (the replays grew smaller until new messages passed; before, every
        // push failed and was retried for ever), and the warnings say that older messages of the window
        // were not sent again: with such a server TCP can lose messages, which only RELP prevents
        assertThat(receiver.connections()).isGreaterThan(20);
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(distinct(receiver).stream()
                        .mapToInt(id -> Integer.parseInt(id.substring(3)))
                        .max()
                        .orElse(-1))
                .as("the newest message that arrived (warnings: %s)", context.warnings())
                .isGreaterThanOrEqualTo(29_000));
        assertThat(context.warnings())
                .anySatisfy(w -> assertThat(w).contains("only its newest").contains("RELP"));
    }

    @Test
    void shouldShrinkAReplayThatTheServerCutsEvenWhenItsWriteSucceeded() throws Exception {
        // Given a server with a receive buffer far larger than the window, that reads nothing at first: a push
        // of 2,000 messages (about 250 KB) is written into its buffer whole
        TcpReceiver receiver = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING, 0, 2 * 1024 * 1024);
        receivers.add(receiver);
        receiver.stopReading();
        TestContext context = TestContext.with(config("TCP", receiver.port()));
        SyslogPlugin plugin = Fixtures.plugin();
        assertThat(plugin.push(context, numbered(0, 2_000), "events", "page")).isEqualTo(Fixtures.written(2_000));

        // When it then reads 1,000 messages of every connection and closes it with the rest unread, and no
        // further push comes: the window is sent again between pushes, and every replay is written into the
        // buffer without an error, then cut at 1,000 messages
        receiver.closeEvery(1_000);
        receiver.resumeReading();

        // Then the replays still get smaller until the newest messages arrive (before, the same 2,000 went
        // out again and again, each cut at the same place, and the last 1,000 never arrived); the next push
        // says that older messages of the window were left out of the replays
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(distinct(receiver))
                .as("messages that arrived over %d connections", receiver.connections())
                .containsAll(ids(1_010, 990)));
        assertThat(pushUntilDone(plugin, context, numbered(2_000, 1)).resent()).isPositive();
        assertThat(context.warnings()).anySatisfy(w -> assertThat(w).contains("only its newest"));
    }

    @Test
    void shouldSendAgainWhatAStalledServerNeverReadOnceItIsBack() throws Exception {
        // Given a server that takes nothing: the push stalls and is given up after the stall timeout
        TcpReceiver receiver = receiver();
        TestContext context = TestContext.with(config("TCP", receiver.port()));
        SyslogPlugin plugin = Fixtures.plugin(Duration.ofSeconds(60), Duration.ofMillis(800), Duration.ofSeconds(5));
        assertThat(plugin.push(context, numbered(0, 500), "events", "page")).isEqualTo(Fixtures.written(500));
        receiver.stopReading();
        receiver.closeClients();
        PushResult stalled = plugin.push(context, numbered(500, 200_000), "events", "page");
        assertThat(stalled.retryable()).isTrue();

        // When it reads again and the push is retried
        receiver.resumeReading();
        PushResult retried = pushUntilDone(plugin, context, numbered(500, 200_000));

        // Then nothing is missing, and the first push's messages were sent again (they may have been lost)
        await().atMost(60, SECONDS).until(() -> distinct(receiver).containsAll(ids(0, 200_500)));
        assertThat(retried.resent()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void shouldLoseNothingOfWhatWasInFlightWhenTheServerGoesAwayAndComesBack() throws Exception {
        TcpReceiver receiver = receiver();
        int port = receiver.port();
        TestContext context = TestContext.with(config("TCP", port));
        SyslogPlugin plugin = Fixtures.plugin();
        assertThat(plugin.push(context, numbered(0, 5_000), "events", "page")).isEqualTo(Fixtures.written(5_000));

        // the server stops at once: whatever sat in its socket buffer is gone with it
        receiver.close();
        Set<String> before = distinct(receiver);
        // the push right after may still be written into the dying connection, or refused: either way it is
        // lost or retried, and both must end in the window sent again
        PushResult down = plugin.push(context, numbered(5_000, 1_000), "events", "page");

        TcpReceiver back = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING, port);
        receivers.add(back);
        PushResult again = pushUntilDone(plugin, context, numbered(5_000, 1_000));

        assertThat(again.resent() + down.resent()).isGreaterThanOrEqualTo(5_000);
        await().atMost(30, SECONDS).untilAsserted(() -> {
            Set<String> missing = ids(0, 6_000);
            missing.removeAll(before);
            missing.removeAll(distinct(back));
            assertThat(missing)
                    .as("missing of 6,000 (down: %s, again: %s, warnings: %s)", down, again, context.warnings())
                    .isEmpty();
        });
    }

    private static PushResult pushUntilDone(SyslogPlugin plugin, TestContext context, List<Object> chunk)
            throws Exception {
        int resent = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            PushResult result = plugin.push(context, chunk, "events", "page");
            resent += result.resent();
            if (!result.retryable()) {
                assertThat(result.accepted()).isEqualTo(chunk.size());
                return result.withResent(resent);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the push did not succeed in 20 attempts");
    }

    /** Messages whose text starts with their number, so that the receiver can tell them apart. */
    private static List<Object> numbered(int from, int count) {
        List<Object> messages = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            messages.add("id=" + i + " " + "x".repeat(100));
        }
        return messages;
    }

    private static Set<String> ids(int from, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = from; i < from + count; i++) {
            ids.add("id=" + i);
        }
        return ids;
    }

    private static Set<String> distinct(TcpReceiver receiver) {
        Set<String> ids = new HashSet<>();
        for (String m : receiver.messages()) {
            int at = m.indexOf("id=");
            if (at >= 0) {
                ids.add(m.substring(at, m.indexOf(' ', at)));
            }
        }
        return ids;
    }

    private TcpReceiver receiver() throws Exception {
        TcpReceiver receiver = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING);
        receivers.add(receiver);
        return receiver;
    }
}
