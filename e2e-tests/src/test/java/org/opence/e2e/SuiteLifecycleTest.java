package org.opence.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's path: scripts/start on an empty data directory, everything healthy through the
 * gateway over HTTPS, scripts/stop, scripts/start again with the data kept, scripts/stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteLifecycleTest {

    private static Suite suite;
    private static String installationId;
    private static Browser browser;
    private static final String NEW_ADMIN_PASSWORD = "E2e!Strong-pass1";

    @BeforeAll
    static void createDataDirectory() throws Exception {
        suite = new Suite(Files.createTempDirectory("opence-e2e"));
    }

    @AfterAll
    static void stopWhateverRuns() throws Exception {
        suite.script("stop");
        suite.deleteDataDirectory();
    }

    @Test
    @Order(1)
    void shouldStartEveryServiceHealthyAndReachableThroughTheGateway() throws Exception {
        Suite.Run start = suite.script("start");

        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output())
                .contains("First start: running scripts/setup")
                .contains("is up after");
        assertThat(suite.dataDir.resolve("ssl_certs/cte_cert.crt")).exists();
        assertThat(suite.dataDir.resolve("keys/jwt-private.pem")).exists();
        assertThat(suite.dataDir.resolve("keys/master.key")).exists();

        // Nothing but sign-in is open without a session
        browser = new Browser(suite);
        assertThat(browser.get("/api/system/status").status()).isEqualTo(401);

        // admin/admin opens only the first-login step, which replaces it
        Browser.Answer first = browser.signInAsAdmin("admin");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().toString()).contains("eula").doesNotContain("accessToken");
        assertThat(browser.get("/api/system/status").status()).isEqualTo(403);
        Browser.Answer forged = browser.post(
                "/api/auth/first-login", "{\"acceptEula\":true,\"newPassword\":\"" + NEW_ADMIN_PASSWORD + "\"}", false);
        assertThat(forged.status()).as("a change without the CSRF token").isEqualTo(403);
        Browser.Answer done = browser.post(
                "/api/auth/first-login", "{\"acceptEula\":true,\"newPassword\":\"" + NEW_ADMIN_PASSWORD + "\"}");
        assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(200);
        assertThat(new Browser(suite).signInAsAdmin("admin").status()).isEqualTo(401);

        JsonNode status = systemStatus();
        assertThat(status.path("status").asText()).as(status.toPrettyString()).isEqualTo("UP");
        List<String> names = new ArrayList<>();
        for (JsonNode service : status.path("services")) {
            names.add(service.path("name").asText());
            assertThat(service.path("health").asText()).as(service.toString()).isEqualTo("UP");
            if (!service.path("name").asText().equals("ui-gateway")) {
                assertThat(service.path("bus").path("reached").asBoolean())
                        .as(service.toString())
                        .isTrue();
            }
        }
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "tenant-service",
                        "core-service",
                        "cte-service",
                        "cto-service",
                        "cre-service",
                        "cls-service",
                        "ui-gateway");
        installationId = status.path("installation").path("id").asText();
        assertThat(installationId).isNotBlank();

        Suite.Run statusScript = suite.script("status");
        assertThat(statusScript.exitCode()).as(statusScript.output()).isZero();
        assertThat(statusScript.output()).contains("embedded-mongo").doesNotContain(" down ");

        report(start);
    }

    @Test
    @Order(2)
    void shouldRedirectPlainHttpToHttps() throws Exception {
        HttpResponse<Void> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + suite.httpPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("https://"));
    }

    @Test
    @Order(3)
    void shouldRefuseToStartTwice() throws Exception {
        Suite.Run again = suite.script("start");

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("already running");
    }

    @Test
    @Order(4)
    void shouldKeepItsDataAcrossAStopAndStart() throws Exception {
        Suite.Run stop = suite.script("stop");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        try (var pids = Files.list(suite.dataDir.resolve("run"))) {
            assertThat(pids.filter(p -> p.toString().endsWith(".pid"))).isEmpty();
        }
        Suite.Run down = suite.script("status");
        assertThat(down.exitCode()).isEqualTo(3);

        Suite.Run start = suite.script("start");
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).doesNotContain("First start");

        // the new password survived the restart, and so did the installation
        browser = new Browser(suite);
        assertThat(browser.signInAsAdmin(NEW_ADMIN_PASSWORD).status()).isEqualTo(200);
        JsonNode status = systemStatus();
        assertThat(status.path("status").asText()).as(status.toPrettyString()).isEqualTo("UP");
        assertThat(status.path("installation").path("id").asText()).isEqualTo(installationId);
        report(start);
    }

    @Test
    @Order(5)
    void shouldSignInWithSingleSignOnThroughTheGateway() throws Exception {
        MockOAuth2Server idp = new MockOAuth2Server();
        idp.start();
        try {
            // Given SSO turned on by the super-admin, with an IdP group mapped to read-only
            String settings = """
                    {"enabled":true,"issuer":"%s","clientId":"opence","clientSecret":"e2e-secret",
                     "roleMapping":{"ce-readers":"read-only"}}""".formatted(idp.issuerUrl("default"));
            Browser.Answer saved = browser.put("/api/auth/sso/settings", settings);
            assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(200);
            assertThat(saved.body().toString()).doesNotContain("e2e-secret");

            // When a member of that group signs in from a fresh browser
            idp.enqueueCallback(new DefaultOAuth2TokenCallback(
                    "default",
                    "u-1",
                    "JWT",
                    List.of("opence"),
                    Map.of("preferred_username", "dana@example.com", "groups", List.of("ce-readers")),
                    3600));
            Browser sso = new Browser(suite, true);
            var landing = sso.page("/api/auth/sso/start");

            // Then she lands on the console with a session of her role, like a local sign-in
            assertThat(landing.statusCode()).isEqualTo(200);
            assertThat(landing.uri().getPath()).isEqualTo("/");
            Browser.Answer me = sso.get("/api/auth/me");
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.body().path("username").asText()).isEqualTo("dana@example.com");
            assertThat(me.body().path("role").asText()).isEqualTo("read-only");
            assertThat(sso.get("/api/system/status").status()).isEqualTo(200);

            // And someone in no mapped group gets a page that says so
            idp.enqueueCallback(new DefaultOAuth2TokenCallback(
                    "default",
                    "u-2",
                    "JWT",
                    List.of("opence"),
                    Map.of("preferred_username", "eve", "groups", List.of("guests")),
                    3600));
            var refused = new Browser(suite, true).page("/api/auth/sso/start");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("none of the groups").contains("eve");
        } finally {
            browser.put("/api/auth/sso/settings", "{\"enabled\":false,\"issuer\":\"-\",\"clientId\":\"opence\"}");
            idp.shutdown();
        }
    }

    @Test
    @Order(6)
    void shouldRunAnUploadedPluginOnItsScheduleWithoutARestart() throws Exception {
        // Given a feed the plugin will pull, served from this test
        com.sun.net.httpserver.HttpServer feed =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/bad.txt", exchange -> {
            byte[] body = "evil.example.com\n203.0.113.9\nd41d8cd98f00b204e9800998ecf8427e\n".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
        try {
            // The example plugin text-feed is built in (its id is taken, an upload of it is refused), so
            // the upload is its code under another id, compiled here
            byte[] builtIn = Files.readAllBytes(suite.home.resolve("plugins/text-feed/target/text-feed.jar"));
            Browser.Answer again = browser.upload("/api/plugins", builtIn, "application/java-archive");
            assertThat(again.status()).as(String.valueOf(again.body())).isEqualTo(409);
            Path sources = suite.home.resolve("plugins/text-feed/src/main/java/org/opence/plugins/textfeed");
            Path dir = Files.createTempDirectory("e2e-plugin");
            Path jarFile = org.opence.testsupport.TestPluginJars.build(
                    dir,
                    "uploaded-feed.jar",
                    Map.of(
                            "org.opence.plugins.textfeed.TextFeedPlugin",
                            Files.readString(sources.resolve("TextFeedPlugin.java"))
                                    .replace("\"text-feed\"", "\"uploaded-feed\""),
                            "org.opence.plugins.textfeed.ListParser",
                            Files.readString(sources.resolve("ListParser.java"))),
                    Map.of("org.opence.plugin.api.cte.CtePlugin", "org.opence.plugins.textfeed.TextFeedPlugin"));

            // When the super-admin uploads it through the gateway
            byte[] jar = Files.readAllBytes(jarFile);
            Browser.Answer uploaded = browser.upload("/api/plugins", jar, "application/java-archive");
            assertThat(uploaded.status()).as(String.valueOf(uploaded.body())).isEqualTo(201);
            assertThat(uploaded.body().path("manifest").path("id").asText()).isEqualTo("uploaded-feed");

            // and configures it in Threat Exchange (the running cte-service loads it without a restart)
            String configuration = """
                    {"name":"e2e-feed","pluginId":"uploaded-feed","pollIntervalSeconds":3600,
                     "configuration":{"url":"http://127.0.0.1:%d/bad.txt"}}""".formatted(feed.getAddress().getPort());
            Browser.Answer created = null;
            for (int i = 0; i < 40 && (created == null || created.status() != 201); i++) {
                created = browser.post("/api/cte/configurations", configuration);
                if (created.status() != 201) {
                    Thread.sleep(250);
                }
            }
            assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);

            // Then its scheduled run is recorded on the configuration
            JsonNode health = null;
            for (int i = 0; i < 60; i++) {
                health = browser.get("/api/cte/configurations/e2e-feed").body().path("health");
                if (health.path("runs").asLong() >= 1) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(health.path("runs").asLong()).as(String.valueOf(health)).isGreaterThanOrEqualTo(1);
            assertThat(health.path("healthy").asBoolean())
                    .as(String.valueOf(health))
                    .isTrue();
            assertThat(health.path("lastRunSummary").asText()).isEqualTo("pulled 3 indicators");
        } finally {
            feed.stop(0);
        }
    }

    @Test
    @Order(7)
    void shouldNeverLetOneClientsBytesReachAnotherRequestThroughTheGateway() throws Exception {
        // Given a raw HTTP/1.1 client that declares 2000 body bytes, sends 4, and is answered 401 by tenant-service
        javax.net.ssl.SSLContext tls = suite.trustSetupCertificate();
        try (var socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("localhost", suite.uiPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2000\r\n\r\n{\"a\"")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            String first = readHead(socket.getInputStream());
            assertThat(first).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");

            // When the same connection carries a request hiding a request for the service's OpenAPI
            String hidden = "\r\n".repeat(1500) + "GET /q/openapi?format=json HTTP/1.1\r\nHost: localhost\r\n\r\n";
            try {
                out.write(("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + hidden.length()
                                + "\r\n\r\n" + hidden)
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException closed) {
                // the gateway closed the connection already
            }
            // Then nothing else is ever answered on it: no OpenAPI document, no second answer
            String rest = readToEnd(socket.getInputStream());
            assertThat(rest).doesNotContain("openapi").doesNotContain("HTTP/1.1 ");
        }

        // And while unauthenticated uploads hang mid-body on both protocols, a signed-in user is served at once
        var stalled = new java.util.ArrayList<java.net.Socket>();
        try {
            for (int i = 0; i < 3; i++) {
                var socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("localhost", suite.uiPort());
                socket.getOutputStream()
                        .write(("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1500000\r\n\r\nxxxx")
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                stalled.add(socket);
            }
            var http2 = HttpClient.newBuilder()
                    .sslContext(tls)
                    .version(HttpClient.Version.HTTP_2)
                    .build();
            var hanging = http2.sendAsync(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + suite.uiPort() + "/api/tenants"))
                            .POST(HttpRequest.BodyPublishers.fromPublisher(
                                    subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
                                        private boolean sent;

                                        @Override
                                        public void request(long n) {
                                            if (!sent) {
                                                sent = true;
                                                subscriber.onNext(java.nio.ByteBuffer.wrap("{\"a\"".getBytes()));
                                            }
                                        }

                                        @Override
                                        public void cancel() {}
                                    }),
                                    1_500_000))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                Browser.Answer tenants = browser.get("/api/tenants");
                assertThat(tenants.status()).isEqualTo(200);
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                        .isLessThan(java.time.Duration.ofSeconds(5));
            }
            hanging.cancel(true);
        } finally {
            for (var socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    @Order(8)
    void shouldLetTheHostOperatorForgetFailedSignInsOfTheAdmin() throws Exception {
        // guesses at the admin's password from this machine slow this address down
        for (int i = 0; i < 6; i++) {
            new Browser(suite).signInAsAdmin("wrong-" + i);
        }
        assertThat(new Browser(suite).signInAsAdmin(NEW_ADMIN_PASSWORD).status())
                .isEqualTo(429);

        Suite.Run unlock = suite.script("admin-recovery", "unlock");

        assertThat(unlock.exitCode()).as(unlock.output()).isZero();
        assertThat(unlock.output()).contains("no longer slowed");
        assertThat(new Browser(suite).signInAsAdmin(NEW_ADMIN_PASSWORD).status())
                .isEqualTo(200);
    }

    private static String readHead(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** What arrives until the gateway closes the connection (it must, within the read timeout). */
    private static String readToEnd(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset ends it as well
        }
        return all.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The system status once it says UP, or the last answer after 30 s: right after a start on a busy
     * machine a service may still be too slow to answer its health check within the status's 3 s.
     */
    private static JsonNode systemStatus() throws Exception {
        Browser.Answer status = browser.get("/api/system/status");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (status.status() == 200
                && !"UP".equals(status.body().path("status").asText())
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            status = browser.get("/api/system/status");
        }
        assertThat(status.status()).as(String.valueOf(status.body())).isEqualTo(200);
        assertThat(status.raw().headers().firstValue("X-Request-Id")).isPresent();
        assertThat(status.raw().sslSession())
                .hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo("TLSv1.3"));
        return status.body();
    }

    /** The figures the issue asks for: time to healthy and resident memory at idle. */
    private static void report(Suite.Run start) throws Exception {
        Thread.sleep(3000);
        Map<String, Long> rss = suite.residentMiB();
        long total = rss.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
                "FIGURES scripts/start took %.1f s; idle RSS MiB %s; total %d MiB%n",
                start.took().toMillis() / 1000.0, rss, total);
        Files.writeString(
                Path.of(System.getProperty("java.io.tmpdir"), "opence-e2e-figures.txt"),
                String.format(
                        "start %.1f s, RSS %s, total %d MiB%n", start.took().toMillis() / 1000.0, rss, total),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
