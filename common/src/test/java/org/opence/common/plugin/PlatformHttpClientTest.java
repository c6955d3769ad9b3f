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
