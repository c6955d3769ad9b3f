package org.opence.plugins.syslog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;
import org.opence.plugin.testkit.PluginChecks;
import org.opence.plugin.testkit.TestContext;
import org.opence.testsupport.syslog.RelpReceiver;
import org.opence.testsupport.syslog.TcpReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.syslog.Fixtures.cef;
import static org.opence.plugins.syslog.Fixtures.config;
import static org.opence.plugins.syslog.Fixtures.expected;

/**
 * RELP against a server written in the test: every message acknowledged before a push counts it, and
 * whatever a lost session left unanswered sent again on a new one or handed back for a later retry.
 */
class RelpDeliveryTest {

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void shouldCountAMessageOnlyOnceTheServerAcknowledgedIt() throws Exception {
        RelpReceiver relp = receiver();
        TestContext context = TestContext.with(config("RELP", relp.port()));
        SyslogPlugin plugin = Fixtures.plugin();

        PushResult one = plugin.push(context, cef(5_000, 0), "alerts", "malware");
        PushResult two = plugin.push(context, cef(3, 5_000), "alerts", "malware");

        assertThat(one).isEqualTo(PushResult.allAccepted(5_000));
        assertThat(one.acknowledged()).isTrue();
        assertThat(two).isEqualTo(PushResult.allAccepted(3));
        assertThat(relp.acknowledged()).containsExactlyElementsOf(expected("malware", cef(5_003, 0)));
        assertThat(relp.sessions()).as("one session for both pushes").isOne();
        assertThat(relp.errors()).isEmpty();
    }

    @Test
    void shouldSendEveryUnansweredMessageAgainOnANewSessionWhenTheServerCutsIt() throws Exception {
        // Given a server that cuts its first session when the 1,000th message arrives, leaving up to a window
        // unanswered
        RelpReceiver relp = receiver();
        relp.closeSessionAt(1_000);
        Map<String, Object> config = config("RELP", relp.port());
        config.put("relpWindow", 64);
        TestContext context = TestContext.with(config);

        // When 5,000 messages are pushed
        PushResult result = Fixtures.plugin().push(context, cef(5_000, 0), "alerts", "malware");

        // Then every message was acknowledged; what came twice was at most the window that was unanswered
        // (a server closing with unread data resets the connection, so some of its last answers never arrive)
        assertThat(result.accepted()).isEqualTo(5_000);
        assertThat(result.failed()).isEmpty();
        assertThat(result.acknowledged()).isTrue();
        assertThat(new HashSet<>(relp.acknowledged()))
                .containsExactlyInAnyOrderElementsOf(expected("malware", cef(5_000, 0)));
        int duplicates = relp.received().size() - 5_000;
        assertThat(duplicates).isBetween(1, 64);
        assertThat(result.resent()).isBetween(duplicates, 64);
        assertThat(relp.sessions()).isEqualTo(2);
        assertThat(context.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("RELP 127.0.0.1:" + relp.port())
                .contains("the session was lost")
                .contains(result.resent() + " message(s) sent before the loss went out again"));
    }

    @Test
    void shouldNeverCountAMessageWhoseWriteFailedAsDelivered() throws Exception {
        // Given a server that cuts every session after 300 messages with many more unread (its kernel then
        // resets the connection, so the client's writes fail half-way through a window of 4,096); a message
        // whose write failed was neither answered nor handed back, and the platform took it as delivered
        RelpReceiver relp = receiver();
        relp.closeEvery(300);
        Map<String, Object> config = config("RELP", relp.port());
        config.put("relpWindow", 4_096);
        TestContext context = TestContext.with(config);
        SyslogPlugin plugin = Fixtures.plugin();
        List<Object> messages = cef(20_000, 0);
        List<String> texts = expected("malware", messages);

        // When the messages are pushed, and what a push hands back is pushed again, as the platform does
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            pending.add(i);
        }
        for (int round = 0; round < 200 && !pending.isEmpty(); round++) {
            List<Object> chunk = new ArrayList<>();
            for (int i : pending) {
                chunk.add(messages.get(i));
            }
            PushResult result = plugin.push(context, chunk, "alerts", "malware");
            Set<Integer> named = new HashSet<>();
            result.failed().forEach(f -> named.add(f.index()));
            if (result.retryable() && (named.isEmpty() || named.contains(-1))) {
                // "retry later" without naming any: the platform tries the whole chunk again
                named.clear();
                for (int k = 0; k < chunk.size(); k++) {
                    named.add(k);
                }
            }
            Set<String> acknowledged = new HashSet<>(relp.acknowledged());
            // Then every message the push did not name was acknowledged by the server
            for (int k = 0; k < chunk.size(); k++) {
                if (!named.contains(k)) {
                    assertThat(acknowledged)
                            .as("message %d, not handed back in round %d", pending.get(k), round)
                            .contains(texts.get(pending.get(k)));
                }
            }
            List<Integer> next = new ArrayList<>();
            for (int k : named.stream().sorted().toList()) {
                next.add(pending.get(k));
            }
            pending = next;
        }
        assertThat(pending).as("handed back after 200 rounds").isEmpty();
        assertThat(new HashSet<>(relp.acknowledged())).containsAll(texts);
        assertThat(relp.sessions()).isGreaterThan(20);
    }

    @Test
    void shouldHandBackExactlyTheUnansweredMessagesWhenNoNewSessionCanBeHad() throws Exception {
        // Given a server that cuts the session at the 300th message and is gone after that
        RelpReceiver relp = receiver();
        int port = relp.port();
        relp.stopAt(300);
        Map<String, Object> config = config("RELP", port);
        config.put("relpWindow", 50);
        TestContext context = TestContext.with(config);
        SyslogPlugin plugin = Fixtures.plugin();
        List<Object> messages = cef(1_000, 0);

        // When the push finds no server to resend to
        PushResult result = plugin.push(context, messages, "alerts", "malware");

        // Then what the plugin counts was acknowledged by the server, and every other message is to be
        // retried (some of those the server had acknowledged, but its answers were lost with the connection)
        assertThat(result.retryable()).isTrue();
        assertThat(result.accepted())
                .isPositive()
                .isLessThanOrEqualTo(relp.acknowledged().size());
        assertThat(result.accepted() + result.failed().size()).isEqualTo(1_000);
        Set<Integer> retried = new HashSet<>();
        result.failed().forEach(f -> retried.add(f.index()));
        for (int i = 0; i < 1_000; i++) {
            String message = expected("malware", List.of(messages.get(i))).get(0);
            assertThat(retried.contains(i) || relp.acknowledged().contains(message))
                    .as("message %d is acknowledged or handed back for a retry", i)
                    .isTrue();
        }
        assertThat(result.failed().get(0).reason()).contains("127.0.0.1:" + port);

        // And once a server is back, the retry of those delivers them
        RelpReceiver back = RelpReceiver.tcp(port);
        servers.add(back);
        List<Object> again = new ArrayList<>();
        result.failed().forEach(f -> again.add(messages.get(f.index())));
        assertThat(plugin.push(context, again, "alerts", "malware").accepted()).isEqualTo(again.size());
        Set<String> all = new HashSet<>(relp.acknowledged());
        all.addAll(back.acknowledged());
        assertThat(all).containsExactlyInAnyOrderElementsOf(expected("malware", messages));
    }

    @Test
    void shouldGiveUpOnAServerThatStopsAnsweringInsteadOfHanging() throws Exception {
        RelpReceiver relp = receiver();
        relp.stopAnswering();
        SyslogPlugin plugin = Fixtures.plugin(Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(5));
        TestContext context = TestContext.with(config("RELP", relp.port()));

        long start = System.nanoTime();
        PushResult result = plugin.push(context, cef(100, 0), "alerts", "malware");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.retryable()).isTrue();
        assertThat(result.accepted()).isZero();
        assertThat(result.failed().get(0).reason()).contains("took nothing for 500 ms");
    }

    @Test
    void shouldTakeTheServerCloseHintAsALostSession() throws Exception {
        RelpReceiver relp = receiver();
        relp.serverCloseOnNextMessage();
        TestContext context = TestContext.with(config("RELP", relp.port()));

        PushResult result = Fixtures.plugin().push(context, cef(10, 0), "alerts", "malware");

        assertThat(result.accepted()).isEqualTo(10);
        assertThat(result.resent()).isBetween(1, 10);
        assertThat(relp.acknowledged()).containsExactlyElementsOf(expected("malware", cef(10, 0)));
        assertThat(context.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("serverclose"));
    }

    @Test
    void shouldParkAMessageTheServerRefusesAndDeliverTheRest() throws Exception {
        RelpReceiver relp = receiver();
        relp.refuse(m -> m.contains("user7@example.com"));

        PushResult result =
                Fixtures.plugin().push(TestContext.with(config("RELP", relp.port())), cef(10, 0), "alerts", "malware");

        assertThat(result.retryable()).isFalse();
        assertThat(result.accepted()).isEqualTo(9);
        assertThat(result.failed())
                .containsExactly(
                        new FailedItem(7, null, "the RELP server refused the message: 500 refused by the test"));
    }

    @Test
    void shouldSayThatAPlainSyslogPortDoesNotSpeakRelp() throws Exception {
        TcpReceiver plain = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING);
        servers.add(plain);
        SyslogPlugin plugin = Fixtures.plugin(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(1));

        List<FieldProblem> problems = PluginChecks.validate(plugin, TestContext.with(config("RELP", plain.port())));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("protocol");
            assertThat(p.message()).contains("did not answer the RELP open").contains("choose TCP or TLS");
        });
    }

    @Test
    void shouldDeliverOverTls() throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned(
                java.nio.file.Files.createTempDirectory("relp-tls"), "dns:localhost,ip:127.0.0.1");
        RelpReceiver relp = RelpReceiver.tls(certificate.serverContext());
        servers.add(relp);
        Map<String, Object> config = config("RELP_TLS", relp.port());
        config.put("caCertificate", certificate.pem());

        PushResult result = Fixtures.plugin().push(TestContext.with(config), cef(500, 0), "alerts", "malware");

        assertThat(result).isEqualTo(PushResult.allAccepted(500));
        assertThat(relp.acknowledged()).containsExactlyElementsOf(expected("malware", cef(500, 0)));
    }

    private RelpReceiver receiver() throws Exception {
        RelpReceiver relp = RelpReceiver.tcp();
        servers.add(relp);
        return relp;
    }
}
