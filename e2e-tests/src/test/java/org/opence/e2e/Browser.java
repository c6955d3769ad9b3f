package org.opence.e2e;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Talks to the gateway the way the web page does: over HTTPS trusting only the setup certificate,
 * with the session in cookies and the CSRF token repeated in a header on changes.
 */
final class Browser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

    private final Suite suite;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    Browser(Suite suite) throws Exception {
        this(suite, false);
    }

    /** @param followRedirects follow redirects everywhere, as a browser does through an SSO sign-in */
    Browser(Suite suite, boolean followRedirects) throws Exception {
        this.suite = suite;
        this.client = HttpClient.newBuilder()
                .followRedirects(followRedirects ? HttpClient.Redirect.ALWAYS : HttpClient.Redirect.NEVER)
                .sslContext(suite.trustSetupCertificate())
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    Answer post(String path, String json) throws Exception {
        return post(path, json, true);
    }

    /** A change; {@code withCsrf=false} sends it as a forged cross-site request would arrive. */
    Answer post(String path, String json, boolean withCsrf) throws Exception {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (withCsrf) {
            builder.header("X-CSRF-Token", cookie("ce_csrf"));
        }
        return send(builder);
    }

    Answer put(String path, String json) throws Exception {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", cookie("ce_csrf"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Uploads bytes (e.g. a plugin jar) as a change, with the CSRF token. */
    Answer upload(String path, byte[] body, String contentType) throws Exception {
        return send(request(path)
                .header("Content-Type", contentType)
                .header("X-CSRF-Token", cookie("ce_csrf"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A page, as text (for the HTML the SSO flow ends on). */
    HttpResponse<String> page(String path) throws Exception {
        return client.send(
                request(path).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in; on the very first start finishes the built-in admin's first sign-in with {@code newPassword}. */
    Answer signInAsAdmin(String password) throws Exception {
        return post("/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse("");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + suite.uiPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .header("X-CE-Session", "cookie");
    }

    private Answer send(HttpRequest.Builder builder) throws Exception {
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank()
                        || !response.body().trim().startsWith("{")
                                && !response.body().trim().startsWith("[")
                ? null
                : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body, response);
    }
}
