package org.opence.plugins.webhook;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusCodesTest {

    @Test
    void shouldReadCodesAndRanges() {
        StatusCodes codes = StatusCodes.parse(" 200, 202 ,204 - 206 ");

        assertThat(codes.toString()).isEqualTo("200, 202 ,204 - 206");
        assertThat(IntStream.rangeClosed(100, 599).filter(codes::contains)).containsExactly(200, 202, 204, 205, 206);
        assertThat(codes.contains(-1)).isFalse();
    }

    @Test
    void shouldTakeTheDefaultRange() {
        StatusCodes codes = StatusCodes.parse(WebhookSettings.DEFAULT_SUCCESS_CODES);

        assertThat(codes.contains(199)).isFalse();
        assertThat(codes.contains(200)).isTrue();
        assertThat(codes.contains(299)).isTrue();
        assertThat(codes.contains(300)).isFalse();
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("200-abc", "; '200-abc' is neither a code nor a range"),
                Arguments.of("200,,204", "; '' is neither a code nor a range"),
                Arguments.of("99", "; '99' is out of range"),
                Arguments.of("200-600", "; '200-600' is out of range"),
                Arguments.of("299-200", "; '299-200' is out of range"),
                Arguments.of("2xx", "; '2xx' is neither a code nor a range"));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void shouldExplainWhatIsWrong(String text, String detail) {
        String expected = "must be status codes from 100 to 599 or ranges of them, separated by commas, e.g."
                + " 200-299 or 200,202,204-206" + detail;

        assertThatThrownBy(() -> StatusCodes.parse(text)).hasMessage(expected);
    }
}
