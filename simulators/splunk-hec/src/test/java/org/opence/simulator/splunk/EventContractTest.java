package org.opence.simulator.splunk;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.splunk.Hec.EVENT;

/** {@code /services/collector/event}: the JSON envelope, batches, and what a bad event does to a batch. */
@QuarkusTest
class EventContractTest {

    private static final String SUCCESS = "{\"text\":\"Success\",\"code\":0}";

    @BeforeEach
    void resetCollector() {
        Hec.reset();
    }

    @Test
    void shouldIndexOneEventWithEveryFieldOfTheEnvelope() {
        String event = "{\"time\":1433188255.500,\"host\":\"web-01\",\"source\":\"netskope\","
                + "\"sourcetype\":\"netskope:alert\",\"index\":\"security\","
                + "\"fields\":{\"tenant\":\"acme\",\"ids\":[1,2]},"
                + "\"event\":{\"alert\":\"malware\",\"score\":7}}";

        Hec.post(Hec.ANY_INDEX, event).then().statusCode(200).body(equalTo(SUCCESS));

        assertThat(RestAssured.get("/sim/events").asString()).contains("\"time\":1433188255.500,");
        JsonPath indexed = Hec.indexed();
        assertThat(Hec.indexedTime(0)).isEqualTo("1433188255.500");
        assertThat(indexed.getInt("total")).isEqualTo(1);
        assertThat(indexed.getString("events[0].host")).isEqualTo("web-01");
        assertThat(indexed.getString("events[0].source")).isEqualTo("netskope");
        assertThat(indexed.getString("events[0].sourcetype")).isEqualTo("netskope:alert");
        assertThat(indexed.getString("events[0].index")).isEqualTo("security");
        assertThat(indexed.getMap("events[0].fields")).isEqualTo(Map.of("tenant", "acme", "ids", List.of(1, 2)));
        assertThat(indexed.getMap("events[0].event")).isEqualTo(Map.of("alert", "malware", "score", 7));
    }

    @Test
    void shouldFillInTheTokenDefaultsForWhatAnEventDoesNotSay() {
        long before = System.currentTimeMillis();
        Hec.send(Hec.NARROW, "{\"event\":\"plain text\"}")
                .header("Host", "hec.example.com:8088")
                .post(EVENT)
                .then()
                .statusCode(200);

        JsonPath indexed = Hec.indexed();
        assertThat(indexed.getString("events[0].index")).isEqualTo("security");
        assertThat(indexed.getString("events[0].sourcetype")).isEqualTo("httpevent");
        assertThat(indexed.getString("events[0].source")).isEqualTo("http:splunk-hec-simulator");
        assertThat(indexed.getString("events[0].host"))
                .as("the collector as the client named it")
                .isEqualTo("hec.example.com:8088");
        assertThat(new BigDecimal(Hec.indexedTime(0)).doubleValue()).isCloseTo(before / 1000.0, within(30.0));
        assertThat(Hec.indexedTime(0)).as("arrival time in ms").matches("\\d+\\.\\d{3}");
        assertThat(indexed.getString("events[0].event")).isEqualTo("plain text");
    }

    @Test
    void shouldIndexConcatenatedEventsInOrderWhateverTheWhitespaceBetweenThem() {
        String batch = "{\"event\":\"one\"}{\"event\":\"two\"}\n\n  {\"event\":\"three\",\"time\":\"1433188255\"}\r\n";

        Hec.post(Hec.ANY_INDEX, batch).then().statusCode(200).body(equalTo(SUCCESS));

        assertThat(Hec.indexedEvents()).containsExactly("one", "two", "three");
        assertThat(Hec.indexedTime(2)).isEqualTo("1433188255");
    }

    @Test
    void shouldAnswerTheSameOnEveryPathOfTheEventEndpoint() {
        for (String path : List.of("/services/collector", "/services/collector/event/1.0")) {
            Hec.send(Hec.ANY_INDEX, "{\"event\":\"via " + path + "\"}")
                    .post(path)
                    .then()
                    .statusCode(200)
                    .body(equalTo(SUCCESS));
        }
        assertThat(Hec.indexedEvents()).containsExactly("via /services/collector", "via /services/collector/event/1.0");
    }

    @Test
    void shouldAcceptTheFormContentTypeCurlSendsByDefault() {
        Hec.as(Hec.ANY_INDEX)
                .contentType("application/x-www-form-urlencoded")
                .body("{\"event\":\"from curl -d\"}")
                .post(EVENT)
                .then()
                .statusCode(200);
        assertThat(Hec.indexedEvents()).containsExactly("from curl -d");
    }

    @Test
    void shouldRefuseAnEmptyBodyWith400Code5() {
        for (String body : List.of("", "  \r\n\t ")) {
            Hec.post(Hec.ANY_INDEX, body).then().statusCode(400).body(equalTo("{\"text\":\"No data\",\"code\":5}"));
        }
    }

    @Test
    void shouldIndexTheEventsBeforeAMalformedOneAndRefuseTheRest() {
        String batch = "{\"event\":\"a\"}\n{\"event\":\"b\"}\n{\"event\": broken}\n{\"event\":\"d\"}";

        Hec.post(Hec.ANY_INDEX, batch)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":2}"));

        assertThat(Hec.indexedEvents()).containsExactly("a", "b");
        assertThat(Hec.stats().getInt("requests.event.invalid-data-format")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnArrayOfEventsAsInvalidData() {
        Hec.post(Hec.ANY_INDEX, "[{\"event\":\"a\"},{\"event\":\"b\"}]")
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldRequireTheEventFieldWith400Code12() {
        Hec.post(Hec.ANY_INDEX, "{\"event\":\"a\"}{\"host\":\"h\",\"fields\":{\"x\":1}}")
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Event field is required\",\"code\":12,\"invalid-event-number\":1}"));
        Hec.post(Hec.ANY_INDEX, "{\"event\":null}")
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Event field is required\",\"code\":12,\"invalid-event-number\":0}"));
        assertThat(Hec.indexedEvents()).containsExactly("a");
    }

    @Test
    void shouldRefuseABlankEventWith400Code13() {
        for (String blank : List.of("\"\"", "{}")) {
            Hec.post(Hec.ANY_INDEX, "{\"event\":" + blank + "}")
                    .then()
                    .statusCode(400)
                    .body(equalTo("{\"text\":\"Event field cannot be blank\",\"code\":13,\"invalid-event-number\":0}"));
        }
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldRefuseAnIndexTheTokenMayNotWriteToWith400Code7() {
        String batch =
                "{\"event\":\"ok\",\"index\":\"audit\"}{\"event\":\"no\",\"index\":\"main\"}{\"event\":\"later\"}";

        Hec.post(Hec.NARROW, batch)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Incorrect index\",\"code\":7,\"invalid-event-number\":1}"));

        assertThat(Hec.indexedEvents()).containsExactly("ok");
        assertThat(Hec.indexed().getString("events[0].index")).isEqualTo("audit");
    }

    @Test
    void shouldRefuseNestedIndexedFieldsWith400Code15() {
        Hec.post(Hec.ANY_INDEX, "{\"event\":\"x\",\"fields\":{\"user\":{\"name\":\"a\"}}}")
                .then()
                .statusCode(400)
                .body(equalTo(
                        "{\"text\":\"Error in handling indexed fields\",\"code\":15,\"invalid-event-number\":0}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldRefuseATimeThatIsNotANumber() {
        Hec.post(Hec.ANY_INDEX, "{\"event\":\"x\",\"time\":\"yesterday\"}")
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}"));
    }

    @Test
    void shouldInflateAGzipBody() {
        String batch = "{\"event\":\"zipped one\"}\n{\"event\":\"zipped two\"}";
        byte[] body = Hec.gzip(batch);

        Hec.as(Hec.ANY_INDEX)
                .header("Content-Encoding", "gzip")
                .body(body)
                .post(EVENT)
                .then()
                .statusCode(200)
                .body(equalTo(SUCCESS));

        assertThat(Hec.indexedEvents()).containsExactly("zipped one", "zipped two");
        assertThat(Hec.stats().getLong("bytes.received")).isEqualTo(body.length);
        assertThat(Hec.stats().getLong("bytes.decoded")).isEqualTo(batch.length());
    }

    @Test
    void shouldRefuseACorruptGzipBodyAsInvalidData() {
        Hec.as(Hec.ANY_INDEX)
                .header("Content-Encoding", "gzip")
                .body("{\"event\":\"not zipped\"}")
                .post(EVENT)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid data format\",\"code\":6}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }
}
