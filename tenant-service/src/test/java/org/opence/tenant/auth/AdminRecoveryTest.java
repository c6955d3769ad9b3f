package org.opence.tenant.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The host operator's recovery requests, left in the recovery directory as scripts/admin-recovery does. */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class AdminRecoveryTest {

    private static Path directory() throws Exception {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("tenant.recovery.directory", String.class));
        Files.createDirectories(dir);
        return dir;
    }

    @Test
    void shouldForgetEveryFailedSignInOfTheAdminWhenTheHostAsks() throws Exception {
        SignIn.superAdmin();
        try {
            // Given guesses at the admin's password from many addresses: new addresses must wait
            for (int i = 0; i < 12; i++) {
                SignIn.loginFrom("admin", "wrong", "10.70.0." + i);
            }
            assertThat(SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.71.0.1")
                            .statusCode())
                    .isEqualTo(429);

            // When the host asks to unlock
            Files.createFile(directory().resolve("unlock"));

            // Then the request is carried out and the admin signs in from a new address at once
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !Files.exists(directory().resolve("unlock")));
            SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "10.71.0.2").then().statusCode(200);
        } finally {
            SignIn.loginFrom("admin", SignIn.ADMIN_PASSWORD, "127.0.0.1");
        }
    }

    @Test
    void shouldGiveTheAdminATemporaryPasswordWhenTheHostAsks() throws Exception {
        String session = SignIn.superAdmin();
        Files.writeString(directory().resolve("admin-password"), "Temporary-recovery-9\n");
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !Files.exists(directory().resolve("admin-password")));
            // the admin's sessions ended (their revocation reaches every instance over the bus, a moment later)
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> io.restassured.RestAssured.given()
                                    .auth()
                                    .oauth2(session)
                                    .get("/api/auth/me")
                                    .statusCode()
                            == 401);
            // the temporary password works once, for replacing it
            SignIn.login("admin", SignIn.ADMIN_PASSWORD).then().statusCode(401);
            String pending = SignIn.login("admin", "Temporary-recovery-9")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            io.restassured.RestAssured.given()
                    .auth()
                    .oauth2(pending)
                    .get("/api/auth/me")
                    .then()
                    .statusCode(200)
                    .body("pending", org.hamcrest.Matchers.hasItem("password"));
        } finally {
            // back to the password every other test uses, whatever happened above
            var temporary = SignIn.login("admin", "Temporary-recovery-9");
            if (temporary.statusCode() == 200) {
                io.restassured.RestAssured.given()
                        .auth()
                        .oauth2(temporary.path("accessToken").toString())
                        .contentType("application/json")
                        .body(java.util.Map.of("newPassword", SignIn.ADMIN_PASSWORD))
                        .post("/api/auth/first-login")
                        .then()
                        .statusCode(200);
            }
        }
    }
}
