package org.opence.simulator.splunk;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.splunk.Hec.RAW;

/** {@code /services/collector/raw}: one event per line, metadata from the query, a channel on every request. */
@QuarkusTest
class RawContractTest {

    private static final String SUCCESS = "{\"text\":\"Success\",\"code\":0}";

    @BeforeEach
    void resetCollector() {
        Hec.reset();
    }

    @Test
    void shouldIndexEachNonEmptyLineWithTheMetadataOfTheQuery() {
        String channel = Hec.newChannel();

        Hec.as(Hec.ANY_INDEX)
                .header("X-Splunk-Request-Channel", channel)
                .queryParam("sourcetype", "syslog")
                .queryParam("index", "network")
                .queryParam("host", "fw-01")
                .queryParam("source", "udp:514")
                .body("line one\nline two\r\n\r\nline three")
                .post(RAW)
                .then()
                .statusCode(200)
                .body(equalTo(SUCCESS));

        JsonPath indexed = Hec.indexed();
        assertThat(Hec.indexedEvents()).containsExactly("line one", "line two", "line three");
        assertThat(indexed.getList("events.sourcetype")).containsOnly("syslog");
        assertThat(indexed.getList("events.index")).containsOnly("network");
        assertThat(indexed.getList("events.host")).containsOnly("fw-01");
        assertThat(indexed.getList("events.source")).containsOnly("udp:514");
        assertThat(indexed.getList("events.channel")).containsOnly(channel);
        assertThat(indexed.getList("events.endpoint")).containsOnly("raw");
    }

    @Test
    void shouldTakeTheChannelFromTheQueryAndUseTheTokenDefaults() {
        Hec.as(Hec.NARROW)
                .queryParam("channel", Hec.newChannel())
                .body("just a line")
                .post("/services/collector/raw/1.0")
                .then()
                .statusCode(200)
                .body(equalTo(SUCCESS));

        assertThat(Hec.indexed().getString("events[0].index")).isEqualTo("security");
        assertThat(Hec.indexed().getString("events[0].sourcetype")).isEqualTo("httpevent");
    }

    @Test
    void shouldRequireAChannelThatIsAGuid() {
        Hec.as(Hec.ANY_INDEX)
                .body("no channel")
                .post(RAW)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Data channel is missing\",\"code\":10}"));
        Hec.as(Hec.ANY_INDEX)
                .queryParam("channel", "my-channel")
                .body("bad channel")
                .post(RAW)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid data channel\",\"code\":11}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldRefuseAnIndexTheTokenMayNotWriteTo() {
        Hec.as(Hec.NARROW)
                .queryParam("channel", Hec.newChannel())
                .queryParam("index", "main")
                .body("a line")
                .post(RAW)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Incorrect index\",\"code\":7}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldInflateAGzipBodyAndRefuseAnEmptyOne() {
        String channel = Hec.newChannel();
        Hec.as(Hec.ANY_INDEX)
                .queryParam("channel", channel)
                .header("Content-Encoding", "gzip")
                .body(Hec.gzip("first\nsecond\n"))
                .post(RAW)
                .then()
                .statusCode(200);
        Hec.as(Hec.ANY_INDEX)
                .queryParam("channel", channel)
                .body("\n\n")
                .post(RAW)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"No data\",\"code\":5}"));

        assertThat(Hec.indexedEvents()).containsExactly("first", "second");
    }
}
