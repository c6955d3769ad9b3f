package org.opence.tenant.sso;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opence.tenant.auth.SignInAccess;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** SSO against a real OpenID Connect provider (mock-oauth2-server) running in the test. */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SsoTest {

    /** The public address of the test profile (ce.public-url); the Host header never counts. */
    private static final String GATEWAY = "gateway.example:8443";

    private static int starts;
    private static MockOAuth2Server idp;

    @BeforeAll
    static void startIdentityProvider() {
        idp = new MockOAuth2Server();
        idp.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.shutdown();
    }

    @Test
    @Order(1)
    void shouldBeOffUntilTheSuperAdminTurnsItOn() {
        given().when().get("/api/auth/sso").then().statusCode(200).body("enabled", equalTo(false));
        given().redirects()
                .follow(false)
                .when()
                .get("/api/auth/sso/start")
                .then()
                .statusCode(409)
                .body("detail", containsString("turned off"));
    }

    @Test
    @Order(2)
    void shouldRefuseSettingsThatCannotWork() {
        Map<String, Object> settings = settings(true);
        settings.put("roleMapping", Map.of("ce-admins", "owner"));
        put(settings).statusCode(400).body("errors[0].field", equalTo("roleMapping.ce-admins"));

        Map<String, Object> wrongIssuer = settings(true);
        wrongIssuer.put("issuer", "http://127.0.0.1:1/nothing");
        put(wrongIssuer)
                .statusCode(400)
                .body("errors[0].field", equalTo("issuer"))
                .body("errors[0].message", containsString("cannot be read"));
    }

    @Test
    @Order(2)
    void shouldTestAnIssuerWithoutSavingAnything() {
        String admin = SignInAccess.superAdmin();
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("issuer", idp.issuerUrl("default").toString(), "clientId", "opence"))
                .post("/api/auth/sso/test")
                .then()
                .statusCode(200)
                .body("issuer", equalTo(idp.issuerUrl("default").toString()))
                .body("tokenEndpoint", containsString("/default/token"))
                .body("signingKeys", org.hamcrest.Matchers.greaterThan(0));
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("issuer", "http://127.0.0.1:1/nothing", "clientId", "opence"))
                .post("/api/auth/sso/test")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("issuer"))
                .body("errors[0].message", containsString("cannot be read"));
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("issuer", idp.issuerUrl("default").toString()))
                .post("/api/auth/sso/test")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("clientId"));
        given().auth()
                .oauth2(SignInAccess.user("sso-tester", "admin", "Sso!Tester-pass1"))
                .contentType("application/json")
                .body(Map.of("issuer", idp.issuerUrl("default").toString(), "clientId", "opence"))
                .post("/api/auth/sso/test")
                .then()
                .statusCode(403);
        // nothing was saved: SSO is still off
        given().when().get("/api/auth/sso").then().statusCode(200).body("enabled", equalTo(false));
    }

    @Test
    @Order(3)
    void shouldStoreTheClientSecretEncryptedAndNeverShowIt() {
        String body = put(settings(true))
                .statusCode(200)
                .body("hasClientSecret", equalTo(true))
                .extract()
                .asString();

        assertThat(body).doesNotContain("top-secret");
        assertThat(given().auth()
                        .oauth2(SignInAccess.superAdmin())
                        .when()
                        .get("/api/auth/sso/settings")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain("top-secret");
    }

    @Test
    @Order(4)
    void shouldSignInThroughTheIdentityProviderWithPkceAndMapGroupsToARole() {
        put(settings(true)).statusCode(200);
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(
                "default",
                "u-123",
                "JWT",
                List.of("opence"),
                Map.of("preferred_username", "carol@example.com", "groups", List.of("staff", "ce-admins")),
                3600));

        Map<String, String> redirect = signInAtTheIdp();

        var tokens = callback(redirect).then().statusCode(200).extract().jsonPath();
        assertThat(tokens.getString("csrfToken")).isNotBlank();
        assertThat(tokens.getString("username")).isEqualTo("carol@example.com");
        assertThat(tokens.getString("role")).isEqualTo("admin");
        given().auth()
                .oauth2(tokens.getString("accessToken"))
                .when()
                .get("/api/auth/me")
                .then()
                .statusCode(200)
                .body("method", equalTo("sso"))
                .body("role", equalTo("admin"));

        // the same redirect cannot be used twice
        callback(redirect).then().statusCode(401).body("detail", containsString("used already"));

        // a refresh keeps the session a single sign-on session
        var refreshed = given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", tokens.getString("refreshToken")))
                .post("/api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        given().auth()
                .oauth2(refreshed.getString("accessToken"))
                .get("/api/auth/me")
                .then()
                .statusCode(200)
                .body("method", equalTo("sso"))
                .body("role", equalTo("admin"));
    }

    @Test
    @Order(4)
    void shouldRefuseACallbackOpenedInAnotherBrowser() {
        // Given an attacker who signed in at the IdP and keeps the callback link instead of opening it
        put(settings(true)).statusCode(200);
        Map<String, String> redirect = signInAtTheIdp();

        // When a victim's browser opens the link: it has no ce_sso cookie, or one of its own start
        given().queryParam("code", redirect.get("code"))
                .queryParam("state", redirect.get("state"))
                .get("/api/auth/sso/callback")
                .then()
                .statusCode(401)
                .body("detail", containsString("not started in this browser"));
        String victimsOwn = start().getCookie("ce_sso");
        given().queryParam("code", redirect.get("code"))
                .queryParam("state", redirect.get("state"))
                .header("X-CE-SSO-Binding", victimsOwn)
                .get("/api/auth/sso/callback")
                .then()
                .statusCode(401);

        // And an error redirect that no sign-in of this browser started repeats nothing of what it carries
        given().queryParam("error", "access_denied")
                .queryParam("error_description", "<b>Call +1 555 0100 to unlock your account</b>")
                .get("/api/auth/sso/callback")
                .then()
                .statusCode(401)
                .body("detail", not(containsString("555")))
                .body("detail", not(containsString("access_denied")));
    }

    @Test
    @Order(4)
    void shouldLimitHowManySignInsOneAddressStarts() {
        put(settings(true)).statusCode(200);
        for (int i = 0; i < 20; i++) {
            startFrom("10.50.0.1").then().statusCode(303);
        }
        startFrom("10.50.0.1")
                .then()
                .statusCode(429)
                .header("Retry-After", "60")
                .body("detail", containsString("Too many single sign-on starts"));
        startFrom("10.50.0.2").then().statusCode(303);
    }

    @Test
    @Order(4)
    void shouldEndTheSessionAtRefreshWhenTheUserLeftTheMappedGroups() {
        put(settings(true)).statusCode(200);
        idp.enqueueCallback(callbackFor("dan@example.com", List.of("ce-admins")));
        var tokens = callback(signInAtTheIdp()).then().statusCode(200).extract().jsonPath();

        // the IdP now puts dan in the readers' group only: the next refresh gives the lesser role
        idp.enqueueCallback(callbackFor("dan@example.com", List.of("ce-readers")));
        var reader = refresh(tokens.getString("refreshToken"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(reader.getString("role")).isEqualTo("read-only");

        // and once he is in no mapped group, the session ends at the next refresh
        idp.enqueueCallback(callbackFor("dan@example.com", List.of("staff")));
        refresh(reader.getString("refreshToken"))
                .then()
                .statusCode(401)
                .body("detail", containsString("none of the mapped groups"));
        given().auth()
                .oauth2(reader.getString("accessToken"))
                .get("/api/auth/me")
                .then()
                .statusCode(401);
    }

    @Test
    @Order(4)
    void shouldSendTheBrowserToTheIdentityProvidersLogoutAtSignOut() {
        put(settings(true)).statusCode(200);
        idp.enqueueCallback(callbackFor("erin@example.com", List.of("ce-admins")));
        var tokens = callback(signInAtTheIdp()).then().statusCode(200).extract().jsonPath();

        String logoutUrl = given().auth()
                .oauth2(tokens.getString("accessToken"))
                .post("/api/auth/logout")
                .then()
                .statusCode(200)
                .extract()
                .path("logoutUrl");
        assertThat(logoutUrl).startsWith(idp.url("default/endsession").toString());
        assertThat(query(URI.create(logoutUrl)))
                .containsEntry("post_logout_redirect_uri", "https://" + GATEWAY + "/")
                .containsEntry("client_id", "opence")
                .containsKey("id_token_hint");
        given().auth()
                .oauth2(tokens.getString("accessToken"))
                .get("/api/auth/me")
                .then()
                .statusCode(401);
    }

    @Test
    @Order(5)
    void shouldRefuseAUserInNoMappedGroupWithAClearMessage() {
        put(settings(true)).statusCode(200);
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(
                "default",
                "u-999",
                "JWT",
                List.of("opence"),
                Map.of("preferred_username", "mallory", "groups", List.of("contractors")),
                3600));

        callback(signInAtTheIdp())
                .then()
                .statusCode(403)
                .body("detail", containsString("mallory"))
                .body("detail", containsString("none of the groups"))
                .body("detail", containsString("contractors"));
    }

    @Test
    @Order(6)
    void shouldEndOpenPasswordSessionsWhenPasswordSignInIsTurnedOff() {
        var local = SignInAccess.userTokens("sso-open", "read-only", "Open!pw-2026x");
        String admin = SignInAccess.superAdmin();
        Map<String, Object> settings = settings(true);
        settings.put("localLoginAllowed", false);
        put(settings).statusCode(200);

        given().auth()
                .oauth2(local.getString("accessToken"))
                .get("/api/auth/me")
                .then()
                .statusCode(401);
        refresh(local.getString("refreshToken")).then().statusCode(401);
        given().auth().oauth2(admin).get("/api/auth/me").then().statusCode(200);
        put(settings(false)).statusCode(200);
    }

    @Test
    @Order(7)
    void shouldTurnOffPasswordSignInForLocalUsersButKeepTheBuiltInAdmin() {
        SignInAccess.user("sso-local", "read-only", "Local!pw-2026");
        Map<String, Object> settings = settings(true);
        settings.put("localLoginAllowed", false);
        put(settings).statusCode(200);

        // the right password gets the answer of a wrong one: it confirms nothing
        SignInAccess.login("sso-local", "Local!pw-2026")
                .then()
                .statusCode(401)
                .body("detail", equalTo("The username or password is wrong."));
        assertThat(SignInAccess.superAdmin()).isNotBlank();

        put(settings(false)).statusCode(200);
        SignInAccess.login("sso-local", "Local!pw-2026").then().statusCode(200);
    }

    private static Response start() {
        return startFrom("10.60.0." + (++starts % 250 + 1));
    }

    private static Response startFrom(String address) {
        return given().redirects()
                .follow(false)
                .header("X-Forwarded-For", address)
                .header("Host", "evil.example")
                .when()
                .get("/api/auth/sso/start");
    }

    /**
     * Starts at Open CE as the browser would (through the gateway), lets the IdP sign in, returns its
     * redirect's query and the browser's ce_sso cookie (under "binding").
     */
    private Map<String, String> signInAtTheIdp() {
        Response start = start();
        assertThat(start.statusCode()).isEqualTo(303);
        var cookie = start.getDetailedCookie("ce_sso");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecured()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(cookie.getPath()).isEqualTo("/api/auth/sso");
        URI authorize = URI.create(start.header("Location"));
        Map<String, String> asked = query(authorize);
        assertThat(asked)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", "opence")
                .containsEntry("redirect_uri", "https://" + GATEWAY + "/api/auth/sso/callback")
                .containsKeys("state", "nonce", "code_challenge");

        Response idpAnswer = given().urlEncodingEnabled(false)
                .redirects()
                .follow(false)
                .when()
                .get(authorize.toString());
        assertThat(idpAnswer.statusCode()).isEqualTo(302);
        URI back = URI.create(idpAnswer.header("Location"));
        assertThat(back.toString()).startsWith("https://" + GATEWAY + "/api/auth/sso/callback");
        Map<String, String> answer = query(back);
        answer.put("binding", cookie.getValue());
        return answer;
    }

    private static Response callback(Map<String, String> redirect) {
        return given().queryParam("code", redirect.get("code"))
                .queryParam("state", redirect.get("state"))
                .header("X-CE-SSO-Binding", redirect.get("binding"))
                .when()
                .get("/api/auth/sso/callback");
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh");
    }

    private static DefaultOAuth2TokenCallback callbackFor(String username, List<String> groups) {
        return new DefaultOAuth2TokenCallback(
                "default",
                "sub-" + username,
                "JWT",
                List.of("opence"),
                Map.of("preferred_username", username, "groups", groups),
                3600);
    }

    private static io.restassured.response.ValidatableResponse put(Map<String, Object> settings) {
        return given().auth()
                .oauth2(SignInAccess.superAdmin())
                .contentType(ContentType.JSON)
                .body(settings)
                .when()
                .put("/api/auth/sso/settings")
                .then();
    }

    private static Map<String, Object> settings(boolean enabled) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("enabled", enabled);
        settings.put("issuer", idp.issuerUrl("default").toString());
        settings.put("clientId", "opence");
        settings.put("clientSecret", "top-secret");
        settings.put("roleMapping", Map.of("ce-admins", "admin", "ce-readers", "read-only"));
        return settings;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(
                    java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
        }
        return params;
    }
}
