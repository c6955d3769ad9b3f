package org.opence.plugins.splunkhec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plugin's own JSON reading and quoting. */
class JsonTest {

    @Test
    void shouldReadEveryKindOfValue() {
        Object value = Json.parse(" {\"s\":\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"n\":-1.5e3,\"z\":0,"
                + "\"t\":true,\"f\":false,\"null\":null,\"a\":[],\"o\":{\"x\":[1,[2]]}} ");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> members = (Map<?, ?>) value;
        assertThat(members.get("s")).isEqualTo("a\"\\/\b\f\n\r\té😀");
        assertThat(members.get("n")).isEqualTo(new BigDecimal("-1.5e3"));
        assertThat(members.get("z")).isEqualTo(BigDecimal.ZERO);
        assertThat(members.get("t")).isEqualTo(true);
        assertThat(members.get("f")).isEqualTo(false);
        assertThat(members.get("null")).isSameAs(Json.NULL);
        assertThat(members.get("a")).isEqualTo(List.of());
        assertThat(members.get("o")).isEqualTo(Map.of("x", List.of(BigDecimal.ONE, List.of(new BigDecimal(2)))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{",
                "{\"a\":1,}",
                "[1,]",
                "{a:1}",
                "{\"a\" 1}",
                "01",
                "1.",
                "-",
                "\"tab\there\"",
                "\"\\x\"",
                "\"\\u12\"",
                "{\"a\":1} {\"b\":2}",
                "tru",
                "NaN"
            })
    void shouldRefuseWhatIsNotOneJsonValue(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON at character");
    }

    @Test
    void shouldRefuseNestingDeeperThanItReads() {
        assertThatThrownBy(() -> Json.parse("[".repeat(10_000) + "]".repeat(10_000)))
                .hasMessageContaining("nested deeper");
    }

    @Test
    void shouldQuoteStringsSoThatTheyReadBack() {
        String text = "q\" b\\ nl\n cr\r tab\t nul\u0000 us\u001f é 日本";

        String quoted = Json.quote(new StringBuilder(), text).toString();

        assertThat(quoted).doesNotContain("\n", "\r", "\t", "\u0000").contains("\\u0000", "\\u001f");
        assertThat(Json.parse(quoted)).isEqualTo(text);
    }
}
