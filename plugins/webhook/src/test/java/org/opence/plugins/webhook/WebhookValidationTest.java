package org.opence.plugins.webhook;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.FieldType;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.cls.ClsPlugin;
import org.opence.plugin.testkit.PluginChecks;
import org.opence.plugin.testkit.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.opence.plugins.webhook.Receiver.Reply;

class WebhookValidationTest {

    private final WebhookPlugin plugin = new WebhookPlugin();
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
    void shouldBeFoundByThePlatformAsALogShipperDestination() {
        assertThat(PluginChecks.registered(ClsPlugin.class)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("webhook");
            assertThat(m.module()).isEqualTo(ModuleType.CLS);
            assertThat(m.dataTypes()).containsExactly("alerts", "events");
            assertThat(m.formats()).containsExactly("cef", "leef", "json");
        });
        assertThat(plugin.chunkSize()).isEqualTo(10_000);
    }

    @Test
    void shouldOfferTheDocumentedFieldsWithSecretsAsPasswords() {
        List<ConfigField> fields = plugin.manifest().configuration();

        assertThat(fields)
                .extracting(ConfigField::key, ConfigField::type, ConfigField::defaultValue)
                .containsExactly(
                        tuple("url", FieldType.TEXT, null),
                        tuple("method", FieldType.CHOICE, "POST"),
                        tuple("authType", FieldType.CHOICE, "none"),
                        tuple("token", FieldType.PASSWORD, null),
                        tuple("username", FieldType.TEXT, null),
                        tuple("password", FieldType.PASSWORD, null),
                        tuple("headerName", FieldType.TEXT, null),
                        tuple("headerValue", FieldType.PASSWORD, null),
                        tuple("headers", FieldType.TEXTAREA, null),
                        tuple("bodyShape", FieldType.CHOICE, "array"),
                        tuple("gzip", FieldType.BOOLEAN, false),
                        tuple("maxBatchBytes", FieldType.NUMBER, 1_048_576),
                        tuple("maxRecords", FieldType.NUMBER, 1_000),
                        tuple("successCodes", FieldType.TEXT, "200-299"),
                        tuple("timeoutSeconds", FieldType.NUMBER, 30),
                        tuple("testOnSave", FieldType.CHOICE, "empty-batch"));
        assertThat(fields.get(0).mandatory()).isTrue();
        assertThat(PluginChecks.validate(plugin, TestContext.with(Map.of())))
                .containsExactly(new FieldProblem("url", "is required"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(Map.of("url", "http://h", "method", "PATCH"))))
                .containsExactly(new FieldProblem("method", "must be one of [POST, PUT]"));
    }

    @Test
    void shouldNameEveryFieldThatBreaksTheRulesAndWhatIsAllowed() {
        Map<String, Object> config = Fixtures.config("ftp://collector.example.com/in");
        config.put("authType", "bearer");
        config.put("headers", "X Bad: 1\nHost: example.com\nnocolon\nX-Ok: fine\nX-Bell: a\u0007b");
        config.put("maxBatchBytes", 100);
        config.put("maxRecords", 20_000);
        config.put("successCodes", "200-abc");
        config.put("timeoutSeconds", 0);

        assertThat(PluginChecks.validate(plugin, TestContext.with(config)))
                .containsExactly(
                        new FieldProblem("url", "must start with http:// or https://"),
                        new FieldProblem("token", "is required when authType is bearer"),
                        new FieldProblem(
                                "headers",
                                "line 1: 'X Bad' is not a header name: it may only contain letters, digits and"
                                        + " !#$%&'*+-.^_`|~"),
                        new FieldProblem("headers", "line 2: 'Host' cannot be set: it comes from the URL"),
                        new FieldProblem("headers", "line 3 ('nocolon') must be 'Name: value'"),
                        new FieldProblem(
                                "headers",
                                "line 5: the value of 'X-Bell' must not contain control characters (found code 7)"),
                        new FieldProblem("maxBatchBytes", "must be a whole number from 1024 to 104857600"),
                        new FieldProblem("maxRecords", "must be a whole number from 1 to 10000"),
                        new FieldProblem(
                                "successCodes",
                                "must be status codes from 100 to 599 or ranges of them, separated by commas, e.g."
                                        + " 200-299 or 200,202,204-206; '200-abc' is neither a code nor a range"),
                        new FieldProblem("timeoutSeconds", "must be a whole number from 1 to 300"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not a url| is not a valid URL: Illegal character in path at index 3: not a url",
                "collector.example.com/in| must start with http:// or https://",
                "https:///in| must name a host, e.g. https://collector.example.com/ingest",
                "https://me:pw@collector.example.com/in| must not contain a user name or password: choose authType"
                        + " basic instead",
                "https://collector.example.com/in#x| must not contain a fragment (#…): it is never sent to the server"
            })
    void shouldExplainWhatIsWrongWithTheUrl(String url, String message) {
        assertThat(PluginChecks.validate(plugin, TestContext.with(Fixtures.config(url))))
                .containsExactly(new FieldProblem("url", message));
    }

    @Test
    void shouldCheckTheFieldsOfTheChosenAuthentication() {
        Map<String, Object> basic = Fixtures.config(receiver.url());
        basic.put("authType", "basic");
        basic.put("username", "a:b");
        Map<String, Object> header = Fixtures.config(receiver.url());
        header.put("authType", "header");
        header.put("headerName", "Content-Length");
        header.put("headerValue", "ключ");
        Map<String, Object> twice = Fixtures.config(receiver.url());
        twice.put("authType", "bearer");
        twice.put("token", "t");
        twice.put("headers", "authorization: Bearer other");

        assertThat(PluginChecks.validate(plugin, TestContext.with(basic)))
                .containsExactly(new FieldProblem("username", "must not contain ':' (RFC 7617)"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(header)))
                .containsExactly(
                        new FieldProblem(
                                "headerName", "'Content-Length' cannot be set: it is computed for every request"),
                        new FieldProblem("headerValue", "may only contain ISO-8859-1 characters (found 'к')"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(twice)))
                .containsExactly(new FieldProblem(
                        "headers",
                        "'authorization' is already sent by authType bearer: remove it here, or choose authType"
                                + " none"));
        assertThat(receiver.requests())
                .as("nothing is sent while fields are wrong")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"array|[]", "ndjson|", "envelope|{\"records\":[],\"dataType\":null,\"subType\":null}"})
    void shouldSendAnEmptyBatchOnSaveAndAcceptASuccessCode(String shape, String body) {
        Map<String, Object> config = probing("empty-batch");
        config.put("bodyShape", shape);
        config.put("authType", "bearer");
        config.put("token", "t0k");
        receiver.requiring("Authorization", "Bearer t0k");

        assertThat(PluginChecks.validate(plugin, TestContext.with(config))).isEmpty();
        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.text()).isEqualTo(body == null ? "" : body);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bearer, token", "basic, password", "header, headerValue"})
    void shouldReportRefusedCredentialsOnTheSecretField(String type, String field) {
        receiver.requiring("X-Never", "matches");
        Map<String, Object> config = probing("empty-batch");
        config.put("authType", type);
        config.put("token", "t");
        config.put("username", "u");
        config.put("password", "p");
        config.put("headerName", "X-Key");
        config.put("headerValue", "v");

        List<FieldProblem> problems = PluginChecks.validate(plugin, TestContext.with(config));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).startsWith("HTTP 401 from " + receiver.url() + ": the receiver refused the");
        });
    }

    @Test
    void shouldTellToChooseAnAuthenticationWhenTheReceiverAsksForOne() {
        receiver.requiring("Authorization", "Bearer x");

        assertThat(PluginChecks.validate(plugin, TestContext.with(probing("empty-batch"))))
                .containsExactly(new FieldProblem(
                        "authType",
                        "HTTP 401 from " + receiver.url() + ": the receiver requires authentication:"
                                + " {\"error\":\"invalid credentials\"}; choose bearer, basic or header and give the"
                                + " credentials"));
    }

    @Test
    void shouldPutOtherAnswersToTheEmptyBatchOnTheFieldToChange() {
        Map<String, Object> strict = probing("empty-batch");
        strict.put("successCodes", "202");
        String url = receiver.url();

        receiver.then(Reply.of(200, "ok"), Reply.of(400, "no records"), Reply.of(404), Reply.of(405));
        receiver.answering(r -> new Reply(503, "down", Map.of("Retry-After", "0")));

        assertThat(PluginChecks.validate(plugin, TestContext.with(strict)))
                .containsExactly(new FieldProblem(
                        "successCodes",
                        "the receiver answered an empty batch with HTTP 200 from " + url
                                + ", which is not among the success codes 202: ok; add that code here if it means"
                                + " success"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(probing("empty-batch"))))
                .containsExactly(new FieldProblem(
                        "testOnSave",
                        "the receiver refused an empty batch (HTTP 400 from " + url + ": no records); if it never"
                                + " takes empty batches, choose head or none here"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(probing("empty-batch"))))
                .containsExactly(new FieldProblem("url", "HTTP 404 from " + url + " (check the path)"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(probing("empty-batch"))))
                .containsExactly(new FieldProblem(
                        "method", "HTTP 405 from " + url + ": the receiver does not take POST at this URL"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(probing("empty-batch"))))
                .containsExactly(
                        new FieldProblem("url", "the receiver is not available: HTTP 503 from " + url + ": down"));
    }

    @Test
    void shouldReportAnUnreachableUrlOnTheUrlField() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> refused = Fixtures.config("http://127.0.0.1:" + port + "/in");
        refused.put("testOnSave", "empty-batch");
        Map<String, Object> unknown = Fixtures.config("https://no-such-host.invalid/in");
        unknown.put("testOnSave", "head");

        assertThat(PluginChecks.validate(plugin, TestContext.with(refused)))
                .containsExactly(new FieldProblem(
                        "url",
                        "connection to 127.0.0.1:" + port + " refused: nothing accepts connections on that port"));
        assertThat(PluginChecks.validate(plugin, TestContext.with(unknown)))
                .containsExactly(new FieldProblem(
                        "url", "cannot resolve the host name 'no-such-host.invalid' (DNS): check the URL"));
    }

    @Test
    void shouldTakeAnyAnswerToHeadButRefusedCredentials() {
        Map<String, Object> config = probing("head");
        config.put("authType", "header");
        config.put("headerName", "X-Key");
        config.put("headerValue", "right");
        receiver.answering(405);

        assertThat(PluginChecks.validate(plugin, TestContext.with(config))).isEmpty();
        config.put("headerValue", "wrong");
        receiver.requiring("X-Key", "right");
        assertThat(PluginChecks.validate(plugin, TestContext.with(config)))
                .extracting(FieldProblem::field)
                .containsExactly("headerValue");
        assertThat(receiver.requests())
                .extracting(Receiver.Request::method, r -> r.header("X-Key"), r -> r.body().length)
                .containsExactly(Tuple.tuple("HEAD", "right", 0), Tuple.tuple("HEAD", "wrong", 0));
    }

    @Test
    void shouldSendNothingWhenTestOnSaveIsNone() {
        receiver.answering(500);

        assertThat(PluginChecks.validate(plugin, TestContext.with(probing("none"))))
                .isEmpty();
        assertThat(receiver.requests()).isEmpty();
    }

    private Map<String, Object> probing(String testOnSave) {
        Map<String, Object> config = Fixtures.config(receiver.url());
        config.put("testOnSave", testOnSave);
        return config;
    }
}
