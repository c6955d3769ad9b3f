package org.opence.mapping.format;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.mapping.format.FormatterFixtures.JSON;
import static org.opence.mapping.format.FormatterFixtures.json;
import static org.opence.mapping.format.FormatterFixtures.record;

class JsonFormatterTest {

    private static final String RECORD = "{\"_id\":\"abc\",\"user\":{\"name\":\"Zoë\",\"groups\":[\"g1\",\"g2\"]},"
            + "\"srcip\":\"1.2.3.4\",\"cci\":81,\"ratio\":0.5,\"ok\":true,\"none\":null,"
            + "\"transaction_id\":9007199254740993,\"small_id\":42,\"count\":42,\"neg\":-9007199254740993}";

    @Test
    void shouldKeepOnlyListedFieldsInListedOrderUnderDottedOrNewNames() {
        RecordFormatter f = json(
                List.of("srcip", "user.name", "user.groups.1", "missing", "none"),
                Map.of("srcip", "src"),
                FormatOptions.DEFAULTS);

        String out = f.format(record(RECORD));

        assertThat(out).isEqualTo("{\"src\":\"1.2.3.4\",\"user.name\":\"Zoë\",\"user.groups.1\":\"g2\",\"none\":null}");
    }

    @Test
    void shouldWriteEveryFieldWhenNoneIsListedWithSixtyFourBitIdsAsStrings() throws Exception {
        RecordFormatter f = json(List.of(), Map.of(), FormatOptions.DEFAULTS);

        JsonNode out = JSON.readTree(f.format(record(RECORD)));

        assertThat(out.get("transaction_id").isTextual()).isTrue();
        assertThat(out.get("transaction_id").textValue()).isEqualTo("9007199254740993");
        assertThat(out.get("neg").textValue()).isEqualTo("-9007199254740993");
        assertThat(out.get("small_id").textValue()).isEqualTo("42");
        assertThat(out.get("count").isInt()).isTrue();
        assertThat(out.get("ratio").doubleValue()).isEqualTo(0.5);
        assertThat(out.get("user").get("groups").get(1).textValue()).isEqualTo("g2");
        assertThat(out.get("none").isNull()).isTrue();
        assertThat(out.size()).isEqualTo(record(RECORD).size());
    }

    @Test
    void shouldRenameTopLevelFieldsWhenEveryFieldIsKeptAndDropTheShadowedOne() throws Exception {
        RecordFormatter f = json(List.of(), Map.of("srcip", "cci", "_id", "RecordId"), FormatOptions.DEFAULTS);

        JsonNode out = JSON.readTree(f.format(record(RECORD)));

        assertThat(out.get("cci").textValue()).isEqualTo("1.2.3.4");
        assertThat(out.get("RecordId").textValue()).isEqualTo("abc");
        assertThat(out.has("srcip")).isFalse();
        assertThat(out.has("_id")).isFalse();
    }

    @Test
    void shouldEscapeControlCharactersQuotesAndKeepUnicode() throws Exception {
        RecordFormatter f = json(List.of("v"), Map.of(), FormatOptions.DEFAULTS);
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        String hostile = "quote\" backslash\\ nl\n cr\r tab\t nul\u0000 bell\u0007 emoji😀 中文 \u2028";
        r.put("v", hostile);

        byte[] bytes = f.formatBytes(r);

        assertThat(JSON.readTree(bytes).get("v").textValue()).isEqualTo(hostile);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("emoji😀 中文")
                .doesNotContain("\n");
    }

    @Test
    void shouldKeepAOneMegabyteValue() throws Exception {
        RecordFormatter f = json(List.of(), Map.of(), FormatOptions.DEFAULTS);
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        String big = "\"ä\\".repeat(350_000);
        r.put("big", big);

        assertThat(JSON.readTree(f.format(r)).get("big").textValue()).isEqualTo(big);
    }

    @Test
    void shouldShortenLongStringsToFitTheLimitAndStayValidJson() throws Exception {
        RecordFormatter f = json(List.of(), Map.of(), FormatOptions.maxMessageLength(1000));
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("id", "keep-me");
        r.putObject("nested").put("long", "ü\"".repeat(100_000));
        r.put("other", "o".repeat(5000));

        byte[] bytes = f.formatBytes(r);

        assertThat(bytes.length).isLessThanOrEqualTo(1000).isGreaterThan(900);
        JsonNode out = JSON.readTree(bytes);
        assertThat(out.get("id").textValue()).isEqualTo("keep-me");
        assertThat(out.get("nested").get("long").textValue()).endsWith(FormatOptions.TRUNCATION_MARK);
        assertThat(out.get("other").textValue())
                .endsWith(FormatOptions.TRUNCATION_MARK)
                .startsWith("ooo");
    }
}
