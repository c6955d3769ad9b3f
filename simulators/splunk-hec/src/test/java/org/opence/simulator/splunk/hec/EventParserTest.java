package org.opence.simulator.splunk.hec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {

    @Test
    void shouldReadObjectsWrittenBackToBackWithoutWhitespace() {
        EventParser.Result result = parse("{\"event\":1}{\"event\":\"two\"}{\"event\":[3]}");

        assertThat(result.failure()).isNull();
        assertThat(result.events()).extracting(e -> e.event().toString()).containsExactly("1", "\"two\"", "[3]");
    }

    @Test
    void shouldKeepTheTimeExactlyAsSent() {
        Envelope e = parse("{\"event\":\"x\",\"time\":1433188255.500}").events().get(0);

        assertThat(e.time()).isEqualByComparingTo("1433188255.5");
        assertThat(e.time().toPlainString()).isEqualTo("1433188255.500");
    }

    @Test
    void shouldTakeNumericMetadataAsTextAndRefuseObjects() {
        assertThat(parse("{\"event\":\"x\",\"host\":42}").events().get(0).host())
                .isEqualTo("42");

        EventParser.Result refused = parse("{\"event\":\"x\"}{\"event\":\"y\",\"sourcetype\":{\"a\":1}}");

        assertThat(refused.events()).hasSize(1);
        assertThat(refused.failure().body()).isEqualTo(new HecResponse("Invalid data format", 6, 1, null));
    }

    @Test
    void shouldNumberTheFirstBadEventAfterTrailingGarbage() {
        EventParser.Result result = parse("{\"event\":\"a\"} {\"event\":\"b\"} garbage");

        assertThat(result.events()).hasSize(2);
        assertThat(result.failure().body().invalidEventNumber()).isEqualTo(2);
        assertThat(result.failure().body().code()).isEqualTo(6);
    }

    @Test
    void shouldAcceptFlatFieldsWithArraysOfScalarsOnly() {
        assertThat(parse("{\"event\":\"x\",\"fields\":{\"a\":\"1\",\"b\":[1,\"2\",true],\"c\":null}}")
                        .failure())
                .isNull();
        assertThat(parse("{\"event\":\"x\",\"fields\":{\"b\":[{\"nested\":1}]}}")
                        .failure()
                        .body()
                        .code())
                .isEqualTo(15);
        assertThat(parse("{\"event\":\"x\",\"fields\":[1]}").failure().body().code())
                .isEqualTo(15);
    }

    @Test
    void shouldTellAMissingEventFromABlankOne() {
        assertThat(parse("{\"time\":1}").failure().body().code()).isEqualTo(12);
        assertThat(parse("{\"event\":[]}").failure().body().code()).isEqualTo(13);
        assertThat(parse("{\"event\":\" \"}").failure())
                .as("whitespace is content")
                .isNull();
        assertThat(parse("{\"event\":0}").events().get(0).event().asInt()).isZero();
    }

    @Test
    void shouldAcceptANumericStringTime() {
        assertThat(parse("{\"event\":\"x\",\"time\":\"1433188255.25\"}")
                        .events()
                        .get(0)
                        .time())
                .isEqualTo(new BigDecimal("1433188255.25"));
    }

    private static EventParser.Result parse(String body) {
        return EventParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
