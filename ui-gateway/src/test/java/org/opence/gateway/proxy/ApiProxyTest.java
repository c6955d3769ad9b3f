package org.opence.gateway.proxy;

import java.net.URL;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.gateway.GatewayTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ApiProxyTest {

    @TestHTTPResource(tls = true)
    URL https;

    @BeforeEach
    void useHttps() {
        RestAssured.baseURI = "https://localhost";
        RestAssured.port = https.getPort();
        RestAssured.useRelaxedHTTPSValidation();
    }

    @Test
    void shouldForwardMethodPathQueryAndBodyAndRelayTheAnswer() {
        Response response = given().contentType("application/json")
                .body("{\"name\":\"feed\"}")
                .when()
                .post("/api/cte/echo?page=2&sort=name")
                .then()
                .statusCode(201)
                .header("X-Upstream", "cte")
                .extract()
                .response();

        assertThat(response.jsonPath().getString("method")).isEqualTo("POST");
        assertThat(response.jsonPath().getString("uri")).isEqualTo("/api/cte/echo?page=2&sort=name");
        assertThat(response.jsonPath().getString("body")).isEqualTo("{'name':'feed'}".replace('\'', '"'));
        assertThat(response.jsonPath().getString("headers.'x-forwarded-proto'")).isEqualTo("https");
        assertThat(response.jsonPath().getString("headers.'x-forwarded-for'")).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldGiveEveryRequestAnIdAndPassItOn() {
        Response generated = given().when()
                .get("/api/cte/echo")
                .then()
                .statusCode(201)
                .extract()
                .response();
        String id = generated.header("X-Request-Id");
        assertThat(id).isNotBlank();
        assertThat(generated.jsonPath().getString("headers.'x-request-id'")).isEqualTo(id);

        given().header("X-Request-Id", "ticket-4711")
                .when()
                .get("/api/cte/echo")
                .then()
                .header("X-Request-Id", "ticket-4711")
                .body("headers.'x-request-id'", equalTo("ticket-4711"));

        given().header("X-Request-Id", "bad id with spaces and \"quotes\"")
                .when()
                .get("/api/cte/echo")
                .then()
                .header("X-Request-Id", org.hamcrest.Matchers.not(containsString(" ")));
    }

    @Test
    void shouldNotForwardConnectionLevelHeaders() {
        given().header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("Authorization", "Bearer abc")
                .when()
                .get("/api/cte/echo")
                .then()
                .statusCode(201)
                .body("headers.'proxy-authorization'", org.hamcrest.Matchers.nullValue())
                .body("headers.authorization", equalTo("Bearer abc"));
    }

    @Test
    void shouldStreamLargeAnswers() {
        byte[] body = given().when()
                .get("/api/cte/large")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();

        assertThat(body).hasSize(4 * 1024 * 1024);
    }

    @Test
    void shouldRefuseABodyAboveTheLimitBeforeContactingTheService() {
        given().contentType("application/json")
                .body("x".repeat(2048))
                .when()
                .post("/api/cte/echo")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("is 1024 bytes (1 KiB)"))
                .header("Connection", "close");
    }

    @Test
    void shouldAnswer502WhenTheOwningServiceIsDown() {
        given().when()
                .get("/api/cls/configurations")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("title", equalTo("Upstream unavailable"))
                .body("detail", containsString("cls-service is not reachable"));
    }

    @Test
    void shouldAnswer504WhenTheServiceGoesSilent() {
        given().when()
                .get("/api/cte/slow")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("detail", containsString("did not answer within 1 s"));
    }

    @Test
    void shouldAnswer404ForAPathNoServiceOwns() {
        given().when()
                .get("/api/nobody/home")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No service owns /api/nobody/home."))
                .header("X-Request-Id", notNullValue());
    }
}
