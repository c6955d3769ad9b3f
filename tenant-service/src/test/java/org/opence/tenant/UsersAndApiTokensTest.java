package org.opence.tenant;

import java.util.Date;
import java.util.Map;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;

import com.mongodb.client.MongoClients;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class UsersAndApiTokensTest {

    @Test
    void shouldSayEverythingAPasswordLacks() {
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("username", "weak-pw", "role", "admin", "password", "abc"))
                .when()
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("password"))
                .body(
                        "errors[0].message",
                        equalTo("the password needs at least 8 characters, an upper-case letter,"
                                + " a digit, a special character (e.g. ! # % -)"));
    }

    @Test
    void shouldNameTheFieldAndWhatIsAllowed() {
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("username", "x", "role", "owner", "password", "Valid!pw-123"))
                .when()
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("username", "role"))
                .body("errors.find { it.field == 'role' }.message", equalTo("must be admin or read-only"));
    }

    @Test
    void shouldNeverReturnPasswordHashes() {
        String body = given().auth()
                .oauth2(superAdmin())
                .when()
                .get("/api/users")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(body)
                .contains("\"username\":\"admin\"")
                .doesNotContain("passwordHash")
                .doesNotContain("$2a$");
    }

    @Test
    void shouldProtectTheBuiltInAdmin() {
        String token = superAdmin();
        given().auth()
                .oauth2(token)
                .when()
                .delete("/api/users/admin")
                .then()
                .statusCode(409)
                .body("detail", equalTo("The built-in admin cannot be deleted."));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .when()
                .put("/api/users/admin")
                .then()
                .statusCode(400)
                .body("errors[0].message", equalTo("the built-in admin is always an enabled super-admin"));
    }

    @Test
    void shouldEndTheSessionsOfADisabledUser() {
        String access = org.opence.tenant.auth.SignInAccess.user("users-dave", "admin", "Dave!pw-2026x");
        given().auth().oauth2(access).when().get("/api/auth/me").then().statusCode(200);

        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .when()
                .put("/api/users/users-dave")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));

        given().auth().oauth2(access).when().get("/api/auth/me").then().statusCode(401);
        // the right password of a disabled user is answered as a wrong one: it confirms nothing
        org.opence.tenant.auth.SignInAccess.login("users-dave", "Dave!pw-2026x")
                .then()
                .statusCode(401)
                .body("detail", equalTo("The username or password is wrong."));
    }

    @Test
    void shouldIssueApiTokensWhoseSecretIsShownOnceAndStoredHashed() {
        var created = given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "soar-bot", "role", "read-only", "expiresInDays", 30))
                .when()
                .post("/api/auth/api-tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String clientId = created.getString("clientId");
        String secret = created.getString("clientSecret");
        assertThat(secret).hasSizeGreaterThan(40);

        String list = given().auth()
                .oauth2(superAdmin())
                .when()
                .get("/api/auth/api-tokens")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(list).contains(clientId).doesNotContain(secret).doesNotContain("secretHash");
        assertThat(storedToken(clientId).getString("secretHash"))
                .isNotEqualTo(secret)
                .hasSize(64);

        // exchange at the token endpoint, client-credentials style
        String access = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .when()
                .post("/api/auth/token")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(7200))
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(access)
                .when()
                .get("/api/auth/me")
                .then()
                .statusCode(200)
                .body("role", equalTo("read-only"))
                .body("method", equalTo("api-token"));
        given().auth()
                .oauth2(access)
                .contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .when()
                .put("/api/users/admin")
                .then()
                .statusCode(403);

        // a wrong secret gets nothing; deleting the API token ends its access tokens at once
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret + "x")
                .when()
                .post("/api/auth/token")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(superAdmin())
                .when()
                .delete("/api/auth/api-tokens/" + clientId)
                .then()
                .statusCode(204);
        given().auth().oauth2(access).when().get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void shouldRefuseAnExpiredApiToken() {
        var created = given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "old-bot", "role", "admin", "expiresInDays", 1))
                .when()
                .post("/api/auth/api-tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        try (var client = MongoClients.create(config("quarkus.mongodb.connection-string"))) {
            client.getDatabase(config("ce.mongodb.database"))
                    .getCollection("api_tokens")
                    .updateOne(
                            new Document("clientId", created.getString("clientId")),
                            new Document(
                                    "$set", new Document("expiresAt", new Date(System.currentTimeMillis() - 1000))));
        }

        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", created.getString("clientId"))
                .formParam("client_secret", created.getString("clientSecret"))
                .when()
                .post("/api/auth/token")
                .then()
                .statusCode(401)
                .body("detail", containsString("expired"));
    }

    private static Document storedToken(String clientId) {
        try (var client = MongoClients.create(config("quarkus.mongodb.connection-string"))) {
            return client.getDatabase(config("ce.mongodb.database"))
                    .getCollection("api_tokens")
                    .find(new Document("clientId", clientId))
                    .first();
        }
    }

    private static String superAdmin() {
        return org.opence.tenant.auth.SignInAccess.superAdmin();
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
