package org.opence.plugins.syslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.PluginChecks;
import org.opence.plugin.testkit.TestContext;
import org.opence.testsupport.syslog.TcpReceiver;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opence.plugins.syslog.Fixtures.cef;
import static org.opence.plugins.syslog.Fixtures.config;
import static org.opence.plugins.syslog.Fixtures.expected;

class TlsDeliveryTest {

    @TempDir
    static Path keys;

    /** Valid for localhost and 127.0.0.1. */
    private static TestCertificates both;
    /** Valid for localhost only. */
    private static TestCertificates localhostOnly;

    private final List<TcpReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        both = TestCertificates.selfSigned(keys, "dns:localhost,ip:127.0.0.1");
        localhostOnly = TestCertificates.selfSigned(keys, "dns:localhost");
    }

    @AfterEach
    void stopReceivers() throws Exception {
        for (TcpReceiver receiver : receivers) {
            receiver.close();
        }
    }

    @Test
    void shouldTrustTheServerThroughCaCertificateAndDeliverOverOneConnectionWithSni() throws Exception {
        TcpReceiver receiver = receiver(both);
        Map<String, Object> config = config("TLS", receiver.port());
        config.put("host", "localhost");
        config.put("caCertificate", both.pem());
        TestContext context = TestContext.with(config);
        SyslogPlugin plugin = Fixtures.plugin();

        assertThat(PluginChecks.validate(plugin, context)).isEmpty();
        PushResult first = plugin.push(context, cef(500, 0), "alerts", "malware");
        PushResult second = plugin.push(context, cef(500, 500), "alerts", "malware");

        assertThat(first).isEqualTo(Fixtures.written(500));
        assertThat(second).isEqualTo(Fixtures.written(500));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 1_000);
        assertThat(receiver.messages()).containsExactlyElementsOf(expected("malware", cef(1_000, 0)));
        assertThat(receiver.connections())
                .as("validate's connection, then one for both pushes")
                .isEqualTo(2);
        assertThat(receiver.serverNames()).containsOnly("localhost");
    }

    @Test
    void shouldRefuseAnUntrustedCertificateSayingWhatToDo() throws Exception {
        TcpReceiver receiver = receiver(both);
        TestContext context = TestContext.with(config("TLS", receiver.port()));
        SyslogPlugin plugin = Fixtures.plugin();

        List<FieldProblem> problems = PluginChecks.validate(plugin, context);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("caCertificate");
            assertThat(p.message())
                    .startsWith("TLS handshake with 127.0.0.1:" + receiver.port()
                            + " failed: the server's certificate 'CN=syslog-test' issued by 'CN=syslog-test'")
                    .contains("is not trusted")
                    .endsWith("Put the certificate of the authority that issued it (or the server's own self-signed"
                            + " certificate) into caCertificate, or turn verifyTls off.");
        });
        PushResult result = plugin.push(context, cef(3, 0), "alerts", "malware");
        assertThat(result.retryable()).isTrue();
        assertThat(result.failed().get(0).reason()).isEqualTo(problems.get(0).message());
        assertThat(receiver.messages()).isEmpty();
    }

    @Test
    void shouldRefuseACertificateThatDoesNotNameTheHost() throws Exception {
        TcpReceiver receiver = receiver(localhostOnly);
        Map<String, Object> config = config("TLS", receiver.port());
        config.put("caCertificate", localhostOnly.pem());

        List<FieldProblem> problems = PluginChecks.validate(Fixtures.plugin(), TestContext.with(config));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("host");
            assertThat(p.message())
                    .contains("valid for localhost does not name the host")
                    .contains("127.0.0.1")
                    .endsWith("Connect by a name the certificate is valid for, or turn verifyTls off.");
        });
    }

    @Test
    void shouldAcceptAnyCertificateWithVerificationOff() throws Exception {
        TcpReceiver receiver = receiver(localhostOnly);
        Map<String, Object> config = config("TLS", receiver.port());
        config.put("verifyTls", false);
        TestContext context = TestContext.with(config);
        SyslogPlugin plugin = Fixtures.plugin();

        assertThat(PluginChecks.validate(plugin, context)).isEmpty();
        assertThat(plugin.push(context, cef(10, 0), "events", "page")).isEqualTo(Fixtures.written(10));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 10);
        assertThat(receiver.messages()).containsExactlyElementsOf(expected("page", cef(10, 0)));
        assertThat(receiver.serverNames()).as("no SNI for an IP address").isEmpty();
    }

    @Test
    void shouldReconnectWhenTheTlsServerClosedTheConnection() throws Exception {
        TcpReceiver receiver = receiver(both, Framing.NEWLINE);
        Map<String, Object> config = config("TLS", receiver.port());
        config.put("caCertificate", both.pem());
        config.put("framing", "newline");
        TestContext context = TestContext.with(config);
        SyslogPlugin plugin = Fixtures.plugin();
        plugin.push(context, cef(5, 0), "alerts", "malware");
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 5);

        receiver.closeClients();
        PushResult result = plugin.push(context, cef(5, 5), "alerts", "malware");

        assertThat(result).isEqualTo(Fixtures.written(5).withResent(5));
        await().atMost(20, SECONDS).until(() -> receiver.messages().size() >= 15);
        List<String> wanted = new java.util.ArrayList<>(expected("malware", cef(5, 0)));
        wanted.addAll(expected("malware", cef(10, 0)));
        assertThat(receiver.messages()).containsExactlyElementsOf(wanted);
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void shouldTellWhenThePortDoesNotSpeakTls() throws Exception {
        TcpReceiver plain = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING);
        receivers.add(plain);
        TcpReceiver silent = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING);
        silent.stopReading();
        receivers.add(silent);
        SyslogPlugin plugin = Fixtures.plugin(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMillis(700));

        assertThat(PluginChecks.validate(plugin, TestContext.with(config("TLS", plain.port()))))
                .containsExactly(new FieldProblem(
                        "protocol",
                        "TLS handshake with 127.0.0.1:" + plain.port() + " failed: the server closed the connection."
                                + " Is it a TLS port, or does it require a client certificate?"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(config("TLS", silent.port()))))
                .containsExactly(new FieldProblem(
                        "protocol",
                        "TLS handshake with 127.0.0.1:" + silent.port() + " failed: no TLS answer within 700 ms. Is it"
                                + " a TLS port? (choose TCP for a plain syslog port)"));
    }

    private TcpReceiver receiver(TestCertificates certificates) throws Exception {
        return receiver(certificates, Framing.OCTET_COUNTING);
    }

    private TcpReceiver receiver(TestCertificates certificates, Framing framing) throws Exception {
        TcpReceiver receiver =
                TcpReceiver.tls(TcpReceiver.Framing.valueOf(framing.name()), certificates.serverContext());
        receivers.add(receiver);
        return receiver;
    }
}
