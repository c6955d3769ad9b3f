package org.opence.simulator.netskope;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.opence.simulator.netskope.TenantClient.EVENTS;

/** The legacy v1 calls: a time window paged with skip/limit, token as a parameter. */
@QuarkusTest
class V1ContractTest {

    @BeforeEach
    void resetTenant() {
        given().post("/sim/reset").then().statusCode(204);
    }

    @Test
    void shouldPageAWindowWithSkipAndLimitToExactlyTheRecordsInIt() {
        // Given the whole application stream, as the v2 iterator hands it out
        ObjectNode all = TenantClient.page(EVENTS + "application", "all-token", "v1-compare", "head");
        JsonNode records = all.get("result");
        long start = records.get(100).get("timestamp").asLong();
        long end = records.get(records.size() - 100).get("timestamp").asLong();
        List<String> expected = new ArrayList<>();
        records.forEach(r -> {
            long ts = r.get("timestamp").asLong();
            if (ts >= start && ts <= end) {
                expected.add(r.get("_id").asText());
            }
        });

        // When a v1 consumer pages through [start, end] 1,000 at a time
        List<String> got = new ArrayList<>();
        for (int skip = 0; ; skip += 1000) {
            ObjectNode page = TenantClient.parse(v1(
                            "/api/v1/events",
                            "type=application&starttime=" + start + "&endtime=" + end + "&limit=1000&skip=" + skip)
                    .asString());
            assertThat(page.get("status").asText()).isEqualTo("success");
            page.get("data").forEach(r -> got.add(r.get("_id").asText()));
            if (page.get("data").size() < 1000) {
                break;
            }
        }

        // Then it gets exactly the records of the window, in order, once each
        assertThat(got).isEqualTo(expected).doesNotHaveDuplicates();
    }

    @Test
    void shouldMergeAlertSubtypesInTimeOrderAndFilterByType() {
        ObjectNode mixed = TenantClient.parse(
                v1("/api/v1/alerts", "timeperiod=86400&limit=500").asString());
        ObjectNode malware = TenantClient.parse(
                v1("/api/v1/alerts", "timeperiod=86400&limit=500&type=Malware").asString());

        List<Long> times = new ArrayList<>();
        mixed.get("data").forEach(r -> times.add(r.get("timestamp").asLong()));
        assertThat(times).hasSize(500).isSorted();
        List<String> types = new ArrayList<>();
        mixed.get("data").forEach(r -> types.add(r.get("alert_type").asText()));
        assertThat(types).contains("Malware", "malsite");
        malware.get("data")
                .forEach(r -> assertThat(r.get("alert_type").asText()).isEqualTo("Malware"));
        assertThat(malware.get("data").size()).isEqualTo(500);
    }

    @Test
    void shouldAcceptParametersInAFormBody() {
        given().formParam("token", "v1-token")
                .formParam("type", "audit")
                .formParam("timeperiod", "3600")
                .formParam("limit", "10")
                .post("/api/v1/events")
                .then()
                .statusCode(200)
                .body("status", equalTo("success"))
                .body("data.size()", equalTo(10))
                .body("data.type", hasItem("audit"));
    }

    @Test
    void shouldAnswerErrorsInTheV1Shape() {
        v1("/api/v1/events", "type=page&timeperiod=3600&limit=10000")
                .then()
                .statusCode(400)
                .body("status", equalTo("error"))
                .body("errorCode", equalTo("General Error"))
                .body("errors[0]", org.hamcrest.Matchers.containsString("limit"));
        v1("/api/v1/events", "type=nonsense&timeperiod=3600")
                .then()
                .statusCode(400)
                .body("status", equalTo("error"));
        v1("/api/v1/events", "type=page").then().statusCode(400).body("status", equalTo("error"));
        given().queryParam("token", "wrong")
                .queryParam("type", "page")
                .queryParam("timeperiod", "3600")
                .get("/api/v1/events")
                .then()
                .statusCode(401)
                .body("status", equalTo("error"));
    }

    @Test
    void shouldLimitV1To24CallsInFiveSeconds() {
        int ok = 0;
        Response limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            Response r = v1("/api/v1/events", "type=audit&timeperiod=3600&limit=1");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                ok++;
            }
        }
        assertThat(limited).as("30 calls in a row were never limited").isNotNull();
        assertThat(ok).isEqualTo(24);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 5);
        assertThat(limited.jsonPath().getString("status")).isEqualTo("error");
    }

    private static Response v1(String path, String query) {
        return given().urlEncodingEnabled(false).get(path + "?token=v1-token&" + query);
    }
}
