package org.opence.mapping.format;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opence.mapping.CefMapping;
import org.opence.mapping.DataType;
import org.opence.mapping.FieldSpec;
import org.opence.mapping.Format;
import org.opence.mapping.Transformation;
import org.opence.mapping.format.CefTestParser.Event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.mapping.format.FormatterFixtures.cef;
import static org.opence.mapping.format.FormatterFixtures.fields;
import static org.opence.mapping.format.FormatterFixtures.header;
import static org.opence.mapping.format.FormatterFixtures.record;

class CefFormatterTest {

    @Test
    void shouldWriteHeaderAndExtensionInOrder() {
        // Given
        RecordFormatter f = cef(fields("src", FieldSpec.field("srcip"), "suser", FieldSpec.field("user")));
        // When
        String line = f.format(record(
                "{\"alert_name\":\"Malware found\",\"severity\":\"high\",\"srcip\":\"10.0.0.1\",\"user\":\"a@b.c\"}"));
        // Then
        assertThat(line)
                .isEqualTo("CEF:0|Netskope|Security Cloud|1.0|alert:malware|Malware found|8|src=10.0.0.1 suser=a@b.c");
    }

    @Test
    void shouldEscapePipesAndBackslashesInHeaderButNotEquals() {
        RecordFormatter f = cef(fields());

        String line = f.format(record("{\"alert_name\":\"a|b\\\\c=d\",\"severity\":\"low\"}"));

        assertThat(line).isEqualTo("CEF:0|Netskope|Security Cloud|1.0|alert:malware|a\\|b\\\\c=d|3|");
    }

    @Test
    void shouldEscapeBackslashEqualsAndLineBreaksInExtensionButNotPipes() {
        RecordFormatter f = cef(fields("msg", FieldSpec.field("text")));

        String line = f.format(record("{\"text\":\"p|q\\\\r=s\\nline2\\r\\nend\"}"));

        assertThat(line).endsWith("|msg=p|q\\\\r\\=s\\nline2\\r\\nend");
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void shouldReplaceLineBreaksInHeaderWithSpaces() {
        RecordFormatter f = cef(fields());

        String line = f.format(record("{\"alert_name\":\"first\\nsecond\\rthird\"}"));

        assertThat(CefTestParser.parse(line).header().get(4)).isEqualTo("first second third");
    }

    @Test
    void shouldRoundTripHostileValuesThroughAnIndependentParser() {
        // Given values with every character CEF treats specially, in header and extension
        String[] hostile = {
            "plain",
            "a|b",
            "back\\slash",
            "ends with backslash\\",
            "\\",
            "\\\\|\\=",
            "k=v",
            "x y=z w",
            "spaces  inside and trailing ",
            " leading",
            "multi\nline\r\nvalue",
            "=",
            "cs1=forged value",
            "emoji 😀 and ü and 中文",
            "tab\tseparated"
        };
        RecordFormatter f = cef(
                header(FieldSpec.field("name"), FieldSpec.constant("5")),
                fields(
                        "cs1", FieldSpec.field("v1"),
                        "cs1Label", FieldSpec.constant("label | with = specials"),
                        "cs2", FieldSpec.field("v2"),
                        "msg", FieldSpec.field("v3")),
                FormatOptions.DEFAULTS);
        for (String a : hostile) {
            for (String b : hostile) {
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                r.put("name", a);
                r.put("v1", b);
                r.put("v2", a + b);
                r.put("v3", b + " " + a);
                // When
                Event event = CefTestParser.parse(f.format(r));
                // Then
                assertThat(event.version()).isEqualTo("0");
                assertThat(event.header().get(4)).isEqualTo(a.replace('\n', ' ').replace('\r', ' '));
                assertThat(event.extension())
                        .containsExactly(
                                Map.entry("cs1", b),
                                Map.entry("cs1Label", "label | with = specials"),
                                Map.entry("cs2", a + b),
                                Map.entry("msg", b + " " + a));
            }
        }
    }

    @Test
    void shouldUseDefaultsForMissingFieldsAndOmitPairsWithoutValue() {
        RecordFormatter f = cef(fields(
                "src", FieldSpec.field("srcip"),
                "act", FieldSpec.field("action", "alert"),
                "dst", FieldSpec.field("dstip"),
                "suser", FieldSpec.field("user")));

        String line = f.format(record("{\"srcip\":\"1.2.3.4\",\"dstip\":null,\"user\":\"\"}"));

        assertThat(CefTestParser.parse(line).extension())
                .containsExactly(Map.entry("src", "1.2.3.4"), Map.entry("act", "alert"));
        assertThat(CefTestParser.parse(line).header())
                .containsExactly("Netskope", "Security Cloud", "1.0", "alert:malware", "Alert", "Unknown");
    }

    @Test
    void shouldFollowNestedPathsAndArrayIndexes() {
        RecordFormatter f = cef(fields(
                "cs1", FieldSpec.field("supporting_data.data_type"),
                "cs2", FieldSpec.field("supporting_data.data_values.1"),
                "cs3", FieldSpec.field("supporting_data.data_values"),
                "cs4", FieldSpec.field("a.b.0.c"),
                "cs5", FieldSpec.field("a.b.5.c", "none"),
                "cs6", FieldSpec.field("supporting_data")));

        Map<String, String> ext = CefTestParser.parse(f.format(
                        record("{\"supporting_data\":{\"data_type\":\"policy\",\"data_values\":[\"p1\",\"p2\"]},"
                                + "\"a\":{\"b\":[{\"c\":\"deep\"}]}}")))
                .extension();

        assertThat(ext)
                .containsEntry("cs1", "policy")
                .containsEntry("cs2", "p2")
                .containsEntry("cs3", "p1,p2")
                .containsEntry("cs4", "deep")
                .containsEntry("cs5", "none")
                .containsEntry("cs6", "{\"data_type\":\"policy\",\"data_values\":[\"p1\",\"p2\"]}");
    }

    @Test
    void shouldKeepSixtyFourBitIdsExactFromNumbersAndStrings() {
        RecordFormatter f = cef(fields(
                "cn1", FieldSpec.field("transaction_id", Transformation.INTEGER),
                "cn2", FieldSpec.field("app_session_id", Transformation.INTEGER),
                "cs1", FieldSpec.field("transaction_id"),
                "cn3", FieldSpec.field("max", Transformation.INTEGER)));

        Map<String, String> ext = CefTestParser.parse(
                        f.format(record("{\"transaction_id\":9007199254740993,\"app_session_id\":\"9007199254740995\","
                                + "\"max\":18446744073709551615}")))
                .extension();

        assertThat(ext)
                .containsEntry("cn1", "9007199254740993")
                .containsEntry("cn2", "9007199254740995")
                .containsEntry("cs1", "9007199254740993")
                .containsEntry("cn3", "18446744073709551615");
    }

    @Test
    void shouldPassUnicodeThroughAsUtf8() {
        RecordFormatter f = cef(fields("suser", FieldSpec.field("user"), "fname", FieldSpec.field("file")));
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("user", "jürgen.müller@例え.jp");
        r.put("file", "😀 Bericht – final.pdf");

        byte[] bytes = f.formatBytes(r);

        Map<String, String> ext =
                CefTestParser.parse(new String(bytes, StandardCharsets.UTF_8)).extension();
        assertThat(ext).containsEntry("suser", "jürgen.müller@例え.jp").containsEntry("fname", "😀 Bericht – final.pdf");
        assertThat(bytes).containsSubsequence("ü".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepAOneMegabyteValueWhole() {
        RecordFormatter f = cef(fields("msg", FieldSpec.field("big")));
        String big = "x=|\\ ".repeat(200_000) + "end";
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("big", big);

        String line = f.format(r);

        assertThat(CefTestParser.parse(line).extension().get("msg")).isEqualTo(big);
    }

    @Test
    void shouldCutTheLongestValuesToFitTheMaximumLengthAndMarkThem() {
        // Given a 1 MB value and a 2 KiB limit
        RecordFormatter f = cef(
                header(FieldSpec.field("alert_name"), FieldSpec.constant("3")),
                fields("msg", FieldSpec.field("big"), "src", FieldSpec.field("srcip"), "cs1", FieldSpec.field("mid")),
                FormatOptions.maxMessageLength(2048));
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("alert_name", "short name");
        r.put("big", "ä\\=".repeat(350_000));
        r.put("srcip", "10.1.2.3");
        r.put("mid", "m".repeat(300));
        // When
        byte[] bytes = f.formatBytes(r);
        // Then it fits, stays parseable, and only the long value was cut
        assertThat(bytes.length).isLessThanOrEqualTo(2048).isGreaterThan(1900);
        Event event = CefTestParser.parse(new String(bytes, StandardCharsets.UTF_8));
        assertThat(event.header().get(4)).isEqualTo("short name");
        assertThat(event.extension().get("msg"))
                .endsWith(FormatOptions.TRUNCATION_MARK)
                .startsWith("ä\\=ä\\=");
        assertThat(event.extension()).containsEntry("src", "10.1.2.3").containsEntry("cs1", "m".repeat(300));
    }

    @Test
    void shouldLeaveMessagesUnderTheLimitUntouched() {
        RecordFormatter limited = cef(
                header(FieldSpec.field("alert_name"), FieldSpec.constant("3")),
                fields("msg", FieldSpec.field("text")),
                FormatOptions.maxMessageLength(100));
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("text", "short");

        assertThat(limited.format(r))
                .doesNotContain(FormatOptions.TRUNCATION_MARK)
                .endsWith("msg=short");
    }

    @Test
    void shouldNormaliseSeverities() {
        RecordFormatter f = cef(fields());
        Map<String, String> expected = Map.of(
                "info",
                "1",
                "low",
                "3",
                "Medium",
                "5",
                "HIGH",
                "8",
                "critical",
                "10",
                "7",
                "7",
                "Very-High",
                "9",
                "unknown",
                "Unknown");

        expected.forEach((in, out) -> assertThat(CefTestParser.parse(f.format(record("{\"severity\":\"" + in + "\"}")))
                        .header()
                        .get(5))
                .as(in)
                .isEqualTo(out));
        assertThat(f.format(record("{\"severity\":6}"))).contains("|6|");
    }

    @Test
    void shouldNeverLeaveAHeaderFieldEmptyAndCountTheRecordsThatHadNoValue() {
        // Given a header name taken from the record, without a default
        MappingFormatter compiled = FormatterFixtures.compiled(
                Format.CEF,
                new CefMapping(header(FieldSpec.field("alert_name"), FieldSpec.constant("5")), Map.of()),
                FormatOptions.DEFAULTS);
        RecordFormatter f = compiled.forType(DataType.ALERTS, "malware").orElseThrow();
        // When two records lack it (absent, empty) and one has it
        String absent = f.format(record("{}"));
        String empty = f.format(record("{\"alert_name\":\"\"}"));
        String present = f.format(record("{\"alert_name\":\"Found\"}"));
        // Then the header keeps its seven fields, the missing ones say so and are counted on the field
        assertThat(CefTestParser.parse(absent).header().get(4)).isEqualTo("Unknown");
        assertThat(CefTestParser.parse(empty).header().get(4)).isEqualTo("Unknown");
        assertThat(CefTestParser.parse(present).header().get(4)).isEqualTo("Found");
        assertThat(compiled.fields().stream()
                        .filter(c -> "alert_name".equals(c.source()))
                        .mapToLong(c -> c.missingValues())
                        .sum())
                .isEqualTo(2);
    }

    @Test
    void shouldFallBackToTheDefaultSeverityAndCountAnInvalidOne() {
        MappingFormatter compiled = FormatterFixtures.compiled(
                Format.CEF,
                new CefMapping(header(FieldSpec.constant("n"), FieldSpec.field("severity", "medium")), Map.of()),
                FormatOptions.DEFAULTS);
        RecordFormatter f = compiled.forType(DataType.ALERTS, "malware").orElseThrow();

        assertThat(f.format(record("{\"severity\":\"catastrophic\"}"))).contains("|5|");
        assertThat(f.format(record("{\"severity\":11}"))).contains("|5|");
        assertThat(f.format(record("{}"))).contains("|5|");
        assertThat(compiled.conversionProblems()).containsExactly(Map.entry("alerts.malware.header.severity", 2L));
    }

    @Test
    void shouldWriteEpochSecondsOfTimeKeysAsMilliseconds() {
        RecordFormatter f = cef(fields(
                "rt", FieldSpec.field("timestamp", Transformation.INTEGER),
                "start", FieldSpec.field("ms"),
                "end", FieldSpec.field("text"),
                "cs1", FieldSpec.field("timestamp")));

        Map<String, String> ext = CefTestParser.parse(f.format(
                        record("{\"timestamp\":1717000000,\"ms\":1717000000123,\"text\":\"Jun 01 2024 10:00:00\"}")))
                .extension();

        assertThat(ext)
                .containsEntry("rt", "1717000000000")
                .containsEntry("start", "1717000000123")
                .containsEntry("end", "Jun 01 2024 10:00:00")
                .containsEntry("cs1", "1717000000");
    }

    @Test
    void shouldOmitAndCountValuesATransformationRejects() {
        MappingFormatter compiled = FormatterFixtures.compiled(
                Format.CEF,
                new CefMapping(
                        header(FieldSpec.constant("n"), FieldSpec.constant("1")),
                        fields(
                                "src", FieldSpec.field("srcip", Transformation.IP_ADDRESS),
                                "cn1",
                                        new FieldSpec(
                                                "count",
                                                com.fasterxml.jackson.databind.node.LongNode.valueOf(-1),
                                                Transformation.INTEGER),
                                "smac", FieldSpec.field("mac", Transformation.MAC_ADDRESS))),
                FormatOptions.DEFAULTS);
        RecordFormatter f = compiled.forType(DataType.ALERTS, "malware").orElseThrow();

        String line = f.format(record("{\"srcip\":\"10.0.0.256\",\"count\":\"12abc\",\"mac\":\"AA-BB-CC-DD-EE-0F\"}"));

        assertThat(CefTestParser.parse(line).extension())
                .containsExactly(Map.entry("cn1", "-1"), Map.entry("smac", "aa:bb:cc:dd:ee:0f"));
        assertThat(compiled.conversionProblems())
                .containsExactly(
                        Map.entry("alerts.malware.extension.src", 1L), Map.entry("alerts.malware.extension.cn1", 1L));
        assertThat(compiled.totalConversionProblems()).isEqualTo(2);
    }
}
