package org.opence.tenant.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

        // A refresh gives a new refresh token (presenting the old one again ends the session: see below)
        var refreshed = given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refresh))
                .when()
                .post("/api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(refreshed.getString("refreshToken")).isNotEqualTo(refresh);

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
    void shouldSlowAnAddressThatKeepsGuessingWithoutLockingTheOwnerOut() {
        // Given a user who signed in from their own address
        SignIn.user("sessions-bob", "read-only", "Bob!pw-2026x");
        SignIn.loginFrom("sessions-bob", "Bob!pw-2026x", "10.0.0.2").then().statusCode(200);

        // When another address guesses five times
        for (int i = 0; i < 5; i++) {
            SignIn.loginFrom("sessions-bob", "wrong", "10.9.9.9").then().statusCode(401);
        }
        // Then its next attempt must wait, even with the right password, which is not even checked
        SignIn.loginFrom("sessions-bob", "Bob!pw-2026x", "10.9.9.9")
                .then()
                .statusCode(429)
                .header("Retry-After", "1")
                .body("detail", containsString("try again in"));
        // And the owner, from their address or a new one, signs in at once
        SignIn.loginFrom("sessions-bob", "Bob!pw-2026x", "10.0.0.2").then().statusCode(200);
        SignIn.loginFrom("sessions-bob", "Bob!pw-2026x", "10.0.0.3").then().statusCode(200);

        // And the guessing address waits twice as long after each further failure
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        SignIn.loginFrom("sessions-bob", "wrong", "10.9.9.9").statusCode() == 401);
        SignIn.loginFrom("sessions-bob", "wrong", "10.9.9.9")
                .then()
                .statusCode(429)
                .header("Retry-After", "2");
    }

    @Test
    void shouldNeverLockTheBuiltInAdminOutWhateverAnyoneGuesses() {
        String admin = SignIn.superAdmin();
        assertThat(admin).isNotBlank();
        SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.1.1.1").then().statusCode(200);

        // five wrong passwords from anyone used to lock the admin for up to an hour
        for (int i = 0; i < 5; i++) {
            SignIn.loginFrom("admin", "wrong", "10.6.6.6").then().statusCode(401);
        }
        SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.1.1.2").then().statusCode(200);

        try {
            // Given guesses spread over many addresses: after ten, new addresses must wait
            for (int i = 0; i < 10; i++) {
                SignIn.loginFrom("admin", "wrong", "10.6.7." + i).then().statusCode(401);
            }
            SignIn.loginFrom("admin", "wrong", "10.6.8.1")
                    .then()
                    .statusCode(429)
                    .header("Retry-After", "1");

            // Then a new address waits a second or so, and an address the admin used gets in at once
            var delayed = SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.2.2.2");
            assertThat(delayed.statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(delayed.header("Retry-After"))).isBetween(1, 4);
            SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.1.1.1").then().statusCode(200);
        } finally {
            // a sign-in from a known address ends the wait for everyone (other tests sign in as admin)
            SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.1.1.1");
        }
        SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.2.2.2").then().statusCode(200);
    }

    @Test
    void shouldAnswerUnknownUsersExactlyAsKnownOnes() {
        SignIn.user("sessions-dave", "read-only", "Dave!pw-2026x");
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            known.add(answer(SignIn.loginFrom("sessions-dave", "wrong", "10.3.0.1")));
            unknown.add(answer(SignIn.loginFrom("sessions-nobody", "wrong", "10.3.0.2")));
        }
        assertThat(known).containsExactlyElementsOf(unknown);
        assertThat(known).contains("429 1 Too many failed sign-ins; try again in 1 s.");
        assertThat(known.get(0)).isEqualTo("401 null The username or password is wrong.");
    }

    @Test
    void shouldAnswerADisabledUserWithTheRightPasswordAsAWrongOne() {
        SignIn.user("sessions-erin", "read-only", "Erin!pw-2026x");
        given().auth()
                .oauth2(SignIn.superAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("enabled", false))
                .put("/api/users/sessions-erin")
                .then()
                .statusCode(200);

        assertThat(answer(SignIn.loginFrom("sessions-erin", "Erin!pw-2026x", "10.4.0.1")))
                .isEqualTo(answer(SignIn.loginFrom("sessions-erin", "wrong", "10.4.0.2")))
                .isEqualTo("401 null The username or password is wrong.");
    }

    @Test
    void shouldEndTheWholeSessionWhenAUsedRefreshTokenComesBack() {
        var tokens = SignIn.user("sessions-frank", "read-only", "Frank!pw-2026x");
        String first = tokens.getString("refreshToken");
        var second = refresh(first).then().statusCode(200).extract().jsonPath();

        // someone replays the first refresh token (stolen, or the owner's copy): the session ends
        refresh(first).then().statusCode(401);
        refresh(second.getString("refreshToken")).then().statusCode(401);
        given().auth()
                .oauth2(second.getString("accessToken"))
                .get("/api/auth/me")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldBindTheCsrfTokenToTheSessionAndKeepItAcrossRefreshes() throws Exception {
        var tokens = SignIn.user("sessions-gina", "read-only", "Gina!pw-2026x");
        String csrf = tokens.getString("csrfToken");
        assertThat(csrf).isNotBlank();
        assertThat(claim(tokens.getString("accessToken"), "csrf")).isEqualTo(sha256(csrf));

        var refreshed = refresh(tokens.getString("refreshToken"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(refreshed.getString("csrfToken")).isEqualTo(csrf);
        assertThat(claim(refreshed.getString("accessToken"), "csrf")).isEqualTo(sha256(csrf));
        assertThat(claim(refreshed.getString("accessToken"), "amr")).isEqualTo("password");

        var other =
                SignIn.login("sessions-gina", "Gina!pw-2026x").then().extract().jsonPath();
        assertThat(other.getString("csrfToken")).isNotEqualTo(csrf);
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", token))
                .post("/api/auth/refresh");
    }

    private static String answer(io.restassured.response.Response r) {
        return r.statusCode() + " " + r.header("Retry-After") + " "
                + r.jsonPath().getString("detail");
    }

    private static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getString(name);
    }

    private static String sha256(String text) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.US_ASCII)));
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
