package org.opence.tenant.auth;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** Sign-in steps the tests share. The built-in admin's first sign-in is finished once per test run. */
final class SignIn {

    static final String ADMIN_PASSWORD = "Str0ng!Root-Pass9";

    private SignIn() {}

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A sign-in from an address of its own, so the sign-ins of unrelated tests never add up to the
     * throttle of one address (SessionsTest tests that with addresses it chooses).
     */
    static Response login(String username, String password) {
        int n = ADDRESSES.incrementAndGet();
        return loginFrom(username, password, "10.200." + (n / 250) % 250 + "." + (n % 250 + 1));
    }

    /** A sign-in from a client address, as the gateway names it in X-Forwarded-For. */
    static Response loginFrom(String username, String password, String address) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", address)
                .body(Map.of("username", username, "password", password))
                .when()
                .post("/api/auth/login");
    }

    /** A super-admin access token, finishing the first sign-in if it is still pending. */
    static String superAdmin() {
        Response response = login("admin", ADMIN_PASSWORD);
        if (response.statusCode() == 200) {
            return response.jsonPath().getString("accessToken");
        }
        String pending =
                login("admin", "admin").then().statusCode(200).extract().path("accessToken");
        return given().auth()
                .oauth2(pending)
                .contentType(ContentType.JSON)
                .body(Map.of("acceptEula", true, "newPassword", ADMIN_PASSWORD))
                .when()
                .post("/api/auth/first-login")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    /** Creates a user (as super-admin) and finishes its first sign-in; returns its tokens. */
    static JsonPath user(String username, String role, String password) {
        given().auth()
                .oauth2(superAdmin())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "role", role, "password", "Temp0rary!pw"))
                .when()
                .post("/api/users")
                .then()
                .statusCode(201);
        String pending =
                login(username, "Temp0rary!pw").then().statusCode(200).extract().path("accessToken");
        return given().auth()
                .oauth2(pending)
                .contentType(ContentType.JSON)
                .body(Map.of("newPassword", password))
                .when()
                .post("/api/auth/first-login")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
