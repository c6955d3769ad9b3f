package org.opence.gateway.proxy;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.gateway.proxy.StrictUpstreamResource.Seen;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request smuggling and cross-user desync (issue 14, item 1): the gateway keeps one pooled connection
 * to its upstream, which answers some requests before reading their bodies. Clients are written in the
 * test: a raw HTTP/1.1 socket that sends less body than it declares and hides a request in a body, and
 * the JDK's HTTP/2 client with a body that stalls. No client's bytes may reach the upstream as a
 * request of their own, and no other user may wait for a connection an unfinished body holds.
 */
@QuarkusTest
@WithTestResource(StrictUpstreamResource.class)
class UpstreamConnectionReuseTest {

    @TestHTTPResource(tls = true)
    URL https;

    private HttpClient http2;
    private HttpClient http1;

    @BeforeEach
    void clients() throws Exception {
        StrictUpstreamResource.SEEN.clear();
        http2 = HttpClient.newBuilder()
                .sslContext(RawHttp.trustAll())
                .version(HttpClient.Version.HTTP_2)
                .build();
        http1 = HttpClient.newBuilder()
                .sslContext(RawHttp.trustAll())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Test
    void shouldNotLetARequestHiddenInTheRestOfAnUnreadBodyReachTheService() throws Exception {
        // Given a request that declares 2000 body bytes, sends 4, and is answered 401 before its body is read
        try (RawHttp attacker = new RawHttp(https.getPort())) {
            attacker.send("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2000\r\n\r\n{\"a\"");
            RawHttp.Answer first = attacker.read();
            assertThat(first.status()).isEqualTo(401);

            // When the same connection carries a request whose body hides a request for a path the gateway never routes
            String hidden = "\r\n".repeat(1500) + "GET /q/openapi?format=json HTTP/1.1\r\nHost: localhost\r\n\r\n";
            try {
                attacker.send("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + hidden.length() + "\r\n\r\n" + hidden);
            } catch (java.io.IOException closed) {
                // the gateway may have closed the connection already: that is the safe outcome
            }

            // Then the connection ends after the first answer, and nothing more is answered on it
            String rest = attacker.readUntilClosed(5000);
            assertThat(rest)
                    .as("the connection must be closed after an answer to an unread body")
                    .isNotNull();
            assertThat(rest).doesNotContain("HTTP/1.1");
            assertThat(first.header("Connection")).isEqualToIgnoringCase("close");
        }
        // And the service only ever saw the first request; nothing outside /api reached it
        assertThat(StrictUpstreamResource.SEEN)
                .extracting(Seen::uri)
                .allMatch(uri -> uri.startsWith("/api/"))
                .containsExactly("/api/tenants");
        assertServedAtOnce("Bearer user-b");
    }

    @Test
    void shouldServeAnotherUserAtOnceWhileAnEarlyAnsweredBodyIsStillOpenOverHttp11() throws Exception {
        // Given an unauthenticated upload that declares 500 kB, sends 4 bytes and then hangs, holding its connection
        try (RawHttp attacker = new RawHttp(https.getPort())) {
            attacker.send("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 500000\r\n\r\n{\"a\"");
            assertThat(attacker.read().status()).isEqualTo(401);

            // Then another user's requests on the gateway's only upstream connection are answered at once
            assertServedAtOnce("Bearer user-b");
            assertServedAtOnce("Bearer user-c");
        }
    }

    @Test
    void shouldServeAnotherUserAtOnceWhileAnEarlyAnsweredBodyIsStillOpenOverHttp2() throws Exception {
        // Given an HTTP/2 upload that declares 500 kB, sends 4 bytes and stalls
        CompletableFuture<HttpResponse<String>> stalled = http2.sendAsync(
                HttpRequest.newBuilder(uri("/api/tenants"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.fromPublisher(new StallingBody(4), 500_000))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // (the JDK client reports an answer only once its body is sent, so the service's log tells it was refused)
        await().atMost(Duration.ofSeconds(5)).until(() -> StrictUpstreamResource.SEEN.stream()
                .anyMatch(s -> s.uri().equals("/api/tenants") && s.authorization() == null));

        // Then another user is served at once, over HTTP/2 and HTTP/1.1
        assertServedAtOnce("Bearer user-d");
        HttpResponse<String> viaHttp2 = http2.send(
                HttpRequest.newBuilder(uri("/api/tenants/me"))
                        .header("Authorization", "Bearer user-e")
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaHttp2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(viaHttp2.statusCode()).isEqualTo(200);
        assertThat(viaHttp2.body()).contains("\"authorization\":\"Bearer user-e\"");
        stalled.cancel(true);
    }

    @Test
    void shouldDropTheConnectionOfABodyTheServiceRefusedUnreadWithA413() throws Exception {
        // Given a user whose whole 50 kB body is sent, and refused by the service before it reads it
        HttpResponse<String> refused = http1.send(
                HttpRequest.newBuilder(uri("/api/tenants/big"))
                        .header("Authorization", "Bearer user-f")
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(50_000)))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);

        // Then the next user's body arrives whole and alone
        HttpResponse<String> next = http1.send(
                HttpRequest.newBuilder(uri("/api/tenants/echo"))
                        .header("Authorization", "Bearer user-g")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("\"bodyBytes\":7").contains("Bearer user-g");
        assertThat(StrictUpstreamResource.SEEN)
                .filteredOn(s -> s.body() != null)
                .extracting(Seen::body)
                .noneMatch(body -> body.contains("HTTP/1.1") || body.contains("xxxx"));
    }

    @Test
    void shouldCloseTheConnectionAfterRefusingABodyItDidNotRead() throws Exception {
        // Given a cookie-authenticated change without the CSRF header, its body not yet sent in full
        try (RawHttp attacker = new RawHttp(https.getPort())) {
            attacker.send("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nCookie: ce_access=abc\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 900\r\n\r\n{");
            RawHttp.Answer answer = attacker.read();
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
            String smuggled = "GET /api/tenants/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer z\r\n\r\n";
            try {
                attacker.send(" ".repeat(899 - 1) + "\n" + smuggled);
            } catch (java.io.IOException closed) {
                // closed already
            }
            assertThat(attacker.readUntilClosed(5000)).isNotNull().doesNotContain("HTTP/1.1");
        }
        // And a body above the gateway's limit is refused the same way, before anything reaches the service
        try (RawHttp big = new RawHttp(https.getPort())) {
            big.send("POST /api/tenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer y\r\n"
                    + "Content-Length: 5000000\r\n\r\nxxxx");
            RawHttp.Answer answer = big.read();
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(answer.body()).contains("1 MiB");
            assertThat(big.readUntilClosed(5000)).isNotNull();
        }
        assertThat(StrictUpstreamResource.SEEN).isEmpty();
        assertServedAtOnce("Bearer user-h");
    }

    @Test
    void shouldRefusePathsAServiceCouldReadDifferently() throws Exception {
        for (String path : new String[] {
            "/api/cte/../tenants/me", "/api/cte/%2e%2e/tenants/me", "/api/tenants/a%2Fb", "/api/tenants//me"
        }) {
            try (RawHttp client = new RawHttp(https.getPort())) {
                client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\r\n\r\n");
                RawHttp.Answer answer = client.read();
                assertThat(answer.status()).as(path).isEqualTo(400);
                assertThat(answer.body()).as(path).contains("path");
            }
        }
        assertThat(StrictUpstreamResource.SEEN).isEmpty();
    }

    private void assertServedAtOnce(String authorization) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = http1.send(
                HttpRequest.newBuilder(uri("/api/tenants/me"))
                        .header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"authorization\":\"" + authorization + "\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(2)).until(() -> StrictUpstreamResource.SEEN.stream()
                .anyMatch(s -> authorization.equals(s.authorization())));
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + https.getPort() + path);
    }

    /** Publishes some bytes, then nothing more, never completing: a body that stalls. */
    private record StallingBody(int bytes) implements Flow.Publisher<ByteBuffer> {
        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private boolean sent;

                @Override
                public void request(long n) {
                    if (!sent) {
                        sent = true;
                        subscriber.onNext(
                                ByteBuffer.wrap("{\"a\"".substring(0, bytes).getBytes(StandardCharsets.UTF_8)));
                    }
                }

                @Override
                public void cancel() {}
            });
        }
    }
}
