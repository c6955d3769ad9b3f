package org.opence.simulator.netskope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The push side: URL lists pending until deploy, file-hash lists, UCI, SCIM, incident updates. */
@QuarkusTest
class PushContractTest {

    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String SHA256 = "ab".repeat(32);

    @BeforeEach
    void resetTenant() {
        given().post("/sim/reset").then().statusCode(204);
        given().delete("/sim/pushed").then().statusCode(204);
    }

    @Test
    void shouldKeepUrlListChangesPendingUntilDeploy() {
        int id = v2().body(Map.of("name", "blocked", "data", Map.of("urls", List.of("a.example"), "type", "exact")))
                .post("/api/v2/policy/urllist")
                .then()
                .statusCode(200)
                .body("pending", equalTo(1))
                .extract()
                .path("id");
        v2().body(Map.of("data", Map.of("urls", List.of("b.example", "a.example"), "type", "exact")))
                .patch("/api/v2/policy/urllist/" + id + "/append")
                .then()
                .statusCode(200)
                .body("data.urls", equalTo(List.of("a.example", "b.example")));

        JsonPath before = given().get("/sim/pushed").jsonPath();
        assertThat(before.getList("urlLists[0].pending.urls")).containsExactly("a.example", "b.example");
        assertThat(before.getString("urlLists[0].deployed")).isNull();

        v2().post("/api/v2/policy/urllist/deploy").then().statusCode(200).body("[0].pending", equalTo(0));
        v2().body(Map.of("data", Map.of("urls", List.of("c.example"), "type", "exact")))
                .patch("/api/v2/policy/urllist/" + id + "/replace")
                .then()
                .statusCode(200);

        JsonPath after = given().get("/sim/pushed").jsonPath();
        assertThat(after.getList("urlLists[0].deployed.urls")).containsExactly("a.example", "b.example");
        assertThat(after.getList("urlLists[0].pending.urls")).containsExactly("c.example");
    }

    @Test
    void shouldRefuseAUrlListAbove7Megabytes() {
        int id = v2().body(Map.of("name", "big", "data", Map.of("urls", List.of("x.example"), "type", "exact")))
                .post("/api/v2/policy/urllist")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            urls.add("https://host-" + i + ".very-long-malicious-domain-name-for-testing.example/path/to/page");
        }

        v2().body(Map.of("data", Map.of("urls", urls, "type", "exact")))
                .patch("/api/v2/policy/urllist/" + id + "/replace")
                .then()
                .statusCode(400)
                .body("message", containsString("7 MB"));
        v2().body(Map.of("data", Map.of("urls", urls.subList(0, 50_000), "type", "exact")))
                .patch("/api/v2/policy/urllist/" + id + "/replace")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldNeedTheWriteScopeToPush() {
        given().header("Netskope-Api-Token", "events-reader")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "n", "data", Map.of("urls", List.of("a"), "type", "exact")))
                .post("/api/v2/policy/urllist")
                .then()
                .statusCode(403)
                .body("message", containsString("write access to /api/v2/policy/urllist"));
    }

    @Test
    void shouldReplaceFileHashListsAndRefuseWhileAChangeIsPending() {
        fileHashes(Map.of("name", "bad-files", "list", MD5 + "," + SHA256))
                .then()
                .statusCode(200)
                .body("status", equalTo("success"));
        fileHashes(Map.of("name", "bad-files", "list", MD5))
                .then()
                .statusCode(409)
                .body("status", equalTo("error"))
                .body("errors[0]", containsString("pending"));

        v2().post("/api/v2/policy/urllist/deploy").then().statusCode(200);
        fileHashes(Map.of("name", "bad-files", "list", SHA256)).then().statusCode(200);

        JsonPath pushed = given().get("/sim/pushed").jsonPath();
        assertThat(pushed.getList("fileHashLists.deployed.bad-files")).containsExactly(MD5, SHA256);
        assertThat(pushed.getList("fileHashLists.pending.bad-files")).containsExactly(SHA256);
    }

    @Test
    void shouldRefuseFileHashListsAbove8MegabytesOrWithBadHashes() {
        String big = String.join(",", java.util.Collections.nCopies(130_000, SHA256));
        fileHashes(Map.of("name", "huge", "list", big))
                .then()
                .statusCode(400)
                .body("errors[0]", containsString("8 MB"));
        fileHashes(Map.of("name", "bad", "list", "not-a-hash")).then().statusCode(400);
        given().contentType(ContentType.JSON)
                .queryParam("token", "wrong")
                .body(Map.of("name", "x", "list", MD5))
                .post("/api/v1/updateFileHashList")
                .then()
                .statusCode(401);
        assertThat(given().get("/sim/pushed").jsonPath().getMap("fileHashLists.pending"))
                .isEmpty();
    }

    @Test
    void shouldLowerAndResetTheUserConfidenceIndex() {
        String user = "alice.smith@example.com";
        v2().body(Map.of("user", user, "score", 300, "timestamp", 1_700_000_000_000L, "source", "CE", "reason", "t"))
                .post("/api/v2/incidents/user/uciimpact")
                .then()
                .statusCode(200)
                .body("confidenceScore", equalTo(700));

        v2().body(Map.of("users", List.of(user), "fromTime", 0, "capPerUser", 1))
                .post("/api/v2/incidents/uba/getuci")
                .then()
                .statusCode(200)
                .body("usersUci[0].userId", equalTo(user))
                .body("usersUci[0].confidences[0].confidenceScore", equalTo(700));
        v2().body(Map.of("users", List.of(user)))
                .post("/api/v2/incidents/users/uci/reset")
                .then()
                .statusCode(200);
        v2().body(Map.of("users", List.of(user), "capPerUser", 1))
                .post("/api/v2/incidents/uba/getuci")
                .then()
                .body("usersUci[0].confidences[0].confidenceScore", equalTo(1000));
        assertThat(given().get("/sim/pushed").jsonPath().getList("uci.impacts")).hasSize(1);
    }

    @Test
    void shouldAddAndRemoveGroupMembersWithScim() {
        String userId = v2().body(Map.of("userName", "bob.jones@example.com"))
                .post("/api/v2/scim/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String groupId = v2().body(Map.of("displayName", "High risk"))
                .post("/api/v2/scim/Groups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> add = Map.of(
                "Operations",
                List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", userId)))));

        v2().body(add)
                .patch("/api/v2/scim/Groups/" + groupId)
                .then()
                .statusCode(200)
                .body("members[0].value", equalTo(userId));
        v2().queryParam("filter", "displayName eq \"High risk\"")
                .get("/api/v2/scim/Groups")
                .then()
                .body("totalResults", equalTo(1))
                .body("Resources[0].members[0].display", equalTo("bob.jones@example.com"));
        Map<String, Object> remove = Map.of(
                "Operations",
                List.of(Map.of("op", "remove", "path", "members", "value", List.of(Map.of("value", userId)))));
        v2().body(remove)
                .patch("/api/v2/scim/Groups/" + groupId)
                .then()
                .statusCode(200)
                .body("members.size()", equalTo(0));
    }

    @Test
    void shouldRecordIncidentUpdates() {
        Map<String, Object> change = new java.util.HashMap<>(
                Map.of("field", "status", "object_id", "1234567890123456789", "new_value", "closed", "user", "ce"));
        change.put("old_value", null);
        v2().body(Map.of("payload", List.of(change)))
                .post("/api/v2/incidents/update")
                .then()
                .statusCode(200);
        v2().body(Map.of("payload", List.of()))
                .post("/api/v2/incidents/update")
                .then()
                .statusCode(400);

        JsonPath pushed = given().get("/sim/pushed").jsonPath();
        assertThat(pushed.getList("incidentUpdates")).hasSize(1);
        assertThat(pushed.getString("incidentUpdates[0].new_value")).isEqualTo("closed");
        given().get("/sim/pushed").then().body("incidentUpdates[0].old_value", nullValue());
    }

    private static RequestSpecification v2() {
        return given().header("Authorization", "Bearer all-token").contentType(ContentType.JSON);
    }

    private static Response fileHashes(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .queryParam("token", "v1-token")
                .body(body)
                .post("/api/v1/updateFileHashList");
    }
}
