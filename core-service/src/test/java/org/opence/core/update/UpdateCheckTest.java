package org.opence.core.update;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
import static org.awaitility.Awaitility.await;

/**
 * The update check against a release feed served over HTTPS with a certificate only the settings'
 * extra CA certificates make trusted: silent while off, a notification naming the newer version
 * when on, which a user can clear.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class UpdateCheckTest {

    private static HttpsServer feed;
    private static String pem;
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startFeed() throws Exception {
        KeyStore keys = TestCertificates.selfSigned();
        pem = TestCertificates.certificatePem(keys);
        feed = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(keys)));
        feed.createContext("/releases/latest", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"tag_name\":\"v9.9.9\",\"html_url\":\"https://example.org/releases/9.9.9\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
    }

    @AfterAll
    static void stopFeed() {
        feed.stop(0);
    }

    @Test
    void shouldStaySilentWhileOffThenNameTheNewerVersionWhenOn() throws Exception {
        String url = "https://127.0.0.1:" + feed.getAddress().getPort() + "/releases/latest";
        put(settings(false, url));
        Thread.sleep(1000);
        int quiet = requests.get();
        Thread.sleep(3000);
        assertThat(requests.get())
                .as("no traffic while the update check is off")
                .isEqualTo(quiet);

        given().auth() // an earlier test may have raised it
                .oauth2(TestJwt.role("admin").sign())
                .post("/api/notifications/update.available/clear");
        put(settings(true, url));
        await().atMost(Duration.ofSeconds(15)).until(() -> requests.get() > quiet);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/notifications")
                .then()
                .extract()
                .jsonPath()
                .getList("key")
                .contains("update.available"));
        String message = given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/notifications")
                .then()
                .extract()
                .jsonPath()
                .getString("find { it.key == 'update.available' }.message");
        assertThat(message).contains("9.9.9 is available").contains("https://example.org/releases/9.9.9");
        assertThat(requests.get()).isGreaterThan(quiet);

        // cleared by a user; read-only users may not
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .post("/api/notifications/update.available/clear")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .post("/api/notifications/update.available/clear")
                .then()
                .statusCode(204);
        assertThat(given().auth()
                        .oauth2(TestJwt.role("read-only").sign())
                        .get("/api/notifications")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("key"))
                .doesNotContain("update.available");
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .post("/api/notifications/update.available/clear")
                .then()
                .statusCode(404);

        put(settings(false, url));
        Thread.sleep(1000);
        int after = requests.get();
        Thread.sleep(3000);
        assertThat(requests.get()).as("no traffic after turning it off").isEqualTo(after);
    }

    @Test
    void shouldReachTheFeedThroughAnAuthenticatingProxyAndNameTheProxyWhenItRefuses() throws Exception {
        // Given a proxy that wants Basic credentials, also on the CONNECT of the HTTPS tunnel to the feed
        String url = "https://127.0.0.1:" + feed.getAddress().getPort() + "/releases/latest";
        try (ForwardProxy proxy = ForwardProxy.withCredentials("ops", "s3cret:pw")) {
            // When the settings name it with a wrong password
            Map<String, Object> form = settings(true, url);
            form.put("proxy", proxy(proxy, "wrong"));
            put(form);

            // Then the Logging page says which proxy refused, and why (before: "the feed answered HTTP 407",
            // in the service's own log only)
            await().atMost(Duration.ofSeconds(15)).until(() -> !proxyRefusals().isEmpty());
            assertThat(proxyRefusals().get(0))
                    .contains("127.0.0.1:" + proxy.port())
                    .contains("refused the username and password");

            // And with the right one the feed is read through the tunnel (before: the JDK sent no credentials on
            // CONNECT), the notification names the newer version
            given().auth().oauth2(TestJwt.role("admin").sign()).post("/api/notifications/update.available/clear");
            int before = requests.get();
            form.put("proxy", proxy(proxy, "s3cret:pw"));
            put(form);
            await().atMost(Duration.ofSeconds(15)).until(() -> requests.get() > before);
            assertThat(proxy.seen())
                    .anySatisfy(r -> assertThat(r.method()).isEqualTo("CONNECT"))
                    .allSatisfy(r -> assertThat(r.target())
                            .isEqualTo("127.0.0.1:" + feed.getAddress().getPort()));
        } finally {
            put(settings(false, url));
        }
    }

    private static Map<String, Object> proxy(ForwardProxy proxy, String password) {
        return Map.of(
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
                password);
    }

    private static List<String> proxyRefusals() {
        JsonPath page = given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .queryParam("limit", 500)
                .get("/api/logs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return page.getList("entries.findAll { it.errorCode == 'PROXY-REFUSED' }.message", String.class);
    }

    private static void put(Map<String, Object> form) {
        given().auth()
                .oauth2(TestJwt.role("super-admin").sign())
                .contentType(ContentType.JSON)
                .body(form)
                .put("/api/settings")
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> settings(boolean enabled, String url) {
        Map<String, Object> form = new HashMap<>();
        form.put("modules", Map.of("cte", true, "cto", true, "cre", true, "cls", true));
        form.put("proxy", Map.of("enabled", false, "scheme", "http"));
        form.put("tls", Map.of("verify", true, "extraCaCertificates", pem));
        form.put(
                "retention",
                Map.of(
                        "logsDays",
                        7,
                        "alertsDays",
                        30,
                        "eventsDays",
                        7,
                        "ticketsDays",
                        90,
                        "notificationsDays",
                        30,
                        "parkedDays",
                        14));
        form.put("updateCheck", Map.of("enabled", enabled, "feedUrl", url, "intervalHours", 24));
        return form;
    }
}
