package org.opence.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the gateway under test a certificate made the way scripts/setup makes one (PEM files under
 * {@code ssl_certs/}) and a real upstream HTTP server standing in for cte-service.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    /** The CSRF token of the test session, and access tokens that carry its hash as tenant-service's do. */
    public static final String CSRF = "csrf-of-session-1";

    public static final String ACCESS_1 = accessToken("session-1", CSRF, "1");
    public static final String ACCESS_2 = accessToken("session-1", CSRF, "2");
    public static final String SSO_ACCESS = accessToken("session-sso", "csrf-of-sso", "3");

    /** A token shaped like tenant-service's (the gateway reads its claims; the services check signatures). */
    public static String accessToken(String sid, String csrf, String jti) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        try {
            String claim = b64.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(csrf.getBytes(StandardCharsets.US_ASCII)));
            String payload = "{\"sid\":\"" + sid + "\",\"csrf\":\"" + claim + "\",\"jti\":\"" + jti + "\"}";
            return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpServer upstream;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("gateway-test");
            writeSelfSignedPem(dataDir.resolve("ssl_certs"));
            upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            upstream.setExecutor(Executors.newFixedThreadPool(4));
            upstream.createContext("/api/cte/echo", GatewayTestResource::echo);
            upstream.createContext("/api/cte/slow", exchange -> {
                sleep(3000);
                respond(exchange, 200, "late");
            });
            upstream.createContext("/api/cte/large", GatewayTestResource::large);
            upstream.createContext("/api/auth/login", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                respond(
                        exchange,
                        200,
                        "{\"accessToken\":\"" + ACCESS_1 + "\",\"refreshToken\":\"refresh-1\",\"expiresIn\":900,"
                                + "\"tokenType\":\"Bearer\",\"username\":\"alice\",\"role\":\"admin\",\"pending\":[],"
                                + "\"csrfToken\":\"" + CSRF + "\"}");
            });
            upstream.createContext("/api/auth/refresh", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String given = body.replaceAll(".*\"refreshToken\":\"([^\"]*)\".*", "$1");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (!given.equals("refresh-1")) {
                    respond(exchange, 401, "{\"status\":401}");
                    return;
                }
                respond(
                        exchange,
                        200,
                        "{\"accessToken\":\"" + ACCESS_2 + "\",\"refreshToken\":\"refresh-2\",\"expiresIn\":900,"
                                + "\"csrfToken\":\"" + CSRF + "\"}");
            });
            upstream.createContext("/api/auth/sso/callback", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders()
                        .add(
                                "X-Saw-Binding",
                                String.valueOf(exchange.getRequestHeaders().getFirst("X-CE-SSO-Binding")));
                if (exchange.getRequestURI().getQuery().contains("code=good")) {
                    respond(
                            exchange,
                            200,
                            "{\"accessToken\":\"" + SSO_ACCESS
                                    + "\",\"refreshToken\":\"sso-refresh\",\"expiresIn\":900,"
                                    + "\"csrfToken\":\"csrf-of-sso\"}");
                } else {
                    respond(
                            exchange,
                            403,
                            "{\"status\":403,\"detail\":\"Your account (<mallory>) is in none of the groups\"}");
                }
            });
            upstream.createContext("/api/auth/logout", exchange -> {
                exchange.getResponseHeaders()
                        .add(
                                "X-Saw-Authorization",
                                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            upstream.start();
            return Map.of(
                    "ce.data-dir",
                    dataDir.toString(),
                    "gateway.routes.cte-service.url",
                    "http://127.0.0.1:" + upstream.getAddress().getPort(),
                    "gateway.routes.cls-service.url",
                    "http://127.0.0.1:1",
                    "gateway.routes.tenant-service.url",
                    "http://127.0.0.1:" + upstream.getAddress().getPort(),
                    "gateway.idle-timeout",
                    "1s",
                    "gateway.max-request-bytes",
                    "1024",
                    "gateway.public-url",
                    "https://console.example:8443");
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare the gateway test", e);
        }
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    /** Answers with what it received, as JSON, with status 201 and a header of its own. */
    private static void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        StringBuilder json = new StringBuilder("{\"method\":\"")
                .append(exchange.getRequestMethod())
                .append("\",\"uri\":\"")
                .append(exchange.getRequestURI())
                .append("\",\"body\":\"")
                .append(new String(body, StandardCharsets.UTF_8).replace("\"", "\\\""))
                .append("\",\"headers\":{");
        headers.forEach((k, v) -> json.append('"')
                .append(k)
                .append("\":\"")
                .append(v.replace("\"", "'"))
                .append("\","));
        json.setLength(json.length() - 1);
        json.append("}}");
        exchange.getResponseHeaders().add("X-Upstream", "cte");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        respond(exchange, 201, json.toString());
    }

    /** 4 MiB, streamed in chunks. */
    private static void large(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 64; i++) {
                out.write(chunk);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** cte_cert.crt and cte_cert_key.key, as scripts/setup writes them, made with the JDK's keytool. */
    public static void writeSelfSignedPem(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("tmp.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "ui",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = keytool.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        Files.writeString(
                dir.resolve("cte_cert.crt"),
                pem("CERTIFICATE", ks.getCertificate("ui").getEncoded()));
        Files.writeString(
                dir.resolve("cte_cert_key.key"),
                pem("PRIVATE KEY", ks.getKey("ui", "changeit".toCharArray()).getEncoded()));
        Files.delete(keystore);
    }

    private static String pem(String type, byte[] der) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        out.writeBytes(("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes());
        return out.toString();
    }
}
