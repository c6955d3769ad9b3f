package org.opence.common.plugin;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opence.testsupport.TestCertificates;
import org.opence.testsupport.http.ForwardProxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformHttpClientTest {

    @TempDir
    Path dir;

    private HttpServer proxy;
    private HttpsServer tls;
    private final List<String> proxied = new CopyOnWriteArrayList<>();
    private final AtomicInteger busy = new AtomicInteger(1);

    @BeforeEach
    void start() throws Exception {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            if (auth == null) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                respond(exchange, 407, "");
                return;
            }
            proxied.add(exchange.getRequestURI() + " "
                    + new String(Base64.getDecoder().decode(auth.substring(6))));
            respond(exchange, 200, "via proxy");
        });
        proxy.start();

        KeyStore keys = TestCertificates.selfSigned();
        tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext context = TestCertificates.serverContext(keys);
        tls.setHttpsConfigurator(new HttpsConfigurator(context));
        tls.createContext("/ok", exchange -> respond(exchange, 200, "secure"));
        tls.createContext("/busy", exchange -> {
            if (busy.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                respond(exchange, 429, "slow down");
            } else {
                respond(exchange, 200, "done");
            }
        });
        tls.start();
        Files.writeString(dir.resolve("ca.pem"), TestCertificates.certificatePem(keys));
    }

    @AfterEach
    void stop() {
        proxy.stop(0);
        tls.stop(0);
    }

    @Test
    void shouldGoThroughTheProxyWithItsCredentials() throws Exception {
        URI through = URI.create("http://ops:pw@127.0.0.1:" + proxy.getAddress().getPort());
        var client = client(new NetworkSettings(Optional.of(through), Optional.empty(), true));

        var response = client.send(HttpRequest.newBuilder(URI.create("http://feeds.example.invalid/list.txt"))
                .build());

        assertThat(response.body()).isEqualTo("via proxy");
        assertThat(proxied).containsExactly("http://feeds.example.invalid/list.txt ops:pw");
    }

    @Test
    void shouldLeaveTheRequestsOwnAuthorizationAloneWhenTheProxyHasCredentials() throws Exception {
        // Given a proxy that wants credentials, and an HTTP origin behind it that answers a bad token with a
        // 401 without WWW-Authenticate, as Splunk HEC does
        try (ForwardProxy proxy = ForwardProxy.withCredentials("ops", "p@ss:word")) {
            List<String> originSaw = new CopyOnWriteArrayList<>();
            HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            origin.createContext("/services/collector", exchange -> {
                String token = exchange.getRequestHeaders().getFirst("Authorization");
                originSaw.add(token + " | proxy-authorization: "
                        + exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
                respond(exchange, "Splunk good".equals(token) ? 200 : 401, "{\"code\":4}");
            });
            origin.start();
            try {
                var client = client(withProxy(proxy, "ops:p%40ss%3Aword"));
                URI hec = URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + "/services/collector");

                // When a plugin sends its own Authorization header, right and wrong
                var good = client.send(HttpRequest.newBuilder(hec)
                        .header("Authorization", "Splunk good")
                        .build());
                var bad = client.send(HttpRequest.newBuilder(hec)
                        .header("Authorization", "Splunk bad")
                        .build());

                // Then the origin gets exactly that header and never the proxy's credentials, the 401 comes back
                // as an answer (before: "WWW-Authenticate header missing for response code 401"), and the
                // proxy got its credentials on each request
                assertThat(good.statusCode()).isEqualTo(200);
                assertThat(bad.statusCode()).isEqualTo(401);
                assertThat(originSaw)
                        .containsExactly(
                                "Splunk good | proxy-authorization: null", "Splunk bad | proxy-authorization: null");
                assertThat(proxy.seen()).hasSize(2).allSatisfy(r -> assertThat(
                                r.headers().get("proxy-authorization"))
                        .isEqualTo(basic("ops:p@ss:word")));
            } finally {
                origin.stop(0);
            }
        }
    }

    @Test
    void shouldOpenAnHttpsTunnelThroughAProxyThatWantsBasicCredentials() throws Exception {
        // Given a proxy that wants credentials on CONNECT too, and an HTTPS origin behind it
        try (ForwardProxy proxy = ForwardProxy.withCredentials("ops", "secret")) {
            List<String> originSaw = new CopyOnWriteArrayList<>();
            tls.createContext("/api/v2/events", exchange -> {
                originSaw.add(exchange.getRequestHeaders().getFirst("Netskope-Api-Token") + " | "
                        + exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
                respond(exchange, 200, "{\"result\":[]}");
            });
            var client = client(new NetworkSettings(
                    Optional.of(URI.create("http://ops:secret@127.0.0.1:" + proxy.port())),
                    Optional.of(dir.resolve("ca.pem")),
                    true));

            // When an HTTPS call goes out through it
            var response = client.send(HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + tls.getAddress().getPort() + "/api/v2/events"))
                    .header("Netskope-Api-Token", "t0ken")
                    .build());

            // Then the tunnel was opened with the credentials (before: CONNECT without them, and a 407), and the
            // request inside it carries its own header and not the proxy's credentials
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(proxy.seen()).anySatisfy(r -> {
                assertThat(r.method()).isEqualTo("CONNECT");
                assertThat(r.headers().get("proxy-authorization")).isEqualTo(basic("ops:secret"));
            });
            assertThat(originSaw).containsExactly("t0ken | null");
        }
    }

    @Test
    void shouldNameTheProxyWhenItRefusesTheCredentials() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.withCredentials("ops", "right")) {
            var wrong = client(new NetworkSettings(
                    Optional.of(URI.create("http://ops:wrong@127.0.0.1:" + proxy.port())),
                    Optional.of(dir.resolve("ca.pem")),
                    true));
            var none = client(new NetworkSettings(
                    Optional.of(URI.create("http://127.0.0.1:" + proxy.port())), Optional.empty(), true));
            String name = "The proxy 127.0.0.1:" + proxy.port();

            assertThatThrownBy(() -> wrong.send(HttpRequest.newBuilder(URI.create(
                                    "https://127.0.0.1:" + tls.getAddress().getPort() + "/ok"))
                            .build()))
                    .isInstanceOf(PlatformHttpClient.ProxyRefused.class)
                    .hasMessageContaining(name + " refused the username and password")
                    .hasMessageContaining("407");
            assertThatThrownBy(() -> wrong.send(HttpRequest.newBuilder(URI.create("http://feeds.example.invalid/x"))
                            .build()))
                    .isInstanceOf(PlatformHttpClient.ProxyRefused.class)
                    .hasMessageContaining(name + " refused the username and password")
                    .hasMessageContaining("feeds.example.invalid");
            assertThatThrownBy(() -> none.send(HttpRequest.newBuilder(URI.create("http://feeds.example.invalid/x"))
                            .build()))
                    .isInstanceOf(PlatformHttpClient.ProxyRefused.class)
                    .hasMessageContaining(name + " asks for credentials");
        }
    }

    @Test
    void shouldTrustAnExtraCaOnlyWhenGivenAndSkipChecksOnlyWhenAsked() throws Exception {
        URI secure = URI.create("https://127.0.0.1:" + tls.getAddress().getPort() + "/ok");

        assertThatThrownBy(() -> client(NetworkSettings.direct())
                        .send(HttpRequest.newBuilder(secure).build()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(client(new NetworkSettings(Optional.empty(), Optional.of(dir.resolve("ca.pem")), true))
                        .send(HttpRequest.newBuilder(secure).build())
                        .body())
                .isEqualTo("secure");
        assertThat(client(new NetworkSettings(Optional.empty(), Optional.empty(), false))
                        .send(HttpRequest.newBuilder(secure).build())
                        .body())
                .isEqualTo("secure");
    }

    @Test
    void shouldRetryA429AfterItsRetryAfter() throws Exception {
        var client = client(new NetworkSettings(Optional.empty(), Optional.of(dir.resolve("ca.pem")), true));
        long start = System.nanoTime();

        var response = client.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + tls.getAddress().getPort() + "/busy"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    private static NetworkSettings withProxy(ForwardProxy proxy, String userInfo) {
        return new NetworkSettings(
                Optional.of(URI.create("http://" + userInfo + "@127.0.0.1:" + proxy.port())), Optional.empty(), true);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static PlatformHttpClient client(NetworkSettings network) {
        return new PlatformHttpClient(
                "0.1.0", Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofSeconds(5), network);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
