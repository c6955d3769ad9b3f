package org.opence.simulator.splunk;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.simulator.splunk.Hec.EVENT;

/** With {@code splunk-sim.allow-query-string-auth=true}, {@code ?token=} authenticates like the header. */
@QuarkusTest
@TestProfile(QueryStringAuthTest.QueryStringAuthOn.class)
class QueryStringAuthTest {

    public static class QueryStringAuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("splunk-sim.allow-query-string-auth", "true");
        }
    }

    @Test
    void shouldAcceptAQueryStringTokenAndStillRefuseUnknownOrDisabledOnes() {
        Hec.reset();

        given().queryParam("token", Hec.ANY_INDEX)
                .body("{\"event\":\"by query\"}")
                .post(EVENT)
                .then()
                .statusCode(200)
                .body(equalTo("{\"text\":\"Success\",\"code\":0}"));
        given().queryParam("token", "no-such-token")
                .body("{\"event\":\"x\"}")
                .post(EVENT)
                .then()
                .statusCode(403)
                .body(equalTo("{\"text\":\"Invalid token\",\"code\":4}"));
        given().queryParam("token", Hec.DISABLED)
                .body("{\"event\":\"x\"}")
                .post(EVENT)
                .then()
                .statusCode(403)
                .body(equalTo("{\"text\":\"Token disabled\",\"code\":1}"));

        assertThat(Hec.indexedEvents()).containsExactly("by query");
    }
}
