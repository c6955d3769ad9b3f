package org.opence.simulator.splunk;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.splunk.Hec.ACK;
import static org.opence.simulator.splunk.Hec.EVENT;

/**
 * Indexer acknowledgement: a token with it needs a channel on every request, gets an ackId per accepted
 * request, and learns through {@code /services/collector/ack} when the events are indexed (after the
 * test profile's 1 s delay).
 */
@QuarkusTest
class AckContractTest {

    @BeforeEach
    void resetCollector() {
        Hec.reset();
    }

    @Test
    void shouldRequireAChannelForATokenWithAcknowledgement() {
        Hec.post(Hec.WITH_ACK, "{\"event\":\"x\"}")
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Data channel is missing\",\"code\":10}"));
        Hec.send(Hec.WITH_ACK, "{\"event\":\"x\"}")
                .header("X-Splunk-Request-Channel", "not-a-guid")
                .post(EVENT)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid data channel\",\"code\":11}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldNumberAckIdsFromZeroPerChannelAndOnlyForAcceptedRequests() {
        String a = Hec.newChannel();
        String b = Hec.newChannel();

        assertThat(postOn(a, "{\"event\":\"a0\"}")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo("{\"text\":\"Success\",\"code\":0,\"ackId\":0}");
        postOn(a, "{\"event\":\"bad\"}{\"event\":").then().statusCode(400);
        assertThat(ackIdOf(postOn(a, "{\"event\":\"a1\"}"))).isEqualTo(1);
        Hec.send(Hec.WITH_ACK, "{\"event\":\"b0\"}")
                .queryParam("channel", b)
                .post(EVENT)
                .then()
                .statusCode(200)
                .body("ackId", equalTo(0));
    }

    @Test
    void shouldReportAnAckOnlyOnceTheEventsAreIndexedAndThenReleaseIt() {
        String channel = Hec.newChannel();
        long ackId = ackIdOf(postOn(channel, "{\"event\":\"tracked\"}"));

        assertThat(query(channel, "{\"acks\":[" + ackId + "]}")).isEqualTo("{\"acks\":{\"0\":false}}");
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> query(channel, "{\"acks\":[0]}").equals("{\"acks\":{\"0\":true}}"));

        assertThat(query(channel, "{\"acks\":[0]}"))
                .as("released once reported")
                .isEqualTo("{\"acks\":{\"0\":false}}");
        assertThat(query(channel, "{\"acks\":[7,0]}")).isEqualTo("{\"acks\":{\"7\":false,\"0\":false}}");
        assertThat(query(Hec.newChannel(), "{\"acks\":[0]}")).isEqualTo("{\"acks\":{\"0\":false}}");
        assertThat(Hec.indexedEvents()).containsExactly("tracked");
    }

    @Test
    void shouldNeverAcknowledgeARequestALoseAcksFaultLost() {
        Hec.fault(Map.of("kind", "lose-acks", "count", 1));
        String channel = Hec.newChannel();

        long lost = ackIdOf(postOn(channel, "{\"event\":\"lost\"}"));
        long kept = ackIdOf(postOn(channel, "{\"event\":\"kept\"}"));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> query(channel, "{\"acks\":[" + kept + "]}").contains("true"));

        // the lost request came first, so it would be ready by now if it were ever going to be
        assertThat(query(channel, "{\"acks\":[" + lost + "]}")).isEqualTo("{\"acks\":{\"0\":false}}");
        assertThat(Hec.indexedEvents()).containsExactly("kept");
        assertThat(Hec.stats().getInt("events.lost")).isEqualTo(1);
        assertThat(Hec.stats().getInt("requests.event.fault-lose-acks")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAckQueriesOfATokenWithoutAcknowledgement() {
        Hec.send(Hec.ANY_INDEX, "{\"acks\":[0]}")
                .queryParam("channel", Hec.newChannel())
                .post(ACK)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"ACK is disabled\",\"code\":14}"));
    }

    @Test
    void shouldGiveNoAckIdToATokenWithoutAcknowledgement() {
        Hec.send(Hec.ANY_INDEX, "{\"event\":\"x\"}")
                .queryParam("channel", Hec.newChannel())
                .post(EVENT)
                .then()
                .statusCode(200)
                .body(equalTo("{\"text\":\"Success\",\"code\":0}"));
    }

    @Test
    void shouldRefuseAMalformedAckQuery() {
        String channel = Hec.newChannel();
        Hec.send(Hec.WITH_ACK, "{\"acks\":\"0\"}")
                .queryParam("channel", channel)
                .post(ACK)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid data format\",\"code\":6}"));
        Hec.send(Hec.WITH_ACK, "")
                .queryParam("channel", channel)
                .post(ACK)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"No data\",\"code\":5}"));
        Hec.send(Hec.WITH_ACK, "{\"acks\":[0]}")
                .post(ACK)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Data channel is missing\",\"code\":10}"));
    }

    private static Response postOn(String channel, String body) {
        return Hec.send(Hec.WITH_ACK, body)
                .header("X-Splunk-Request-Channel", channel)
                .post(EVENT);
    }

    private static long ackIdOf(Response response) {
        return response.then().statusCode(200).extract().jsonPath().getLong("ackId");
    }

    private static String query(String channel, String body) {
        return Hec.send(Hec.WITH_ACK, body)
                .header("X-Splunk-Request-Channel", channel)
                .post(ACK)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
