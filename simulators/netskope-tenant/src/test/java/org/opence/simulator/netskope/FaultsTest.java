package org.opence.simulator.netskope;

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
import static org.opence.simulator.netskope.TenantClient.EVENTS;

/** Faults switched on through /sim/faults hit the next calls and then stop; /sim/stats counts them. */
@QuarkusTest
class FaultsTest {

    private static final String PATH = EVENTS + "incident";

    @BeforeEach
    void resetTenant() {
        given().post("/sim/reset").then().statusCode(204);
    }

    @Test
    void shouldFailTheNextCallsWithTheGivenStatusThenRecover() {
        fault(Map.of("kind", "error", "count", 2, "status", 502));

        assertThat(TenantClient.call(PATH, "all-token", "f", "head").statusCode())
                .isEqualTo(502);
        assertThat(TenantClient.call(PATH, "all-token", "f", "head").statusCode())
                .isEqualTo(502);
        assertThat(TenantClient.call(PATH, "all-token", "f", "head").statusCode())
                .isEqualTo(200);
        assertThat(given().get("/sim/stats").jsonPath().getInt("served.'" + PATH + "'.fault-error"))
                .isEqualTo(2);
    }

    @Test
    void shouldNotMoveTheIteratorWhenACallFails() {
        String first = TenantClient.call(PATH, "all-token", "keep", "head").asString();
        fault(Map.of("kind", "error", "count", 1));
        assertThat(TenantClient.call(PATH, "all-token", "keep", "next").statusCode())
                .isEqualTo(503);

        String resent = TenantClient.call(PATH, "all-token", "keep", "resend").asString();

        assertThat(resent).isEqualTo(first);
    }

    @Test
    void shouldDelayTheAnswer() {
        fault(Map.of("kind", "delay", "count", 1, "delayMillis", 1200));

        long started = System.nanoTime();
        int status = TenantClient.call(PATH, "all-token", "slow", "tail").statusCode();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(status).isEqualTo(200);
        assertThat(tookMillis).isGreaterThanOrEqualTo(1200);
    }

    @Test
    void shouldDropTheConnection() throws IOException {
        fault(Map.of("kind", "drop", "count", 1, "pathPrefix", PATH));

        // a raw socket, because HTTP clients quietly retry a GET whose connection was dropped
        assertThat(rawGetAnswer(PATH + "?index=drop&operation=tail"))
                .as("bytes answered")
                .isEmpty();
        assertThat(TenantClient.call(PATH, "all-token", "drop", "tail").statusCode())
                .isEqualTo(200);
        assertThat(given().get("/sim/stats").jsonPath().getInt("served.'" + PATH + "'.fault-drop"))
                .isEqualTo(1);
    }

    @Test
    void shouldOnlyHitCallsUnderThePathPrefixAndRejectNonsenseRules() {
        fault(Map.of("kind", "error", "count", 1, "pathPrefix", "/api/v1/"));
        assertThat(TenantClient.call(PATH, "all-token", "prefix", "tail").statusCode())
                .isEqualTo(200);

        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "explode", "count", 1))
                .post("/sim/faults")
                .then()
                .statusCode(400);
        given().get("/sim/faults").then().statusCode(200);
    }

    private static String rawGetAnswer(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write(("GET " + pathAndQuery
                                    + " HTTP/1.1\r\nHost: localhost\r\nNetskope-Api-Token: all-token\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static void fault(Map<String, Object> rule) {
        given().contentType(ContentType.JSON)
                .body(rule)
                .post("/sim/faults")
                .then()
                .statusCode(201);
    }
}
