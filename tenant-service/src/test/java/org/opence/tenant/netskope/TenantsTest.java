package org.opence.tenant.netskope;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opence.tenant.auth.SignInAccess;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestCertificates;

import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class TenantsTest {

    /** Answers the two probe endpoints like a tenant does: by token and scope. */
    private static HttpServer tenant;
    /** Serves a certificate nobody trusts. */
    private static HttpsServer untrusted;

    @BeforeAll
    static void startTenants() throws Exception {
        tenant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tenant.createContext("/api/v2/events/dataexport/alerts/malware", TenantsTest::v2);
        tenant.createContext("/api/v1/alerts", TenantsTest::v1);
        tenant.start();
        untrusted = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        untrusted.setHttpsConfigurator(
                new HttpsConfigurator(TestCertificates.serverContext(TestCertificates.selfSigned())));
        untrusted.createContext("/", exchange -> respond(exchange, 200, "{}"));
        untrusted.start();
    }

    @AfterAll
    static void stopTenants() {
        tenant.stop(0);
        untrusted.stop(0);
    }

    @Test
    void shouldStoreTokensEncryptedAndNeverReturnThem() {
        String body = given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("acme", "acme", "v1-secret-token", "v2-secret-token"))
                .when()
                .post("/api/tenants")
                .then()
                .statusCode(201)
                .body("baseUrl", equalTo("https://acme.goskope.com"))
                .body("hasV1Token", equalTo(true))
                .body("hasV2Token", equalTo(true))
                .body("api", equalTo("v2"))
                .body("initialRangeDays", equalTo(7))
                .extract()
                .asString();
        assertThat(body).doesNotContain("secret-token");
        assertThat(given().auth()
                        .oauth2(admin())
                        .when()
                        .get("/api/tenants")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain("secret-token");

        Document stored = stored("acme");
        assertThat(stored.getString("v2Token")).startsWith("v1:").doesNotContain("v2-secret-token");
        assertThat(stored.getString("v1Token")).startsWith("v1:").doesNotContain("v1-secret-token");
    }

    @Test
    void shouldKeepATokenLeftOutAndRemoveAnEmptyOne() {
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("keep", "keep", "v1-a", "v2-a"))
                .when()
                .post("/api/tenants")
                .then()
                .statusCode(201);
        String v2Before = stored("keep").getString("v2Token");

        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("keep", "keep", "", null))
                .when()
                .put("/api/tenants/keep")
                .then()
                .statusCode(200)
                .body("hasV1Token", equalTo(false))
                .body("hasV2Token", equalTo(true));
        assertThat(stored("keep").getString("v2Token")).isEqualTo(v2Before);

        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("keep", "keep", null, ""))
                .when()
                .put("/api/tenants/keep")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("v1Token", "v2Token"));
    }

    @Test
    void shouldSayWhatIsWrongWithAForm() {
        Map<String, Object> bad = form("Bad Name", "acme", null, null);
        bad.put("initialRangeDays", 61);
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(bad)
                .when()
                .post("/api/tenants")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("name", "initialRangeDays"))
                .body("errors.find { it.field == 'initialRangeDays' }.message", equalTo("must be 1 to 60 days"));
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("noscheme", "ftp://acme.goskope.com", null, "t"))
                .when()
                .post("/api/tenants")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tenantName"));
    }

    @Test
    void shouldAnnounceChangesOnTheBus() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("tenant-events");
                var channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "config.tenant.changed");
            channel.basicConsume(
                    queue, true, (t, d) -> events.add(new String(d.getBody(), StandardCharsets.UTF_8)), t -> {});

            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(form("announced", "announced", null, "v2-x"))
                    .when()
                    .post("/api/tenants")
                    .then()
                    .statusCode(201);
            given().auth()
                    .oauth2(admin())
                    .when()
                    .delete("/api/tenants/announced")
                    .then()
                    .statusCode(204);

            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
            assertThat(events.get(0))
                    .contains("\"name\":\"announced\"")
                    .contains("\"action\":\"created\"")
                    .doesNotContain("v2-x");
            assertThat(events.get(1)).contains("\"action\":\"deleted\"");
        }
    }

    @Test
    void shouldReportExactlyWhatFailedForEachToken() {
        String url = "http://127.0.0.1:" + tenant.getAddress().getPort();

        test(form("t1", url, "good-v1", "good-v2"))
                .statusCode(200)
                .body("ok", equalTo(true))
                .body("checks.stage", hasItems("ok", "ok"));
        test(form("t2", url, null, "expired"))
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("checks[0].stage", equalTo("auth"))
                .body("checks[0].detail", containsString("401"));
        test(form("t3", url, null, "no-scope"))
                .statusCode(200)
                .body("checks[0].stage", equalTo("scope"))
                .body("checks[0].detail", containsString("GET /api/v2/events/dataexport/alerts/malware"))
                .body("checks[0].detail", containsString("Insufficient scope"));
        test(form("t4", url, "wrong-v1", "good-v2"))
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("checks.find { it.token == 'v1' }.stage", equalTo("auth"))
                .body("checks.find { it.token == 'v2' }.ok", equalTo(true));
        test(form("t5", "https://no-such-tenant.invalid", null, "good-v2"))
                .statusCode(200)
                .body("checks[0].stage", equalTo("dns"));
        test(form("t6", "https://127.0.0.1:" + untrusted.getAddress().getPort(), null, "good-v2"))
                .statusCode(200)
                .body("checks[0].stage", equalTo("tls"));
        test(form("t7", "http://127.0.0.1:1", null, "good-v2"))
                .statusCode(200)
                .body("checks[0].stage", equalTo("connect"));
    }

    @Test
    void shouldTestTheStoredTokensOfASavedTenant() {
        String url = "http://127.0.0.1:" + tenant.getAddress().getPort();
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("saved", url, null, "good-v2"))
                .when()
                .post("/api/tenants")
                .then()
                .statusCode(201);

        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/tenants/saved/test")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true))
                .body("checks[0].token", equalTo("v2"));
    }

    @Test
    void shouldNeverSendASavedTokenToAnotherUrl() throws Exception {
        // Given a saved tenant, and a server of an attacker's that records what reaches it
        String url = "http://127.0.0.1:" + tenant.getAddress().getPort();
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("guarded", url, "good-v1", "good-v2"))
                .post("/api/tenants")
                .then()
                .statusCode(201);
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            received.add(exchange.getRequestURI() + " " + new java.util.TreeMap<>(exchange.getRequestHeaders()));
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 200, "{\"ok\":1,\"result\":[]}");
        });
        attacker.start();
        try {
            String elsewhere = "http://127.0.0.1:" + attacker.getAddress().getPort();

            // When an admin tests the saved tenant's form with another URL and no tokens typed
            test(form("guarded", elsewhere, null, null))
                    // Then it is refused, naming both tokens, and nothing reaches the other URL
                    .statusCode(400)
                    .body("errors.field", hasItems("v1Token", "v2Token"))
                    .body("errors[0].message", containsString("type the token again"));
            // nor when only one token is typed: the other, saved one would travel with it
            test(form("guarded", elsewhere, null, "typed-v2"))
                    .statusCode(400)
                    .body("errors.field", hasItems("v1Token"));
            // nor by saving the other URL first and testing the saved tenant
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(form("guarded", elsewhere, null, null))
                    .put("/api/tenants/guarded")
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItems("v1Token", "v2Token"));
            given().auth()
                    .oauth2(admin())
                    .post("/api/tenants/guarded/test")
                    .then()
                    .statusCode(200);
            assertThat(received).isEmpty();

            // The same URL written differently is the same URL, and tokens typed again may go anywhere allowed
            test(form("guarded", url + "/", null, null)).statusCode(200).body("ok", equalTo(true));
            test(form("guarded", elsewhere, "typed-v1", "typed-v2")).statusCode(200);
            assertThat(String.join("\n", received))
                    .contains("typed-v2")
                    .doesNotContain("good-v2")
                    .doesNotContain("good-v1");
        } finally {
            attacker.stop(0);
        }
    }

    @Test
    void shouldRequireHttpsForATenantAnywhereButThisMachinesSimulator() {
        given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form("plain", "http://acme.goskope.com", null, "t"))
                .post("/api/tenants")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tenantName"))
                .body("errors[0].message", containsString("must be an https:// URL"));
        test(form("plain", "http://10.0.0.8:8080", null, "t")).statusCode(400);
        test(form("plain", "https://user:pw@acme.goskope.com", null, "t"))
                .statusCode(400)
                .body("errors[0].message", containsString("user name or password"));
    }

    private static io.restassured.response.ValidatableResponse test(Map<String, Object> form) {
        return given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(form)
                .when()
                .post("/api/tenants/test")
                .then();
    }

    private static Map<String, Object> form(String name, String tenantName, String v1, String v2) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("tenantName", tenantName);
        form.put("v1Token", v1);
        form.put("v2Token", v2);
        return form;
    }

    private static String admin() {
        return SignInAccess.superAdmin();
    }

    private static Document stored(String name) {
        var config = ConfigProvider.getConfig();
        try (var client = MongoClients.create(config.getValue("quarkus.mongodb.connection-string", String.class))) {
            return client.getDatabase(config.getValue("ce.mongodb.database", String.class))
                    .getCollection("tenants")
                    .find(new Document("name", name))
                    .first();
        }
    }

    private static void v2(HttpExchange exchange) throws java.io.IOException {
        String token = String.valueOf(exchange.getRequestHeaders().getFirst("Netskope-Api-Token"));
        switch (token) {
            case "good-v2" -> respond(exchange, 200, "{\"ok\":1,\"result\":[],\"wait_time\":0,\"timestamp_hwm\":0}");
            case "no-scope" -> respond(exchange, 403, "{\"message\":\"Insufficient scope\"}");
            default -> respond(exchange, 401, "{\"message\":\"Invalid token\"}");
        }
    }

    private static void v1(HttpExchange exchange) throws java.io.IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        respond(
                exchange,
                200,
                body.contains("token=good-v1")
                        ? "{\"status\":\"success\",\"data\":[]}"
                        : "{\"status\":\"error\",\"errorCode\":\"General Error\",\"errors\":[\"Invalid token\"]}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
