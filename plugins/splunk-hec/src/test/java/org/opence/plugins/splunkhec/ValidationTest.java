package org.opence.plugins.splunkhec;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.FieldType;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.cls.ClsPlugin;
import org.opence.plugin.testkit.PluginChecks;
import org.opence.plugin.testkit.TestContext;

import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.splunkhec.Fixtures.config;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.ACK_TOKEN;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.DISABLED_TOKEN;
import static org.opence.plugins.splunkhec.SplunkHecSimulator.TOKEN;

/** Configuration checks: the fields, then the collector itself, each problem on the field to change. */
class ValidationTest {

    private static final SplunkHecSimulator hec = SplunkHecSimulator.shared();

    private final SplunkHecPlugin plugin = new SplunkHecPlugin();

    @BeforeEach
    void resetCollector() throws Exception {
        hec.reset();
    }

    @Test
    void shouldBeFoundByThePlatformAsALogShipperDestination() {
        assertThat(PluginChecks.registered(ClsPlugin.class)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("splunk-hec");
            assertThat(m.module()).isEqualTo(ModuleType.CLS);
            assertThat(m.dataTypes()).containsExactly("alerts", "events");
            assertThat(m.formats()).containsExactly("cef", "leef", "json");
        });
    }

    @Test
    void shouldOfferTheDocumentedFieldsAndDefaults() {
        PluginManifest manifest = plugin.manifest();

        assertThat(manifest.configuration())
                .extracting(ConfigField::key, ConfigField::type, ConfigField::defaultValue, ConfigField::mandatory)
                .containsExactly(
                        Tuple.tuple("url", FieldType.TEXT, null, true),
                        Tuple.tuple("token", FieldType.PASSWORD, null, true),
                        Tuple.tuple("index", FieldType.TEXT, null, false),
                        Tuple.tuple("sourcetype", FieldType.TEXT, "netskope:{dataType}", false),
                        Tuple.tuple("source", FieldType.TEXT, null, false),
                        Tuple.tuple("host", FieldType.TEXT, null, false),
                        Tuple.tuple("gzip", FieldType.BOOLEAN, true, false),
                        Tuple.tuple("useAck", FieldType.BOOLEAN, false, false),
                        Tuple.tuple("ackTimeout", FieldType.NUMBER, 30, false),
                        Tuple.tuple("batchBytes", FieldType.NUMBER, 1_000_000, false));
        assertThat(PluginChecks.validate(plugin, TestContext.with(Map.of())))
                .containsExactly(new FieldProblem("url", "is required"), new FieldProblem("token", "is required"));
    }

    @Test
    void shouldNameEveryFieldThatBreaksTheRules() {
        Map<String, Object> config = config(hec, TOKEN);
        config.put("url", "ftp://splunk:8088");
        config.put("index", "_Netskope");
        config.put("sourcetype", "netskope:{type}");
        config.put("ackTimeout", 0);
        config.put("batchBytes", 999);

        List<FieldProblem> problems = PluginChecks.validate(plugin, TestContext.with(config));

        assertThat(problems)
                .containsExactly(
                        new FieldProblem(
                                "url",
                                "must be an http:// or https:// URL with a host, e.g. https://splunk.example.org:8088"),
                        new FieldProblem(
                                "index",
                                "must be a Splunk index name: lower-case letters, digits, _ and -, not starting with _"
                                        + " or -, at most 80 characters"),
                        new FieldProblem(
                                "sourcetype", "knows the placeholders {dataType}, {subType} and {format}, not {type}"),
                        new FieldProblem("ackTimeout", "must be a whole number from 1 to 300"),
                        new FieldProblem("batchBytes", "must be a whole number from 1000 to 838860800"));
        config.put("url", "https://splunk:8088/splunk/services");
        assertThat(HecSettings.parse(config).problems())
                .first()
                .isEqualTo(new FieldProblem(
                        "url",
                        "must be the collector's address without a path (e.g. https://splunk.example.org:8088);"
                                + " '/splunk/services' is not part of it"));
    }

    @Test
    void shouldAcceptWorkingConfigurationsWithoutIndexingAnything() throws Exception {
        Map<String, Object> plain = config(hec, TOKEN);
        Map<String, Object> acknowledged = config(hec, ACK_TOKEN);
        acknowledged.put("useAck", true);
        Map<String, Object> copiedFromSplunksExample = config(hec, TOKEN);
        copiedFromSplunksExample.put("url", hec.url() + "/services/collector/event");

        assertThat(PluginChecks.validate(plugin, TestContext.with(plain))).isEmpty();
        assertThat(PluginChecks.validate(plugin, TestContext.with(acknowledged)))
                .isEmpty();
        assertThat(PluginChecks.validate(plugin, TestContext.with(copiedFromSplunksExample)))
                .isEmpty();
        assertThat(hec.stats().path("events").path("indexed").asLong()).isZero();
        assertThat(hec.stats().path("requests").path("health").path("healthy").asLong())
                .isEqualTo(3);
    }

    @Test
    void shouldReportAUrlWhereNothingListensOnTheUrlField() throws Exception {
        Map<String, Object> config = config(hec, TOKEN);
        int port = SplunkHecSimulator.freePort();
        config.put("url", "http://127.0.0.1:" + port);

        assertThat(PluginChecks.validate(plugin, TestContext.with(config)))
                .containsExactly(new FieldProblem(
                        "url",
                        "cannot connect to 127.0.0.1:" + port + ": connection refused (is HEC enabled, and listening"
                                + " on this port? Splunk's default HEC port is 8088)"));
    }

    @Test
    void shouldReportAHostThatDoesNotResolveOnTheUrlField() {
        Map<String, Object> config = config(hec, TOKEN);
        config.put("url", "https://splunk.invalid:8088");

        assertThat(PluginChecks.validate(plugin, TestContext.with(config)))
                .containsExactly(
                        new FieldProblem("url", "cannot resolve the host name 'splunk.invalid' (DNS): check the URL"));
    }

    @Test
    void shouldReportAServerThatIsNotACollectorOnTheUrlField() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            Map<String, Object> config = config(hec, TOKEN);
            config.put("url", "http://127.0.0.1:" + web.getAddress().getPort());

            assertThat(PluginChecks.validate(plugin, TestContext.with(config)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.field()).isEqualTo("url");
                        assertThat(p.message())
                                .startsWith("there is no HTTP Event Collector at http://127.0.0.1:")
                                .contains("GET /services/collector/health answered 404 \"<html><body>Not Found")
                                .contains("HEC listens on 8088 by default");
                    });
        } finally {
            web.stop(0);
        }
    }

    @Test
    void shouldReportAWrongTokenOnTheTokenField() {
        assertThat(PluginChecks.validate(plugin, TestContext.with(config(hec, "no-such-token"))))
                .containsExactly(new FieldProblem(
                        "token",
                        "Splunk does not know this HEC token (health check: 400 \"Invalid token\" (code 21)): copy"
                                + " the token value from Settings > Data inputs > HTTP Event Collector"));
    }

    @Test
    void shouldReportADisabledTokenOnTheTokenField() {
        assertThat(PluginChecks.validate(plugin, TestContext.with(config(hec, DISABLED_TOKEN))))
                .containsExactly(new FieldProblem(
                        "token",
                        "this HEC token is disabled in Splunk (health check: 400 \"Token disabled\" (code 22)):"
                                + " enable it under Settings > Data inputs > HTTP Event Collector"));
    }

    @Test
    void shouldReportAnAcknowledgementSettingTheTokenDoesNotHave() {
        Map<String, Object> ackOff = config(hec, ACK_TOKEN);
        Map<String, Object> ackOn = config(hec, TOKEN);
        ackOn.put("useAck", true);

        assertThat(PluginChecks.validate(plugin, TestContext.with(ackOff)))
                .containsExactly(new FieldProblem(
                        "useAck",
                        "the token has indexer acknowledgement turned on in Splunk (400 \"Data channel is missing\""
                                + " (code 10)): turn this on, or acknowledgement off on the token"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(ackOn)))
                .containsExactly(new FieldProblem(
                        "useAck",
                        "the token has indexer acknowledgement turned off in Splunk (400 \"ACK is disabled\" (code"
                                + " 14)): turn this off, or acknowledgement on for the token"));
    }
}
