package org.opence.plugins.webhook;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void shouldQuoteTextSoThatAJsonParserReadsItBack() throws Exception {
        String text = "CEF:0|a \"b\" \\| c|\t\r\n\u0001\u001f\u007f é 日本 😀 </script>";

        String quoted = JsonText.quote(text);

        assertThat(Fixtures.JSON.readTree(quoted).asText()).isEqualTo(text);
        assertThat(quoted).contains("\\u0001", "\\u001f", "\\t", "\\r", "\\n", "\\\"", "\\\\|");
        assertThat(JsonText.problem(quoted)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                " {\"a\":[1,-2.5e+3,0,true,false,null,\"\\u00e9\\n\"],\"b\":{\"c\":{}}} ",
                "\"just a string\"",
                "0",
                "-0.1E-2",
                "{\n  \"pretty\": [\n    1\n  ]\n}"
            })
    void shouldAcceptOneJsonValue(String text) {
        assertThat(JsonText.problem(text)).isNull();
    }

    static Stream<Arguments> notJson() {
        return Stream.of(
                Arguments.of("", "a value expected; the text ended after 0 characters"),
                Arguments.of("{\"a\":1", "'}' expected; the text ended after 6 characters"),
                Arguments.of("{\"a\":1}{", "more text after the JSON value at character 8"),
                Arguments.of("{a:1}", "a member name in quotes expected at character 2"),
                Arguments.of("[1,]", "unexpected ']' at character 4"),
                Arguments.of("[01]", "']' expected at character 3"),
                Arguments.of("{\"a\":tru}", "unexpected 't' at character 6"),
                Arguments.of("\"tab\there\"", "an unescaped control character in a string at character 5"),
                Arguments.of("\"\\x\"", "an invalid escape in a string at character 3"),
                Arguments.of("\"\\u12g4\"", "\\u needs four hex digits at character 3"),
                Arguments.of("1.", "a digit expected after the decimal point; the text ended after 2 characters"),
                Arguments.of("CEF:0|x", "unexpected 'C' at character 1"));
    }

    @ParameterizedTest
    @MethodSource("notJson")
    void shouldSayWhereAndWhyTextIsNotJson(String text, String problem) {
        assertThat(JsonText.problem(text)).isEqualTo(problem);
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThat(JsonText.problem(deep)).isEqualTo("nested deeper than 512 levels at character 514");
        assertThat(JsonText.problem("[".repeat(512) + "]".repeat(512))).isNull();
    }
}
