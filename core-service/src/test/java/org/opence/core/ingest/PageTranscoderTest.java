package org.opence.core.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Integers are copied as text: within ±2^53 as numbers, beyond it and every {@code *_id} as strings. */
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
}
