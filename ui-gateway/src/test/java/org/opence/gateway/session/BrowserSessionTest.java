package org.opence.gateway.session;

import java.net.URL;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.gateway.GatewayTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.opence.gateway.GatewayTestResource.ACCESS_1;
import static org.opence.gateway.GatewayTestResource.ACCESS_2;
import static org.opence.gateway.GatewayTestResource.SSO_ACCESS;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class BrowserSessionTest {

    @TestHTTPResource(tls = true)
    URL https;

    @BeforeEach
    void useHttps() {
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = https.getPort();
        RestAssured.useRelaxedHTTPSValidation();
    }

    private Response browserLogin() {
        return given().header("X-CE-Session", "cookie")
                .contentType(ContentType.JSON)
                .body("{\"username\":\"alice\",\"password\":\"x\"}")
                .when()
                .post("/api/auth/login");
    }

    @Test
    void shouldKeepTheTokensOfABrowserInCookiesItsScriptsCannotRead() {
        Response login = browserLogin().then().statusCode(200).extract().response();

        assertThat(login.asString())
                .doesNotContain(ACCESS_1)
                .doesNotContain("refresh-1")
                .contains("\"username\":\"alice\"");
        var access = login.getDetailedCookie("ce_access");
        assertThat(access.getValue()).isEqualTo(ACCESS_1);
        assertThat(access.isHttpOnly()).isTrue();
        assertThat(access.isSecured()).isTrue();
        assertThat(access.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(login.getDetailedCookie("ce_refresh").getPath()).isEqualTo("/api/auth");
        assertThat(login.getDetailedCookie("ce_csrf").isHttpOnly())
                .as("the page must read the CSRF token")
                .isFalse();
    }

    @Test
    void shouldHandAPIClientsTheirTokensUntouched() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"alice\",\"password\":\"x\"}")
                .when()
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .body("accessToken", equalTo(ACCESS_1));
    }

    @Test
    void shouldAuthenticateByCookieAndRequireTheCsrfTokenToChangeAnything() {
        Response login = browserLogin();
        String csrf = login.getCookie("ce_csrf");

        // reads need the cookie only; the service sees a bearer token and no cookies
        given().cookie("ce_access", ACCESS_1)
                .when()
                .get("/api/cte/echo")
                .then()
                .statusCode(201)
                .body("headers.authorization", equalTo("Bearer " + ACCESS_1))
                .body("headers.cookie", org.hamcrest.Matchers.nullValue());

        // a change without the CSRF token (what a forged cross-site request looks like) is refused
        given().cookie("ce_access", ACCESS_1)
                .cookie("ce_csrf", csrf)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/cte/echo")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("X-CSRF-Token"));
        given().cookie("ce_access", ACCESS_1)
                .cookie("ce_csrf", csrf)
                .header("X-CSRF-Token", "guess")
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/cte/echo")
                .then()
                .statusCode(403);

        // with it, the change goes through
        given().cookie("ce_access", ACCESS_1)
                .cookie("ce_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/cte/echo")
                .then()
                .statusCode(201)
                .body("headers.authorization", equalTo("Bearer " + ACCESS_1));
    }

    @Test
    void shouldRefreshFromTheCookieAndClearEverythingAtLogout() {
        Response login = browserLogin();
        String csrf = login.getCookie("ce_csrf");

        Response refreshed = given().header("X-CE-Session", "cookie")
                .cookie("ce_refresh", "refresh-1")
                .cookie("ce_access", ACCESS_1)
                .cookie("ce_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .when()
                .post("/api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .response();
        assertThat(refreshed.getCookie("ce_access")).isEqualTo(ACCESS_2);
        assertThat(refreshed.getCookie("ce_refresh")).isEqualTo("refresh-2");

        Response logout = given().header("X-CE-Session", "cookie")
                .cookie("ce_access", ACCESS_2)
                .cookie("ce_csrf", csrf)
                .header("X-CSRF-Token", csrf)
                .when()
                .post("/api/auth/logout")
                .then()
                .statusCode(204)
                .header("X-Saw-Authorization", "Bearer " + ACCESS_2)
                .extract()
                .response();
        assertThat(logout.getDetailedCookie("ce_access").getMaxAge()).isZero();
        assertThat(logout.getDetailedCookie("ce_refresh").getMaxAge()).isZero();
    }

    @Test
    void shouldTurnASuccessfulSsoRedirectIntoTheSessionAndGoToTheConsole() {
        Response back = given().redirects()
                .follow(false)
                .when()
                .get("/api/auth/sso/callback?code=good&state=s")
                .then()
                .statusCode(303)
                .header("Location", "/")
                .extract()
                .response();

        assertThat(back.getDetailedCookie("ce_access").getValue()).isEqualTo(SSO_ACCESS);
        assertThat(back.getDetailedCookie("ce_access").isHttpOnly()).isTrue();
        assertThat(back.getDetailedCookie("ce_csrf").getValue()).isEqualTo("csrf-of-sso");
        assertThat(back.asString()).doesNotContain(SSO_ACCESS);
    }

    @Test
    void shouldShowAPageThatSaysWhyAnSsoSignInWasRefused() {
        given().redirects()
                .follow(false)
                .when()
                .get("/api/auth/sso/callback?code=bad&state=s")
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("none of the groups"))
                .body(containsString("&lt;mallory&gt;"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Set-Cookie", org.hamcrest.Matchers.not(containsString("ce_access")));
    }

    @Test
    void shouldRefuseACsrfTokenThatIsNotTheSessionsEvenWhenCookieAndHeaderMatch() {
        // an empty cookie with an empty header, and any pair a planted cookie makes, used to pass
        for (String planted : new String[] {"", "attacker-chosen", "csrf-of-sso"}) {
            given().cookie("ce_access", ACCESS_1)
                    .cookie("ce_csrf", planted)
                    .header("X-CSRF-Token", planted)
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .when()
                    .post("/api/cte/echo")
                    .then()
                    .statusCode(403);
        }
        // the session's own token passes, whatever the cookie says
        given().cookie("ce_access", ACCESS_1)
                .cookie("ce_csrf", "whatever")
                .header("X-CSRF-Token", org.opence.gateway.GatewayTestResource.CSRF)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/cte/echo")
                .then()
                .statusCode(201);
    }

    @Test
    void shouldPassTheBrowsersSsoCookieAndNothingAClientWritesItself() {
        given().redirects()
                .follow(false)
                .cookie("ce_sso", "binding-of-this-browser")
                .header("X-CE-SSO-Binding", "forged")
                .when()
                .get("/api/auth/sso/callback?code=good&state=s")
                .then()
                .statusCode(303)
                .header("X-Saw-Binding", "binding-of-this-browser")
                .header("Set-Cookie", containsString("ce_sso=;"));
        given().redirects()
                .follow(false)
                .header("X-CE-SSO-Binding", "forged")
                .when()
                .get("/api/auth/sso/callback?code=good&state=s")
                .then()
                .header("X-Saw-Binding", "null");
    }

    @Test
    void shouldNameTheClientByItsConnectionNotByWhatItWrites() {
        given().header("X-Forwarded-For", "203.0.113.9")
                .when()
                .get("/api/cte/echo")
                .then()
                .statusCode(201)
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-host'", org.hamcrest.Matchers.nullValue());
    }
}
