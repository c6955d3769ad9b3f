package org.opence.simulator.splunk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** How the tests talk to the simulated collector and look at what it indexed. */
final class Hec {

    static final String EVENT = "/services/collector/event";
    static final String RAW = "/services/collector/raw";
    static final String ACK = "/services/collector/ack";
    static final String HEALTH = "/services/collector/health";

    /** Tokens of the test profile (application.properties). */
    static final String ANY_INDEX = "test-token";

    static final String NARROW = "narrow-token";
    static final String WITH_ACK = "ack-token";
    static final String DISABLED = "off-token";

    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private Hec() {}

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Splunk " + token);
    }

    /** A request with a token and a UTF-8 body, sent as JSON. */
    static RequestSpecification send(String token, String body) {
        return as(token).contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
    }

    static Response post(String token, String body) {
        return send(token, body).post(EVENT);
    }

    static String newChannel() {
        return UUID.randomUUID().toString();
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static void reset() {
        given().post("/sim/reset").then().statusCode(204);
    }

    static JsonPath indexed() {
        return given().queryParam("limit", 100)
                .get("/sim/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The {@code time} of the i-th kept event exactly as the collector wrote it (JsonPath reads floats). */
    static String indexedTime(int i) {
        String body =
                given().get("/sim/events").then().statusCode(200).extract().asString();
        try {
            return EXACT.readTree(body)
                    .get("events")
                    .get(i)
                    .get("time")
                    .decimalValue()
                    .toPlainString();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The {@code event} of every kept event, as text, oldest first. */
    static List<String> indexedEvents() {
        List<Object> events = indexed().getList("events.event");
        return events.stream().map(String::valueOf).toList();
    }

    static JsonPath stats() {
        return given().get("/sim/stats").then().statusCode(200).extract().jsonPath();
    }

    static void fault(Map<String, Object> rule) {
        given().contentType(ContentType.JSON)
                .body(rule)
                .post("/sim/faults")
                .then()
                .statusCode(201);
    }
}
