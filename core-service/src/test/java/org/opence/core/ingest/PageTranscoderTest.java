package org.opence.core.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integers are copied as text: within ±2^53 as numbers, beyond it and every {@code *_id} as strings.
 * Pages with elements that are no records, or not JSON, keep every record around them; an answer that
 * ends early is reported as cut with what came before.
 */
class PageTranscoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldKeepSafeIntegersAsNumbersAndWriteLargerOnesAndIdsAsStrings() throws Exception {
        String page = """
                {"ok": 1, "wait_time": 3, "timestamp_hwm": 1700000100, "result": [
                  {"_id": "a1", "timestamp": 1700000000,
                   "small": 123, "negative": -42, "zero": 0, "fifteen": 999999999999999,
                   "limit": 9007199254740992, "above": 9007199254740993,
                   "belowNegative": -9007199254740993, "negativeLimit": -9007199254740992,
                   "sixteenSmall": 1000000000000000, "seventeen": 10000000000000000,
                   "beyondLong": 123456789012345678901234567890, "ratio": 0.25, "exp": 1.5e3,
                   "dlp_incident_id": 7, "nested": {"request_id": 12, "n": [1, 9007199254740993]},
                   "flag": true, "nothing": null, "text": "caf\\u00e9 \\"q\\""}
                ]}
                """;
        PageTranscoder.Page result = new PageTranscoder("core-service", 2000)
                .transcode(
                        new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)),
                        "result",
                        new StreamKey("t", "events", "page"),
                        Set.of());

        assertThat(result.records()).isEqualTo(1);
        assertThat(result.waitTime()).isEqualTo(3L);
        assertThat(result.timestampHwm()).isEqualTo(1700000100L);
        assertThat(result.newestTimestamp()).isEqualTo(1700000000L);
        JsonNode envelope = JSON.readTree(result.batches().get(0).body());
        assertThat(envelope.path("payload").path("count").asInt()).isEqualTo(1);
        JsonNode r = envelope.path("payload").path("records").get(0);
        assertThat(r.path("timestamp").isIntegralNumber()).isTrue();
        assertThat(r.path("small").asLong()).isEqualTo(123);
        assertThat(r.path("small").isIntegralNumber()).isTrue();
        assertThat(r.path("negative").asLong()).isEqualTo(-42);
        assertThat(r.path("zero").isIntegralNumber()).isTrue();
        assertThat(r.path("fifteen").isIntegralNumber()).isTrue();
        assertThat(r.path("limit").isIntegralNumber()).isTrue();
        assertThat(r.path("limit").asLong()).isEqualTo(9007199254740992L);
        assertThat(r.path("negativeLimit").isIntegralNumber()).isTrue();
        assertThat(r.path("sixteenSmall").isIntegralNumber()).isTrue();
        assertThat(r.path("above").textValue()).isEqualTo("9007199254740993");
        assertThat(r.path("belowNegative").textValue()).isEqualTo("-9007199254740993");
        assertThat(r.path("seventeen").textValue()).isEqualTo("10000000000000000");
        assertThat(r.path("beyondLong").textValue()).isEqualTo("123456789012345678901234567890");
        assertThat(r.path("dlp_incident_id").textValue()).isEqualTo("7");
        assertThat(r.path("nested").path("request_id").textValue()).isEqualTo("12");
        assertThat(r.path("nested").path("n").get(0).isIntegralNumber()).isTrue();
        assertThat(r.path("nested").path("n").get(1).textValue()).isEqualTo("9007199254740993");
        assertThat(r.path("ratio").doubleValue()).isEqualTo(0.25);
        assertThat(r.path("exp").doubleValue()).isEqualTo(1500.0);
        assertThat(r.path("flag").booleanValue()).isTrue();
        assertThat(r.path("nothing").isNull()).isTrue();
        assertThat(r.path("text").textValue()).isEqualTo("café \"q\"");
    }

    private static final StreamKey STREAM = new StreamKey("t", "alerts", "malware");

    private static PageTranscoder.Page transcode(byte[] page, int batchRecords) throws Exception {
        return new PageTranscoder("core-service", batchRecords)
                .transcode(new ByteArrayInputStream(page), "result", STREAM, Set.of());
    }

    private static PageTranscoder.Page transcode(String page) throws Exception {
        return transcode(page.getBytes(StandardCharsets.UTF_8), 2000);
    }

    private static java.util.List<String> ids(PageTranscoder.Page page) throws Exception {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (PageTranscoder.Batch batch : page.batches()) {
            JsonNode envelope = JSON.readTree(batch.body());
            assertThat(envelope.path("payload").path("count").asInt())
                    .isEqualTo(envelope.path("payload").path("records").size())
                    .isEqualTo(batch.records());
            envelope.path("payload")
                    .path("records")
                    .forEach(r -> ids.add(r.path("_id").asText()));
        }
        return ids;
    }

    private static String raw(PageTranscoder.Malformed m) {
        return new String(m.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepEveryRecordAroundElementsThatAreNoRecords() throws Exception {
        // Given the page the issue describes, and more kinds of element that are no record
        String page = """
                {"ok":1,"result":[{"_id":"r100","timestamp":1},null,{"_id":"r101","timestamp":2},
                {"_id":"r102","timestamp":3},"a string",{"_id":"r103","timestamp":4}, 42, -1.5e3, true,
                [{"_id":"inner"}, [1, 2]], {"_id":"r104","timestamp":5}],"wait_time":0,"timestamp_hwm":9}
                """;
        // When
        PageTranscoder.Page result = transcode(page);
        // Then every record arrives, and every other element is handed back with where it stood
        assertThat(ids(result)).containsExactly("r100", "r101", "r102", "r103", "r104");
        assertThat(result.records()).isEqualTo(5);
        assertThat(result.wasCut()).isFalse();
        assertThat(result.timestampHwm()).isEqualTo(9L);
        assertThat(result.malformed())
                .extracting(PageTranscoder.Malformed::position)
                .containsExactly(1, 4, 6, 7, 8, 9);
        assertThat(result.malformed())
                .extracting(PageTranscoderTest::raw)
                .containsExactly("null", "\"a string\"", "42", "-1.5e3", "true", "[{\"_id\":\"inner\"}, [1, 2]]");
        assertThat(result.malformed().get(0).reason()).isEqualTo("null where a record belongs");
        assertThat(result.malformed().get(5).reason()).isEqualTo("an array where a record belongs");
    }

    @Test
    void shouldSetAsideARecordWithBytesThatAreNotUtf8AndKeepItsBytesAsTheyCame() throws Exception {
        // Given a record whose string holds 0xFF and a broken two-byte sequence, between two good ones
        java.io.ByteArrayOutputStream page = new java.io.ByteArrayOutputStream();
        page.writeBytes("{\"result\":[{\"_id\":\"a\",\"user\":\"caf\u00c3\u00a9\"},{\"_id\":\"b\",\"user\":\""
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] bad = {'x', (byte) 0xFF, 'y', (byte) 0xC3, '(', '"', '}'};
        page.writeBytes(bad);
        page.writeBytes(",{\"_id\":\"c\",\"timestamp\":7}],\"wait_time\":5}".getBytes(StandardCharsets.US_ASCII));
        // When
        PageTranscoder.Page result = transcode(page.toByteArray(), 2000);
        // Then
        assertThat(ids(result)).containsExactly("a", "c");
        JsonNode first = JSON.readTree(result.batches().get(0).body())
                .path("payload")
                .path("records")
                .get(0);
        assertThat(first.path("user").asText()).isEqualTo("café");
        assertThat(result.waitTime()).isEqualTo(5L);
        assertThat(result.malformed()).hasSize(1);
        PageTranscoder.Malformed m = result.malformed().get(0);
        assertThat(m.position()).isEqualTo(1);
        assertThat(m.reason()).startsWith("not valid JSON: Invalid UTF-8");
        byte[] expected = java.util.Arrays.copyOfRange(
                page.toByteArray(),
                page.toString(StandardCharsets.ISO_8859_1).indexOf("{\"_id\":\"b\""),
                page.toString(StandardCharsets.ISO_8859_1).indexOf(",{\"_id\":\"c\""));
        assertThat(m.bytes()).isEqualTo(expected);
        assertThat(m.size()).isEqualTo(expected.length);
    }

    @Test
    void shouldSetAsideRecordsWithTokensOrCharactersJsonDoesNotAllow() throws Exception {
        String page = "{\"result\":[{\"_id\":\"a\",\"n\":NaN},{\"_id\":\"b\",\"t\":\"tab\there\"},"
                + "{\"_id\":\"c\" \"missing\":\"colon\"},{\"_id\":\"d\",\"a\":[1,2}],"
                + "{\"_id\":\"e\",\"q\":\"esc\\\"aped } ] {\"}]}";
        PageTranscoder.Page result = transcode(page);

        assertThat(ids(result)).containsExactly("e");
        assertThat(result.malformed())
                .extracting(PageTranscoder.Malformed::position)
                .containsExactly(0, 1, 2, 3);
        assertThat(result.malformed()).allSatisfy(m -> assertThat(m.reason()).startsWith("not valid JSON: "));
        JsonNode e = JSON.readTree(result.batches().get(0).body())
                .path("payload")
                .path("records")
                .get(0);
        assertThat(e.path("q").asText()).isEqualTo("esc\"aped } ] {");
    }

    @Test
    void shouldReportAnAnswerThatEndsInsideARecordAndKeepWhatCameBefore() throws Exception {
        String whole = "{\"ok\":1,\"result\":[{\"_id\":\"a\",\"timestamp\":1},{\"_id\":\"b\",\"timestamp\":2},"
                + "{\"_id\":\"c\",\"timestamp\":3}],\"wait_time\":0}";
        String cut = whole.substring(0, whole.indexOf("\"c\"") + 2);

        PageTranscoder.Page result = transcode(cut);

        assertThat(result.wasCut()).isTrue();
        assertThat(result.cut()).contains("ended after " + cut.length() + " bytes");
        assertThat(ids(result)).containsExactly("a", "b");
        assertThat(result.malformed()).hasSize(1);
        assertThat(result.malformed().get(0).position()).isEqualTo(2);
        assertThat(raw(result.malformed().get(0))).isEqualTo("{\"_id\":\"c");
        assertThat(result.malformed().get(0).reason()).startsWith("the answer ended inside this element");
    }

    @Test
    void shouldReportAnAnswerThatEndsBetweenRecordsOrAfterThem() throws Exception {
        String whole = "{\"result\":[{\"_id\":\"a\"},{\"_id\":\"b\"}],\"wait_time\":3,\"timestamp_hwm\":99}";
        for (int end : new int[] {
            whole.indexOf(",{\"_id\":\"b"), whole.indexOf("],") + 1, whole.indexOf("3,") + 1, whole.length() - 1
        }) {
            PageTranscoder.Page result = transcode(whole.substring(0, end));
            assertThat(result.wasCut()).as("cut at %d", end).isTrue();
            assertThat(result.malformed()).as("cut at %d", end).isEmpty();
            assertThat(ids(result)).as("cut at %d", end).isNotEmpty();
        }
        assertThat(transcode(whole).wasCut()).isFalse();
    }

    @Test
    void shouldFailWhenTheConnectionBreaksInsteadOfCallingThePageCut() {
        java.io.InputStream breaking = new java.io.SequenceInputStream(
                new ByteArrayInputStream("{\"result\":[{\"_id\":\"a\"},".getBytes(StandardCharsets.US_ASCII)),
                new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        throw new java.io.IOException("connection reset");
                    }
                });

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new PageTranscoder("core-service", 2000).transcode(breaking, "result", STREAM, Set.of()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void shouldSplitBatchesAtTheRecordCountWhatEverLiesBetween() throws Exception {
        StringBuilder page = new StringBuilder("{\"result\":[");
        for (int i = 0; i < 25; i++) {
            page.append(i == 0 ? "" : ",")
                    .append("{\"_id\":\"r")
                    .append(i)
                    .append("\",\"timestamp\":")
                    .append(i)
                    .append('}');
            if (i % 4 == 0) {
                page.append(",null,{\"broken\":\"\u0001\"}");
            }
        }
        page.append("]}");

        PageTranscoder.Page result = transcode(page.toString().getBytes(StandardCharsets.UTF_8), 10);

        assertThat(result.batches()).extracting(PageTranscoder.Batch::records).containsExactly(10, 10, 5);
        assertThat(ids(result)).hasSize(25).doesNotHaveDuplicates();
        assertThat(result.malformed()).hasSize(14);
        assertThat(result.newestTimestamp()).isEqualTo(24);
    }

    @Test
    void shouldKeepOnlyTheFirstPartOfAnEnormousElementAndSaySoWithoutHoldingItAll() throws Exception {
        int size = PageTranscoder.MAX_ELEMENT_BYTES + 1000;
        StringBuilder page = new StringBuilder("{\"result\":[{\"_id\":\"huge\",\"v\":\"");
        page.append("x".repeat(size));
        page.append("\"},{\"_id\":\"after\"}]}");

        PageTranscoder.Page result = transcode(page.toString().getBytes(StandardCharsets.UTF_8), 2000);

        assertThat(ids(result)).containsExactly("after");
        assertThat(result.malformed()).hasSize(1);
        assertThat(result.malformed().get(0).bytes()).hasSize(PageTranscoder.MAX_ELEMENT_BYTES);
        assertThat(result.malformed().get(0).size()).isEqualTo(size + 21L);
        assertThat(result.malformed().get(0).reason()).contains("larger than");
    }

    @Test
    void shouldReadTheSamePageWhateverSizeTheReadsAre() throws Exception {
        // Given a page with escapes, brackets and quotes inside strings, multi-byte text and damaged
        // elements, so that every kind of byte ends up at the edge of some read
        byte[] page = ("{\"ok\":1,\"result\":[{\"_id\":\"a\",\"s\":\"x\\\\\",\"q\":\"say \\\"}]{[\\\" \\\\ ok\"},"
                        + "null,{\"_id\":\"b\",\"u\":\"caf\u00e9 \u65e5\u672c \\u00e9\",\"n\":[1,{\"m\":\"]\"}]},"
                        + "\"text, with ] and }\",{\"_id\":\"c\",\"e\":\"\\\\\"},{\"_id\":\"d\",\"bad\":NaN},"
                        + "{\"_id\":\"e\",\"x\":\"12345678901234567890\\\"abcdefgh\"}],\"wait_time\":2}")
                .getBytes(StandardCharsets.UTF_8);
        PageTranscoder.Page whole = transcode(page, 2000);
        assertThat(ids(whole)).containsExactly("a", "b", "c", "e");
        assertThat(whole.malformed())
                .extracting(PageTranscoder.Malformed::position)
                .containsExactly(1, 3, 5);
        JsonNode a = JSON.readTree(whole.batches().get(0).body())
                .path("payload")
                .path("records")
                .get(0);
        assertThat(a.path("q").asText()).isEqualTo("say \"}]{[\" \\ ok");
        // When it comes in reads of every size from 1 to 17 bytes
        for (int size = 1; size <= 17; size++) {
            PageTranscoder.Page pieces = new PageTranscoder("core-service", 2000)
                    .transcode(new Trickle(page, size), "result", STREAM, Set.of());
            // Then it reads the same
            assertThat(ids(pieces)).as("reads of %d", size).isEqualTo(ids(whole));
            assertThat(pieces.malformed())
                    .as("reads of %d", size)
                    .extracting(PageTranscoderTest::raw)
                    .isEqualTo(whole.malformed().stream()
                            .map(PageTranscoderTest::raw)
                            .toList());
            assertThat(pieces.waitTime()).isEqualTo(2L);
            assertThat(pieces.batches().get(0).body()).isNotEmpty();
            assertThat(JSON.readTree(pieces.batches().get(0).body())
                            .path("payload")
                            .path("records"))
                    .isEqualTo(JSON.readTree(whole.batches().get(0).body())
                            .path("payload")
                            .path("records"));
        }
    }

    /** Hands out at most {@code size} bytes per read, as a slow connection does. */
    private static final class Trickle extends java.io.InputStream {
        private final byte[] data;
        private final int size;
        private int at;

        Trickle(byte[] data, int size) {
            this.data = data;
            this.size = size;
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, size), data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }
}
