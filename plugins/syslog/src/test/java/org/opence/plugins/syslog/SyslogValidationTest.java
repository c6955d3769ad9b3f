package org.opence.plugins.syslog;

import java.net.DatagramSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.FieldType;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.cls.ClsPlugin;
import org.opence.plugin.testkit.PluginChecks;
import org.opence.plugin.testkit.TestContext;
import org.opence.testsupport.syslog.TcpReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.syslog.Fixtures.config;

class SyslogValidationTest {

    private final SyslogPlugin plugin = Fixtures.plugin();

    @Test
    void shouldBeFoundByThePlatformAsALogShipperDestination() {
        assertThat(PluginChecks.registered(ClsPlugin.class)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("syslog");
            assertThat(m.module()).isEqualTo(ModuleType.CLS);
            assertThat(m.dataTypes()).containsExactly("alerts", "events");
            assertThat(m.formats()).containsExactly("cef", "leef", "json");
        });
    }

    @Test
    void shouldOfferTheDocumentedFieldsAndDefaults() {
        PluginManifest manifest = plugin.manifest();

        assertThat(manifest.configuration())
                .extracting(ConfigField::key, ConfigField::type, ConfigField::defaultValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("host", FieldType.TEXT, null),
                        org.assertj.core.groups.Tuple.tuple("port", FieldType.NUMBER, 514),
                        org.assertj.core.groups.Tuple.tuple("protocol", FieldType.CHOICE, "TCP"),
                        org.assertj.core.groups.Tuple.tuple("format", FieldType.CHOICE, "RFC5424"),
                        org.assertj.core.groups.Tuple.tuple("framing", FieldType.CHOICE, "octet-counting"),
                        org.assertj.core.groups.Tuple.tuple("facility", FieldType.NUMBER, 16),
                        org.assertj.core.groups.Tuple.tuple("severity", FieldType.NUMBER, 6),
                        org.assertj.core.groups.Tuple.tuple("appName", FieldType.TEXT, "opence"),
                        org.assertj.core.groups.Tuple.tuple("hostname", FieldType.TEXT, null),
                        org.assertj.core.groups.Tuple.tuple("caCertificate", FieldType.TEXTAREA, null),
                        org.assertj.core.groups.Tuple.tuple("clientCertificate", FieldType.TEXTAREA, null),
                        org.assertj.core.groups.Tuple.tuple("clientKey", FieldType.PASSWORD, null),
                        org.assertj.core.groups.Tuple.tuple("verifyTls", FieldType.BOOLEAN, true),
                        org.assertj.core.groups.Tuple.tuple("maxMessageBytes", FieldType.NUMBER, 65_536),
                        org.assertj.core.groups.Tuple.tuple("resendWindowKib", FieldType.NUMBER, 4096),
                        org.assertj.core.groups.Tuple.tuple("relpWindow", FieldType.NUMBER, 1024));
        assertThat(manifest.configuration().get(0).mandatory()).isTrue();
        assertThat(PluginChecks.validate(plugin, TestContext.with(Map.of())))
                .containsExactly(new FieldProblem("host", "is required"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(Map.of("host", "h", "protocol", "SCTP"))))
                .containsExactly(new FieldProblem("protocol", "must be one of [RELP, RELP_TLS, TCP, TLS, UDP]"));
    }

    @Test
    void shouldNameEveryFieldThatBreaksTheRules() {
        Map<String, Object> config = config("UDP", 514);
        config.put("port", 70_000);
        config.put("facility", 24);
        config.put("severity", 2.5);
        config.put("appName", "open ce");
        config.put("hostname", "h".repeat(256));
        config.put("caCertificate", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
        config.put("maxMessageBytes", 100);

        List<FieldProblem> problems = PluginChecks.validate(plugin, TestContext.with(config));

        assertThat(problems)
                .containsExactly(
                        new FieldProblem("port", "must be a whole number from 1 to 65535"),
                        new FieldProblem("facility", "must be a whole number from 0 to 23"),
                        new FieldProblem("severity", "must be a whole number from 0 to 7"),
                        new FieldProblem(
                                "appName", "may only contain printable US-ASCII characters, no spaces (RFC 5424)"),
                        new FieldProblem("hostname", "must have at most 255 characters (RFC 5424)"),
                        new FieldProblem(
                                "caCertificate",
                                "is not a readable PEM certificate: Last unit does not have enough valid bits"),
                        new FieldProblem("maxMessageBytes", "must be a whole number from 480 to 16777216"));
        assertThat(PluginChecks.validate(
                        plugin,
                        TestContext.with(Map.of(
                                "host",
                                "127.0.0.1",
                                "protocol",
                                "UDP",
                                "caCertificate",
                                "-----BEGIN CERTIFICATE-----\nxx"))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("caCertificate");
                    assertThat(p.message()).startsWith("is not a readable PEM certificate: ");
                });
        assertThat(PluginChecks.validate(
                        plugin,
                        TestContext.with(Map.of("host", "127.0.0.1", "protocol", "UDP", "caCertificate", "abc"))))
                .containsExactly(new FieldProblem(
                        "caCertificate", "must be one or more PEM certificates (-----BEGIN CERTIFICATE----- ...)"));
    }

    @Test
    void shouldHoldTheTagToThirtyTwoCharactersForRfc3164() {
        Map<String, Object> config = config("UDP", 514);
        config.put("appName", "a".repeat(40));
        assertThat(PluginChecks.validate(plugin, TestContext.with(config))).isEmpty();

        config.put("format", "RFC3164");
        assertThat(PluginChecks.validate(plugin, TestContext.with(config)))
                .containsExactly(new FieldProblem("appName", "must have at most 32 characters for RFC 3164 (its TAG)"));
    }

    @Test
    void shouldSayWhenTheHostNameDoesNotResolve() {
        Map<String, Object> config = config("UDP", 514);
        config.put("host", "no-such-host.invalid");

        assertThat(PluginChecks.validate(plugin, TestContext.with(config)))
                .containsExactly(new FieldProblem(
                        "host",
                        "cannot resolve the host name 'no-such-host.invalid' (DNS): check the name or use an IP"
                                + " address"));
    }

    @Test
    void shouldTryAConnectionForTcpButNotForUdp() throws Exception {
        int port;
        try (DatagramSocket socket = new DatagramSocket(0)) {
            port = socket.getLocalPort();
        }
        TcpReceiver gone = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING);
        int tcpPort = gone.port();
        gone.close();

        assertThat(PluginChecks.validate(plugin, TestContext.with(config("UDP", port))))
                .as("UDP has no handshake to try")
                .isEmpty();
        assertThat(PluginChecks.validate(plugin, TestContext.with(config("TCP", tcpPort))))
                .containsExactly(new FieldProblem(
                        "port",
                        "connection to 127.0.0.1:" + tcpPort
                                + " refused: nothing accepts TCP connections on that port"));
        try (TcpReceiver listening = TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING)) {
            assertThat(PluginChecks.validate(plugin, TestContext.with(config("TCP", listening.port()))))
                    .isEmpty();
        }
    }
}
