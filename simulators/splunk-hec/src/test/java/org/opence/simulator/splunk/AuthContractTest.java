package org.opence.simulator.splunk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.splunk.Hec.EVENT;

/** Who may send: the token header, Basic auth, the query string, and the codes for each refusal. */
@QuarkusTest
class AuthContractTest {

    private static final String ONE_EVENT = "{\"event\":\"hello\"}";

    @BeforeEach
    void resetCollector() {
        Hec.reset();
    }

    @Test
    void shouldRequireATokenWith401Code2() {
        given().body(ONE_EVENT)
                .post(EVENT)
                .then()
                .statusCode(401)
                .body(equalTo("{\"text\":\"Token is required\",\"code\":2}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldRefuseAnAuthorizationHeaderThatIsNotSplunkOrBasicWith401Code3() {
        for (String header : List.of("Bearer test-token", "test-token", "Splunk ", "Basic !!not-base64!!")) {
            given().header("Authorization", header)
                    .body(ONE_EVENT)
                    .post(EVENT)
                    .then()
                    .statusCode(401)
                    .body(equalTo("{\"text\":\"Invalid authorization\",\"code\":3}"));
        }
    }

    @Test
    void shouldRefuseAnUnknownTokenWith403Code4BeforeLookingAtTheBody() {
        Hec.as("no-such-token")
                .body("")
                .post(EVENT)
                .then()
                .statusCode(403)
                .body(equalTo("{\"text\":\"Invalid token\",\"code\":4}"));
    }

    @Test
    void shouldRefuseADisabledTokenWith403Code1() {
        Hec.post(Hec.DISABLED, ONE_EVENT)
                .then()
                .statusCode(403)
                .body(equalTo("{\"text\":\"Token disabled\",\"code\":1}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldAcceptTheTokenAsTheBasicAuthPassword() {
        String basic = Base64.getEncoder().encodeToString("anyone:test-token".getBytes(StandardCharsets.UTF_8));

        given().header("Authorization", "Basic " + basic)
                .body(ONE_EVENT)
                .post(EVENT)
                .then()
                .statusCode(200)
                .body(equalTo("{\"text\":\"Success\",\"code\":0}"));

        assertThat(Hec.indexedEvents()).containsExactly("hello");
    }

    @Test
    void shouldRefuseAValidQueryStringTokenWith400Code16WhileQueryAuthIsOff() {
        given().queryParam("token", Hec.ANY_INDEX)
                .body(ONE_EVENT)
                .post(EVENT)
                .then()
                .statusCode(400)
                .body(equalTo("{\"text\":\"Query string authorization is not enabled\",\"code\":16}"));
        given().queryParam("token", "no-such-token")
                .body(ONE_EVENT)
                .post(EVENT)
                .then()
                .statusCode(403)
                .body(equalTo("{\"text\":\"Invalid token\",\"code\":4}"));
        assertThat(Hec.indexedEvents()).isEmpty();
    }

    @Test
    void shouldHonourTokensAddedThroughTheControlApi() {
        given().contentType(ContentType.JSON)
                .body(Map.of("token", "late-token", "indexes", List.of("late"), "disabled", true))
                .post("/sim/tokens")
                .then()
                .statusCode(201);
        Hec.post("late-token", ONE_EVENT).then().statusCode(403).body("code", equalTo(1));

        given().contentType(ContentType.JSON)
                .body(Map.of("token", "late-token", "indexes", List.of("late")))
                .post("/sim/tokens")
                .then()
                .statusCode(201);
        Hec.post("late-token", ONE_EVENT).then().statusCode(200);

        assertThat(Hec.indexed().getString("events[0].index")).isEqualTo("late");
        assertThat(given().get("/sim/tokens").jsonPath().getMap("tokens"))
                .containsKey("late****")
                .doesNotContainKey("late-token");
    }
}
