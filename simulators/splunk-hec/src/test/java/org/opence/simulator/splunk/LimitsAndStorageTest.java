package org.opence.simulator.splunk;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.splunk.Hec.EVENT;

/**
 * {@code max_content_length} (20,000 bytes in the test profile) and the bounded store behind /sim/events
 * (100 events in the test profile) whose counters keep counting past what it keeps.
 */
@QuarkusTest
class LimitsAndStorageTest {

    private static final int MAX_CONTENT_LENGTH = 20_000;

    @BeforeEach
    void resetCollector() {
        Hec.reset();
    }

    @Test
    void shouldRefuseABodyAboveTheContentLengthLimitWith413AndAcceptOneAtIt() {
        Hec.post(Hec.ANY_INDEX, eventOfLength(MAX_CONTENT_LENGTH + 1))
                .then()
                .statusCode(413)
                .body(equalTo("{\"text\":\"Content-Length of 20001 too large (maximum is 20000)\",\"code\":413}"));
        Hec.post(Hec.ANY_INDEX, eventOfLength(MAX_CONTENT_LENGTH)).then().statusCode(200);

        assertThat(Hec.stats().getInt("events.indexed")).isEqualTo(1);
        assertThat(Hec.stats().getInt("requests.event.too-large")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAChunkedBodyAboveTheLimitOnceRead() {
        byte[] body = eventOfLength(MAX_CONTENT_LENGTH + 500).getBytes(StandardCharsets.UTF_8);

        Hec.as(Hec.ANY_INDEX)
                .body(new ByteArrayInputStream(body))
                .post(EVENT)
                .then()
                .statusCode(413)
                .body(equalTo("{\"text\":\"Content-Length of 20500 too large (maximum is 20000)\",\"code\":413}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldApplyTheLimitToTheBodyAsSentNotAsInflated() {
        String big = eventOfLength(5 * MAX_CONTENT_LENGTH);

        Hec.as(Hec.ANY_INDEX)
                .header("Content-Encoding", "gzip")
                .body(Hec.gzip(big))
                .post(EVENT)
                .then()
                .statusCode(200);

        assertThat(Hec.stats().getLong("bytes.decoded")).isEqualTo(big.length());
        assertThat(Hec.stats().getLong("bytes.received")).isLessThan(MAX_CONTENT_LENGTH);
    }

    @Test
    void shouldKeepTheNewestEventsButCountEveryOne() {
        String batch = IntStream.range(0, 120)
                .mapToObj(i -> "{\"event\":\"e" + i + "\",\"index\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"}")
                .collect(Collectors.joining("\n"));

        Hec.post(Hec.ANY_INDEX, batch).then().statusCode(200);

        JsonPath kept = Hec.indexed();
        assertThat(kept.getInt("total")).isEqualTo(100);
        assertThat(kept.getString("events[0].event")).isEqualTo("e20");
        assertThat(kept.getString("events[99].event")).isEqualTo("e119");
        JsonPath stats = Hec.stats();
        assertThat(stats.getInt("events.indexed")).isEqualTo(120);
        assertThat(stats.getInt("events.kept")).isEqualTo(100);
        assertThat(stats.getInt("events.evicted")).isEqualTo(20);
        assertThat(stats.getInt("events.byIndex.even")).isEqualTo(60);
        assertThat(stats.getInt("events.byIndex.odd")).isEqualTo(60);
    }

    @Test
    void shouldFilterTheKeptEventsByIndexAndSourcetypeAndLimitThemToTheNewest() {
        Hec.post(
                        Hec.ANY_INDEX,
                        "{\"event\":\"a\",\"index\":\"web\",\"sourcetype\":\"access\"}"
                                + "{\"event\":\"b\",\"index\":\"web\",\"sourcetype\":\"error\"}"
                                + "{\"event\":\"c\",\"index\":\"fw\",\"sourcetype\":\"access\"}"
                                + "{\"event\":\"d\",\"index\":\"web\",\"sourcetype\":\"access\"}")
                .then()
                .statusCode(200);

        JsonPath web = given().queryParam("index", "web").get("/sim/events").jsonPath();
        assertThat(web.getList("events.event")).containsExactly("a", "b", "d");
        JsonPath webAccess = given().queryParam("index", "web")
                .queryParam("sourcetype", "access")
                .queryParam("limit", 1)
                .get("/sim/events")
                .jsonPath();
        assertThat(webAccess.getInt("total")).isEqualTo(2);
        assertThat(webAccess.getList("events.event")).containsExactly("d");
        given().queryParam("limit", 0).get("/sim/events").then().statusCode(400);
    }

    @Test
    void shouldForgetEventsAndTheirCountersOnDelete() {
        Hec.post(Hec.ANY_INDEX, "{\"event\":\"gone\"}").then().statusCode(200);

        given().delete("/sim/events").then().statusCode(204);

        assertThat(Hec.indexedEvents()).isEmpty();
        assertThat(Hec.stats().getInt("events.indexed")).isZero();
        assertThat(Hec.stats().getInt("requests.event.success"))
                .as("request counters stay")
                .isEqualTo(1);
    }

    /** One event whose JSON is exactly {@code length} bytes. */
    private static String eventOfLength(int length) {
        String frame = "{\"event\":\"\"}";
        return "{\"event\":\"" + "x".repeat(length - frame.length()) + "\"}";
    }
}
