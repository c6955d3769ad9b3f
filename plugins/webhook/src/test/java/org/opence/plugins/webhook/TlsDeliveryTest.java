package org.opence.plugins.webhook;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.PluginChecks;
import org.opence.plugin.testkit.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.webhook.Fixtures.allRecords;
import static org.opence.plugins.webhook.Fixtures.jsonRecords;
import static org.opence.plugins.webhook.Fixtures.ship;

/** HTTPS to a receiver with a self-signed certificate: TLS itself is the platform client's business. */
class TlsDeliveryTest {

    @TempDir
    static Path dir;

    private static SelfSignedCertificate certificate;
    private static Receiver receiver;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.create(dir);
        receiver = Receiver.https(certificate.server());
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void shouldDeliverOverHttpsWhenThePlatformTrustsTheCertificate() throws Exception {
        Map<String, Object> config = Fixtures.config(receiver.url());
        config.put("testOnSave", "empty-batch");
        config.put("gzip", true);
        PluginContext context = trusting(TestContext.with(config));
        List<String> records = jsonRecords(2_000, 0);

        assertThat(new WebhookPlugin().validate(context).problems()).isEmpty();
        PushResult result = ship(context, records, "json", "events", "page");

        assertThat(result).isEqualTo(PushResult.allAccepted(2_000));
        assertThat(receiver.url()).startsWith("https://");
        assertThat(allRecords(receiver, "array"))
                .containsExactlyElementsOf(records.stream().map(Fixtures::tree).toList());
    }

    @Test
    void shouldExplainAnUntrustedCertificateAndKeepTheRecords() throws Exception {
        Map<String, Object> config = Fixtures.config(receiver.url());
        config.put("testOnSave", "empty-batch");
        TestContext untrusting = TestContext.with(config);
        String prefix = "TLS handshake with 127.0.0.1:" + receiver.port() + " failed: ";
        String advice = ". If the server's certificate is issued by a private authority, add that authority to the"
                + " platform's trusted CA certificates";

        List<FieldProblem> problems = PluginChecks.validate(new WebhookPlugin(), untrusting);
        PushResult result = ship(untrusting, jsonRecords(3, 0), "json", "events", "page");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("url");
            assertThat(p.message())
                    .startsWith(prefix)
                    .contains("certification path")
                    .endsWith(advice);
        });
        assertThat(result.retryable()).isTrue();
        assertThat(result.accepted()).isZero();
        assertThat(result.failed()).singleElement().satisfies(f -> assertThat(f.reason())
                .startsWith(prefix));
    }

    private static PluginContext trusting(TestContext context) {
        return Fixtures.withClient(
                context,
                HttpClient.newBuilder()
                        .sslContext(certificate.trustingClient())
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
    }
}
