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
    void shouldLetTheGivenNumberOfCallsPassFirst() {
        fault(Map.of("kind", "error", "count", 1, "status", 500, "after", 2, "pathPrefix", PATH));

        assertThat(TenantClient.call(PATH, "all-token", "after", "head").statusCode())
                .isEqualTo(200);
        assertThat(TenantClient.call(PATH, "all-token", "after", "next").statusCode())
                .isEqualTo(200);
        assertThat(TenantClient.call(PATH, "all-token", "after", "next").statusCode())
                .isEqualTo(500);
        assertThat(TenantClient.call(PATH, "all-token", "after", "next").statusCode())
                .isEqualTo(200);
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

    @Test
    void shouldServeElementsThatAreNoRecordsBetweenIntactRecords() {
        String clean =
                TenantClient.call(PATH, "all-token", "extras-clean", "head").asString();
        fault(Map.of("kind", "corrupt", "corruption", "non-objects", "count", 1, "position", 0, "pathPrefix", PATH));

        String damaged = TenantClient.call(PATH, "all-token", "extras", "head").asString();

        var page = TenantClient.parse(damaged);
        java.util.List<String> kinds = new java.util.ArrayList<>();
        page.path("result").forEach(e -> kinds.add(e.getNodeType().name()));
        // the extras before the first record, after record 0 (the position) and after the last
        assertThat(kinds.subList(0, 6)).containsExactly("NULL", "STRING", "NUMBER", "ARRAY", "BOOLEAN", "OBJECT");
        assertThat(kinds.subList(6, 11)).containsExactly("NULL", "STRING", "NUMBER", "ARRAY", "BOOLEAN");
        assertThat(kinds.subList(kinds.size() - 5, kinds.size()))
                .containsExactly("NULL", "STRING", "NUMBER", "ARRAY", "BOOLEAN");
        java.util.List<String> ids = new java.util.ArrayList<>();
        page.path("result").forEach(e -> {
            if (e.isObject()) {
                ids.add(e.path("_id").asText());
            }
        });
        assertThat(ids).isEqualTo(TenantClient.ids(TenantClient.parse(clean)));
        assertThat(given().get("/sim/stats").jsonPath().getList("damaged.'" + PATH + "'"))
                .isNullOrEmpty();
    }

    @Test
    void shouldServeARecordWithBytesThatAreNotUtf8AndNameIt() {
        String clean =
                TenantClient.call(PATH, "all-token", "utf8-clean", "head").asString();
        fault(Map.of("kind", "corrupt", "corruption", "invalid-utf8", "count", 1, "position", 2, "pathPrefix", PATH));

        byte[] body = TenantClient.call(PATH, "all-token", "utf8", "head").asByteArray();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)))
                .isInstanceOf(java.nio.charset.CharacterCodingException.class);
        assertThat(given().get("/sim/stats").jsonPath().getList("damaged.'" + PATH + "'"))
                .containsExactly(TenantClient.ids(TenantClient.parse(clean)).get(2));
    }

    @Test
    void shouldNameTheRecordItDamaged() {
        String clean = TenantClient.call(PATH, "all-token", "bad-clean", "head").asString();
        fault(Map.of("kind", "corrupt", "corruption", "bad-json", "count", 1, "position", 2, "pathPrefix", PATH));

        String damaged = TenantClient.call(PATH, "all-token", "bad", "head").asString();

        String third = TenantClient.ids(TenantClient.parse(clean)).get(2);
        assertThat(damaged).contains("\"sim_damage\":NaN");
        assertThat(given().get("/sim/stats").jsonPath().getList("damaged.'" + PATH + "'"))
                .containsExactly(third);
    }

    @Test
    void shouldEndTheAnswerHalfWayThroughARecordWithACompleteHttpAnswer() {
        String clean = TenantClient.call(PATH, "all-token", "cut-clean", "head").asString();
        fault(Map.of("kind", "corrupt", "corruption", "truncate", "count", 1, "position", 3, "pathPrefix", PATH));

        var answer = TenantClient.call(PATH, "all-token", "cut", "head");

        String body = answer.asString();
        assertThat(answer.statusCode()).isEqualTo(200);
        java.util.List<String> ids = TenantClient.ids(TenantClient.parse(clean));
        assertThat(body).contains(ids.get(2)).doesNotContain(ids.get(4));
        assertThat(body).doesNotEndWith("}");
        assertThat(clean).startsWith(body.substring(0, body.length() - 1));
        assertThat(given().get("/sim/stats").jsonPath().getList("damaged.'" + PATH + "'"))
                .containsExactlyElementsOf(ids.subList(3, ids.size()));
    }

    @Test
    void shouldRefuseACorruptionItDoesNotKnow() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "corrupt", "corruption", "gremlins", "count", 1))
                .post("/sim/faults")
                .then()
                .statusCode(400);
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
