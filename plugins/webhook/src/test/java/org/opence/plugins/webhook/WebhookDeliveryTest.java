package org.opence.plugins.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.TestContext;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.webhook.Fixtures.allRecords;
import static org.opence.plugins.webhook.Fixtures.cefLines;
import static org.opence.plugins.webhook.Fixtures.config;
import static org.opence.plugins.webhook.Fixtures.jsonRecords;
import static org.opence.plugins.webhook.Fixtures.ship;
import static org.opence.plugins.webhook.Fixtures.tree;

/** What arrives at the receiver: bodies, batching, headers and authentication. */
class WebhookDeliveryTest {

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.http();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest(name = "{0}, gzip {1}")
    @CsvSource({"array,false", "array,true", "ndjson,false", "ndjson,true", "envelope,false", "envelope,true"})
    void shouldDeliverTenThousandRecordsExactlyOnceInOrder(String shape, boolean gzip) throws Exception {
        // Given
        Map<String, Object> config = config(receiver.url());
        config.put("bodyShape", shape);
        config.put("gzip", gzip);
        List<String> records = jsonRecords(10_000, 0);

        // When
        PushResult result = ship(TestContext.with(config), records, "json", "alerts", "malware");

        // Then
        assertThat(result).isEqualTo(PushResult.allAccepted(10_000));
        assertThat(receiver.requests()).hasSize(10).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/ingest");
            assertThat(request.header("Content-Encoding")).isEqualTo(gzip ? "gzip" : null);
            assertThat(request.header("Content-Type"))
                    .isEqualTo(shape.equals("ndjson") ? "application/x-ndjson" : "application/json");
            assertThat(request.body().length).isLessThanOrEqualTo(1_048_576);
            if (gzip) {
                assertThat(request.raw().length).isLessThan(request.body().length / 3);
            }
        });
        assertThat(allRecords(receiver, shape))
                .containsExactlyElementsOf(records.stream().map(Fixtures::tree).toList());
    }

    @Test
    void shouldPutDataTypeAndSubTypeIntoTheEnvelope() throws Exception {
        Map<String, Object> config = config(receiver.url());
        config.put("bodyShape", "envelope");

        ship(TestContext.with(config), jsonRecords(2, 0), "json", "events", "page");

        JsonNode body = tree(receiver.requests().get(0).text());
        assertThat(body.fieldNames()).toIterable().containsExactly("records", "dataType", "subType");
        assertThat(body.get("dataType").asText()).isEqualTo("events");
        assertThat(body.get("subType").asText()).isEqualTo("page");
        assertThat(body.get("records")).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"array", "ndjson", "envelope"})
    void shouldSendCefAndLeefLinesAsJsonStrings(String shape) throws Exception {
        Map<String, Object> config = config(receiver.url());
        config.put("bodyShape", shape);
        List<String> lines = cefLines(3, 0);
        List<String> leef = List.of("LEEF:2.0|Netskope|CE|1.0|malware|^|src=10.0.0.1^usrName=a\tb");

        ship(TestContext.with(config), lines, "cef", "alerts", "malware");
        ship(TestContext.with(config), leef, "leef", "alerts", "malware");

        assertThat(allRecords(receiver, shape)).allMatch(JsonNode::isTextual);
        assertThat(allRecords(receiver, shape).stream().map(JsonNode::asText))
                .containsExactly(lines.get(0), lines.get(1), lines.get(2), leef.get(0));
    }

    @Test
    void shouldKeepEachRequestWithinTheByteLimitAndFillIt() throws Exception {
        // Given records from 60 to about 900 bytes and a limit of 4 KiB
        Map<String, Object> config = config(receiver.url());
        config.put("maxBatchBytes", 4_096);
        List<String> records = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add("{\"id\":" + i + ",\"pad\":\"" + "x".repeat((i * 37) % 840) + "\"}");
        }

        // When
        PushResult result = ship(TestContext.with(config), records, "json", "alerts", "malware");

        // Then every body is at most 4096 bytes, and the next record would not have fitted into it
        assertThat(result).isEqualTo(PushResult.allAccepted(500));
        List<Receiver.Request> requests = receiver.requests();
        int sent = 0;
        for (Receiver.Request request : requests) {
            assertThat(request.body().length).isLessThanOrEqualTo(4_096);
            sent += Fixtures.records(request, "array").size();
            if (sent < records.size()) {
                int next = records.get(sent).getBytes(StandardCharsets.UTF_8).length;
                assertThat(request.body().length + 1 + next).isGreaterThan(4_096);
            }
        }
        assertThat(allRecords(receiver, "array"))
                .containsExactlyElementsOf(records.stream().map(Fixtures::tree).toList());
    }

    @Test
    void shouldHonourTheRecordLimitPerRequest() throws Exception {
        Map<String, Object> config = config(receiver.url());
        config.put("maxRecords", 7);

        ship(TestContext.with(config), jsonRecords(50, 0), "json", "alerts", "malware");

        assertThat(receiver.requests())
                .extracting(r -> Fixtures.records(r, "array").size())
                .containsExactly(7, 7, 7, 7, 7, 7, 7, 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bearer, Authorization, Bearer s3cr3t-token",
        "basic, Authorization, Basic dXNlcjpww6Rzczp3b3Jk",
        "header, X-Api-Key, k-123 456"
    })
    void shouldSendTheConfiguredAuthentication(String type, String header, String expected) throws Exception {
        // Given a receiver that answers 401 to anything else
        receiver.requiring(header, expected);
        Map<String, Object> config = config(receiver.url());
        config.put("authType", type);
        config.put("token", " s3cr3t-token\n");
        config.put("username", "user");
        config.put("password", "päss:word");
        config.put("headerName", "X-Api-Key");
        config.put("headerValue", "k-123 456");

        // When
        PushResult result = ship(TestContext.with(config), jsonRecords(3, 0), "json", "alerts", "malware");

        // Then
        assertThat(result).isEqualTo(PushResult.allAccepted(3));
        assertThat(receiver.requests()).singleElement().satisfies(r -> assertThat(r.header(header))
                .isEqualTo(expected));
        if (type.equals("basic")) {
            assertThat(new String(Base64.getDecoder().decode(expected.substring(6)), StandardCharsets.UTF_8))
                    .isEqualTo("user:päss:word");
        }
    }

    @Test
    void shouldSendNoAuthorizationWithoutAuthentication() throws Exception {
        ship(TestContext.with(config(receiver.url())), jsonRecords(1, 0), "json", "alerts", "malware");

        assertThat(receiver.requests()).singleElement().satisfies(r -> assertThat(r.headers())
                .doesNotContainKey("authorization"));
    }

    @Test
    void shouldSendStaticHeadersAndLetThemReplaceTheContentType() throws Exception {
        Map<String, Object> config = config(receiver.url());
        config.put("method", "PUT");
        config.put(
                "headers",
                "# routing for the collector\nX-Source: opence\n\n  X-Tenant:   acme corp  \r\n"
                        + "Content-Type: application/json; charset=utf-8\nX-Multi: a\nX-Multi: b");

        ship(TestContext.with(config), jsonRecords(1, 0), "json", "alerts", "malware");

        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.header("X-Source")).isEqualTo("opence");
            assertThat(r.header("X-Tenant")).isEqualTo("acme corp");
            assertThat(r.headers().get("content-type")).containsExactly("application/json; charset=utf-8");
            assertThat(r.headers().get("x-multi")).containsExactly("a", "b");
        });
    }

    @Test
    void shouldParkRecordsThatAreNotJsonWithoutBreakingTheOthers() throws Exception {
        // Given a JSON record that is cut off, between two good ones, one of them pretty-printed
        List<String> records = List.of("{\"id\":1}", "{\"id\":2,\"user\":\"a", "{\n  \"id\": 3\n}");

        // When
        TestContext context = TestContext.with(config(receiver.url()));
        PushResult result = ship(context, records, "json", "alerts", "malware");

        // Then
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.retryable()).isFalse();
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.reason())
                    .isEqualTo("is not valid JSON (a string is not closed; the text ended after 17 characters)");
        });
        assertThat(allRecords(receiver, "array")).containsExactly(tree("{\"id\":1}"), tree("{\"id\":3}"));
        assertThat(context.errors()).singleElement().satisfies(e -> assertThat(e.errorCode())
                .isEqualTo("WEBHOOK-REFUSED"));
    }

    @Test
    void shouldPutEachPrettyPrintedRecordOnOneNdjsonLine() throws Exception {
        Map<String, Object> config = config(receiver.url());
        config.put("bodyShape", "ndjson");

        ship(TestContext.with(config), List.of("{\r\n \"a\": \"x\\ny\"\n}", "[1,\n2]"), "json", "alerts", "malware");

        assertThat(receiver.requests().get(0).text()).isEqualTo("{   \"a\": \"x\\ny\" }\n[1, 2]\n");
    }

    @Test
    void shouldParkARecordTooLargeForAnyRequestWithoutSendingIt() throws Exception {
        Map<String, Object> config = config(receiver.url());
        config.put("maxBatchBytes", 1_024);
        List<String> records = List.of("{\"id\":1}", "{\"pad\":\"" + "x".repeat(1_020) + "\"}", "{\"id\":3}");

        PushResult result = ship(TestContext.with(config), records, "json", "alerts", "malware");

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.reason())
                    .isEqualTo("is 1030 bytes; a request with it alone would be 1032 bytes, more than maxBatchBytes"
                            + " (1024)");
        });
        assertThat(allRecords(receiver, "array")).containsExactly(tree("{\"id\":1}"), tree("{\"id\":3}"));
    }

    @Test
    void shouldAcceptAnEmptyPushWithoutARequest() throws Exception {
        PushResult result =
                new WebhookPlugin().push(TestContext.with(config(receiver.url())), List.of(), "alerts", "malware");

        assertThat(result).isEqualTo(PushResult.allAccepted(0));
        assertThat(receiver.requests()).isEmpty();
    }
}
