package org.opence.simulator.splunk;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.splunk.Hec.HEALTH;

/** The health endpoint, and the faults switched on through /sim/faults: they hit the next requests, then stop. */
@QuarkusTest
class HealthAndFaultsTest {

    private static final String HEALTHY = "{\"text\":\"HEC is healthy\",\"code\":17}";
    private static final String ONE_EVENT = "{\"event\":\"e\"}";

    @BeforeEach
    void resetCollector() {
        Hec.reset();
    }

    @Test
    void shouldReportHealthyWithoutAToken() {
        given().get(HEALTH).then().statusCode(200).body(equalTo(HEALTHY));
        given().get(HEALTH + "/1.0").then().statusCode(200).body(equalTo(HEALTHY));
    }

    @Test
    void shouldCheckATokenSentToTheHealthEndpoint() {
        Hec.as(Hec.ANY_INDEX).get(HEALTH).then().statusCode(200).body(equalTo(HEALTHY));
        Hec.as("no-such-token")
                .get(HEALTH)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Invalid token\",\"code\":21}"));
        Hec.as(Hec.DISABLED)
                .get(HEALTH)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Token disabled\",\"code\":22}"));
    }

    @Test
    void shouldBeBusyForTheNextDataRequestsAndUnhealthyUntilThenRecover() {
        Hec.fault(Map.of("kind", "busy", "count", 2));

        given().get(HEALTH)
                .then()
                .statusCode(503)
                .body(equalTo("{\"text\":\"HEC is unhealthy, queues are full\",\"code\":18}"));
        for (int i = 0; i < 2; i++) {
            Hec.post(Hec.ANY_INDEX, ONE_EVENT)
                    .then()
                    .statusCode(503)
                    .body(equalTo("{\"text\":\"Server is busy\",\"code\":9}"));
        }
        given().get(HEALTH).then().statusCode(200).body(equalTo(HEALTHY));
        Hec.post(Hec.ANY_INDEX, ONE_EVENT).then().statusCode(200);

        assertThat(Hec.indexedEvents()).containsExactly("e");
        assertThat(Hec.stats().getInt("requests.event.fault-busy")).isEqualTo(2);
        assertThat(Hec.stats().getInt("requests.health.unhealthy-queues-full")).isEqualTo(1);
    }

    @Test
    void shouldFailWithTheGivenStatusAndAHecBodyThenRecover() {
        Hec.fault(Map.of("kind", "error", "count", 1, "status", 500));
        Hec.fault(Map.of("kind", "error", "count", 1, "status", 502));

        Hec.post(Hec.ANY_INDEX, ONE_EVENT)
                .then()
                .statusCode(500)
                .body(equalTo("{\"text\":\"Internal server error\",\"code\":8}"));
        Hec.post(Hec.ANY_INDEX, ONE_EVENT)
                .then()
                .statusCode(502)
                .body(equalTo("{\"text\":\"Simulated failure (status 502)\",\"code\":8}"));
        Hec.post(Hec.ANY_INDEX, ONE_EVENT).then().statusCode(200);

        assertThat(Hec.indexedEvents()).hasSize(1);
        assertThat(Hec.stats().getInt("requests.event.fault-error")).isEqualTo(2);
    }

    @Test
    void shouldDelayTheAnswerAndStillIndex() {
        Hec.fault(Map.of("kind", "delay", "count", 1, "delayMillis", 1200));

        long started = System.nanoTime();
        Hec.post(Hec.ANY_INDEX, "{\"event\":\"slow\"}").then().statusCode(200);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).isGreaterThanOrEqualTo(1200);
        assertThat(Hec.indexedEvents()).containsExactly("slow");
    }

    @Test
    void shouldDropTheConnectionWithoutIndexing() throws IOException {
        Hec.fault(Map.of("kind", "drop", "count", 1));

        // a raw socket, because HTTP clients may quietly retry a request whose connection was dropped
        assertThat(rawPostAnswer(ONE_EVENT)).as("bytes answered").isEmpty();
        Hec.post(Hec.ANY_INDEX, ONE_EVENT).then().statusCode(200);

        assertThat(Hec.indexedEvents()).hasSize(1);
        assertThat(Hec.stats().getInt("requests.event.fault-drop")).isEqualTo(1);
    }

    @Test
    void shouldOnlyHitRequestsUnderThePathPrefixAndRejectNonsenseRules() {
        Hec.fault(Map.of("kind", "error", "count", 1, "pathPrefix", "/services/collector/raw"));
        Hec.post(Hec.ANY_INDEX, ONE_EVENT).then().statusCode(200);
        assertThat(given().get("/sim/faults").jsonPath().getList("faults")).hasSize(1);

        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "explode", "count", 1))
                .post("/sim/faults")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "delay", "count", 1))
                .post("/sim/faults")
                .then()
                .statusCode(400);
        given().delete("/sim/faults").then().statusCode(204);
        assertThat(given().get("/sim/faults").jsonPath().getList("faults")).isEmpty();
    }

    private static String rawPostAnswer(String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream()
                    .write(("POST /services/collector/event HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Authorization: Splunk test-token\r\nContent-Length: " + content.length
                                    + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
