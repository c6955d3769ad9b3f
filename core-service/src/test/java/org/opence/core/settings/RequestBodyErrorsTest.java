package org.opence.core.settings;

import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that is not JSON, or JSON of the wrong shape, is answered with a problem naming the field and
 * what it must be, and where the parser stopped (issue 16.5). Before: "HTTP 400 Bad Request" without a
 * place, an empty 400 for a wrong type, and an empty body reported as the field "form".
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class RequestBodyErrorsTest {

    @Test
    void shouldSayWhereABodyStopsBeingJson() {
        JsonPath problem = put("{\"modules\":{\"cte\":true},\n  \"proxy\": {\"enabled\": tru }}");

        assertThat(problem.getString("detail")).contains("line 2, column").doesNotContain("Exception");
        assertThat(problem.getString("title")).isNotBlank();
    }

    @Test
    void shouldNameTheFieldOfTheWrongTypeAndWhatItMustBe() {
        JsonPath flag = put("{\"modules\":{\"cte\":\"yes\"}}");
        assertThat(flag.getString("errors[0].field")).isEqualTo("modules.cte");
        assertThat(flag.getString("errors[0].message")).isEqualTo("must be true or false, not \"yes\"");

        JsonPath days = put("{\"retention\":{\"logsDays\":\"seven\"}}");
        assertThat(days.getString("errors[0].field")).isEqualTo("retention.logsDays");
        assertThat(days.getString("errors[0].message")).startsWith("must be a whole number");

        JsonPath list = put("[1, 2]");
        assertThat(list.getString("errors[0].field")).isEqualTo("body");
        assertThat(list.getString("errors[0].message")).isEqualTo("must be an object ({...})");
    }

    @Test
    void shouldCallAMissingBodyTheBody() {
        JsonPath empty = put("");
        assertThat(empty.getString("errors[0].field")).isEqualTo("body");
        assertThat(empty.getString("errors[0].message")).isEqualTo("a JSON body is required");
    }

    private static JsonPath put(String body) {
        return given().auth()
                .oauth2(TestJwt.role("super-admin").sign())
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/settings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .extract()
                .jsonPath();
    }
}
