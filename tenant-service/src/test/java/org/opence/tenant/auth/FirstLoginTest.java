package org.opence.tenant.auth;

import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The built-in admin's first sign-in: admin/admin opens only the step that replaces it. */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(FirstLoginTest.FreshInstallation.class)
class FirstLoginTest {

    /** A profile of its own, so this class gets a fresh application and an empty store. */
    public static class FreshInstallation implements QuarkusTestProfile {}

    @Test
    @Order(1)
    void shouldOpenNothingButTheFirstLoginStepWithTheDefaultPassword() {
        var login =
                SignIn.login("admin", "admin").then().statusCode(200).extract().jsonPath();
        assertThat(login.getList("pending")).containsExactly("eula", "password");
        String pending = login.getString("accessToken");

        given().auth()
                .oauth2(pending)
                .when()
                .get("/api/users")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("accept the EULA and replace the default password"))
                .body("detail", containsString("POST /api/auth/first-login"));
        given().auth()
                .oauth2(pending)
                .when()
                .get("/api/auth/me")
                .then()
                .statusCode(200)
                .body("pending", hasItems("eula", "password"));
    }

    @Test
    @Order(2)
    void shouldRequireTheEulaAndAStrongNewPassword() {
        String pending = SignIn.login("admin", "admin").then().extract().path("accessToken");

        given().auth()
                .oauth2(pending)
                .contentType(ContentType.JSON)
                .body(Map.of("acceptEula", false, "newPassword", SignIn.ADMIN_PASSWORD))
                .when()
                .post("/api/auth/first-login")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("acceptEula"));
        given().auth()
                .oauth2(pending)
                .contentType(ContentType.JSON)
                .body(Map.of("acceptEula", true, "newPassword", "password"))
                .when()
                .post("/api/auth/first-login")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("newPassword"))
                .body(
                        "errors[0].message",
                        equalTo(
                                "the password needs an upper-case letter, a digit, a special character (e.g. ! # % -)"));
    }

    @Test
    @Order(3)
    void shouldRetireTheDefaultPasswordOnceTheFirstLoginIsDone() {
        String pending = SignIn.login("admin", "admin").then().extract().path("accessToken");

        var done = given().auth()
                .oauth2(pending)
                .contentType(ContentType.JSON)
                .body(Map.of("acceptEula", true, "newPassword", SignIn.ADMIN_PASSWORD))
                .when()
                .post("/api/auth/first-login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(done.getList("pending")).isEmpty();
        given().auth()
                .oauth2(done.getString("accessToken"))
                .when()
                .get("/api/users")
                .then()
                .statusCode(200);
        SignIn.login("admin", "admin")
                .then()
                .statusCode(401)
                .body("detail", equalTo("The username or password is wrong."));
        given().auth().oauth2(pending).when().get("/api/auth/me").then().statusCode(401);
    }
}
