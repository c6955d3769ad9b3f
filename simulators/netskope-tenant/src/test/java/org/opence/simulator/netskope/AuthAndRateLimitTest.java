package org.opence.simulator.netskope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.netskope.TenantClient.ALERTS;
import static org.opence.simulator.netskope.TenantClient.EVENTS;

@QuarkusTest
class AuthAndRateLimitTest {

    @BeforeEach
    void resetTenant() {
        given().post("/sim/reset").then().statusCode(204);
    }

    @Test
    void shouldRejectAMissingOrWrongTokenWith401() {
        given().queryParam("index", "i")
                .queryParam("operation", "head")
                .get(EVENTS + "page")
                .then()
                .statusCode(401)
                .body("message", containsString("token"));
        given().header("Netskope-Api-Token", "not-a-token")
                .queryParam("index", "i")
                .queryParam("operation", "head")
                .get(EVENTS + "page")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldRejectACallOutsideTheTokenScopesWith403NamingTheScope() {
        given().header("Netskope-Api-Token", "events-reader")
                .queryParam("index", "i")
                .queryParam("operation", "head")
                .get(ALERTS + "malware")
                .then()
                .statusCode(403)
                .body("message", containsString("/api/v2/events/dataexport/alerts/malware"));
        given().header("Netskope-Api-Token", "alerts-only")
                .queryParam("index", "i")
                .queryParam("operation", "head")
                .get(ALERTS + "malsite")
                .then()
                .statusCode(403)
                .body("message", containsString("read access to /api/v2/events/dataexport/alerts/malsite"));
        given().header("Netskope-Api-Token", "alerts-only")
                .queryParam("index", "i")
                .queryParam("operation", "head")
                .get(ALERTS + "malware")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldHonourTokensAddedThroughTheControlApi() {
        given().contentType(ContentType.JSON)
                .body(Map.of("token", "late-token", "scopes", List.of("read:/api/v2/events/dataexport/events/audit")))
                .post("/sim/tokens")
                .then()
                .statusCode(201);

        given().header("Netskope-Api-Token", "late-token")
                .queryParam("index", "i")
                .queryParam("operation", "head")
                .get(EVENTS + "audit")
                .then()
                .statusCode(200);
        given().header("Netskope-Api-Token", "late-token")
                .queryParam("index", "i")
                .queryParam("operation", "head")
                .get(EVENTS + "page")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldAnswer429WithRetryAfterBeyondFourCallsASecondPerEndpoint() {
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(given().header("Netskope-Api-Token", "all-token")
                    .queryParam("index", "burst")
                    .queryParam("operation", "tail")
                    .get(EVENTS + "network"));
        }

        Response first = responses.get(0);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("4");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("3");
        assertThat(Integer.parseInt(first.header("RateLimit-Reset"))).isBetween(1, 1);
        Response limited = responses.stream()
                .filter(r -> r.statusCode() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("8 calls in a row were never limited"));
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 1);
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.jsonPath().getString("message")).isEqualTo("API rate limit exceeded");
        // another endpoint has a budget of its own
        given().header("Netskope-Api-Token", "all-token")
                .queryParam("index", "burst")
                .queryParam("operation", "tail")
                .get(EVENTS + "audit")
                .then()
                .statusCode(200)
                .header("RateLimit-Remaining", equalTo("3"));
        // and the limited endpoint recovers after Retry-After
        TenantClient.sleepSeconds(1);
        assertThat(TenantClient.call(EVENTS + "network", "all-token", "burst", "next")
                        .statusCode())
                .isEqualTo(200);
    }
}
