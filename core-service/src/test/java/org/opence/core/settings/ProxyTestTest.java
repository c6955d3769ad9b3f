package org.opence.core.settings;

import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestCertificates;
import org.opence.testsupport.TestJwt;
import org.opence.testsupport.http.ForwardProxy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Test proxy" of Settings > General (issue 16.3), against a real forwarding proxy that wants Basic
 * credentials and an HTTPS site trusted only through the form's extra CA certificates.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class ProxyTestTest {

    private static HttpsServer site;
    private static String pem;
    private static ForwardProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        KeyStore keys = TestCertificates.selfSigned();
        pem = TestCertificates.certificatePem(keys);
        site = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(keys)));
        site.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        site.start();
        proxy = ForwardProxy.withCredentials("ops", "s3cret");
    }

    @AfterAll
    static void stop() throws Exception {
        site.stop(0);
        proxy.close();
    }

    @Test
    void shouldSayThatTheProxyCarriedTheCallWithTheRightCredentials() {
        JsonPath result = test("super-admin", form("s3cret", pem))
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(result.getBoolean("ok")).as(result.getString("message")).isTrue();
        assertThat(result.getInt("status")).isEqualTo(204);
        assertThat(result.getString("proxy")).isEqualTo("127.0.0.1:" + proxy.port());
        assertThat(result.getString("message")).contains("carried the call").contains("HTTP 204");
        assertThat(proxy.seen()).anySatisfy(r -> assertThat(r.method()).isEqualTo("CONNECT"));
    }

    @Test
    void shouldNameTheProxyAndTheReasonWhenItRefuses() {
        JsonPath wrong = test("super-admin", form("wrong", pem))
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(wrong.getBoolean("ok")).isFalse();
        assertThat(wrong.getString("message"))
                .contains("The proxy 127.0.0.1:" + proxy.port())
                .contains("refused the username and password");

        JsonPath untrusted = test("super-admin", form("s3cret", null))
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(untrusted.getBoolean("ok")).isFalse();
        assertThat(untrusted.getString("message"))
                .contains("is not trusted here")
                .doesNotContain("sun.security");
    }

    @Test
    void shouldRefuseOtherRolesAndBadFormsByField() {
        test("admin", form("s3cret", pem)).statusCode(403);
        test("read-only", form("s3cret", pem)).statusCode(403);

        Map<String, Object> noUrl = form("s3cret", pem);
        noUrl.remove("url");
        JsonPath problem = test("super-admin", noUrl).statusCode(400).extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).contains("url");

        Map<String, Object> badPort = form("s3cret", pem);
        badPort.put("proxy", Map.of("enabled", true, "scheme", "http", "host", "127.0.0.1", "port", 70000));
        assertThat(test("super-admin", badPort)
                        .statusCode(400)
                        .extract()
                        .jsonPath()
                        .getList("errors.field", String.class))
                .contains("proxy.port");
    }

    private Map<String, Object> form(String password, String ca) {
        Map<String, Object> form = new HashMap<>();
        form.put(
                "proxy",
                Map.of(
                        "enabled",
                        true,
                        "scheme",
                        "http",
                        "host",
                        "127.0.0.1",
                        "port",
                        proxy.port(),
                        "username",
                        "ops",
                        "password",
                        password));
        Map<String, Object> tls = new HashMap<>();
        tls.put("verify", true);
        tls.put("extraCaCertificates", ca);
        form.put("tls", tls);
        form.put("url", "https://127.0.0.1:" + site.getAddress().getPort() + "/");
        return form;
    }

    private static io.restassured.response.ValidatableResponse test(String role, Map<String, Object> form) {
        return given().auth()
                .oauth2(TestJwt.role(role).sign())
                .contentType(ContentType.JSON)
                .body(form)
                .post("/api/settings/proxy/test")
                .then();
    }
}
