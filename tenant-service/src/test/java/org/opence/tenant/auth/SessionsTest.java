package org.opence.tenant.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class SessionsTest {

    @Test
    void shouldRotateRefreshTokensAndEndEverythingAtLogout() {
        var tokens = SignIn.user("sessions-alice", "admin", "Alice!pw-2026");
        String refresh = tokens.getString("refreshToken");

        // A refresh token works once
        var refreshed = given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refresh))
                .when()
                .post("/api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refresh))
                .when()
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);

        // Logout ends the session: its access token and refresh token stop working
        String access = refreshed.getString("accessToken");
        given().auth()
                .oauth2(access)
                .when()
                .get("/api/auth/me")
                .then()
                .statusCode(200)
                .body("role", equalTo("admin"));
        given().auth().oauth2(access).when().post("/api/auth/logout").then().statusCode(204);
        given().auth()
                .oauth2(access)
                .when()
                .get("/api/auth/me")
                .then()
                .statusCode(401)
                .body("detail", containsString("session has ended"));
        given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshed.getString("refreshToken")))
                .when()
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldLockAfterRepeatedFailuresForLongerEachTime() {
        SignIn.user("sessions-bob", "read-only", "Bob!pw-2026x");

        for (int i = 0; i < 4; i++) {
            SignIn.login("sessions-bob", "wrong").then().statusCode(401);
        }
        // the fifth failure locks (2 s in tests, 2 min by default); even the right password waits
        SignIn.login("sessions-bob", "wrong").then().statusCode(429).header("Retry-After", "2");
        SignIn.login("sessions-bob", "Bob!pw-2026x")
                .then()
                .statusCode(429)
                .body("detail", containsString("try again in"));

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> SignIn.login("sessions-bob", "Bob!pw-2026x").statusCode() == 200);

        // success resets the count; five more failures lock again
        for (int i = 0; i < 4; i++) {
            SignIn.login("sessions-bob", "wrong").then().statusCode(401);
        }
        SignIn.login("sessions-bob", "wrong").then().statusCode(429).header("Retry-After", "2");
    }

    @Test
    void shouldDoubleTheLockWithEachFurtherRunOfFailures() {
        SignIn.user("sessions-carol", "read-only", "Carol!pw-2026");
        for (int i = 0; i < 5; i++) {
            SignIn.login("sessions-carol", "wrong");
        }
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> SignIn.login("sessions-carol", "wrong").statusCode() == 401);
        for (int i = 0; i < 3; i++) {
            SignIn.login("sessions-carol", "wrong").then().statusCode(401);
        }
        // the tenth failure: 4 s
        SignIn.login("sessions-carol", "wrong").then().statusCode(429).header("Retry-After", "4");
    }

    @Test
    void shouldNotTellWhetherAUsernameExists() {
        SignIn.login("nobody-here", "whatever")
                .then()
                .statusCode(401)
                .body("detail", equalTo("The username or password is wrong."));
    }

    @Test
    void shouldSignTokensWithTheKeyItPublishes() throws Exception {
        String token = SignIn.superAdmin();
        var jwks = given().when()
                .get("/api/auth/jwks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(jwks.getString("keys[0].alg")).isEqualTo("RS256");
        assertThat(jwks.getMap("keys[0]")).doesNotContainKeys("d", "p", "q");

        var key = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwks.getString("keys[0].n"))),
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwks.getString("keys[0].e")))));
        String[] parts = token.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertThat(header)
                .contains("\"kid\":\"" + jwks.getString("keys[0].kid") + "\"")
                .contains("RS256");
    }
}
