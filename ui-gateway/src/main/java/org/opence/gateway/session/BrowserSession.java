package org.opence.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.gateway.GatewayConfig;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Keeps a browser's session in cookies the page's scripts cannot read: the access token in
 * {@code ce_access} (HttpOnly, Secure, SameSite=Strict) and the refresh token in {@code ce_refresh}
 * (only sent to {@code /api/auth}). State-changing requests authenticated by cookie must repeat the
 * readable {@code ce_csrf} cookie in the {@code X-CSRF-Token} header (double-submit), so another site
 * cannot make the browser act. API clients send {@code Authorization} themselves and are not affected.
 */
@ApplicationScoped
public class BrowserSession {

    public static final String ACCESS_COOKIE = "ce_access";
    public static final String REFRESH_COOKIE = "ce_refresh";
    public static final String CSRF_COOKIE = "ce_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** A browser client asks for cookies instead of tokens in the body with this header set to {@code cookie}. */
    public static final String MODE_HEADER = "X-CE-Session";

    /** Endpoints whose successful answer carries fresh tokens. */
    private static final Set<String> TOKEN_ENDPOINTS =
            Set.of("/api/auth/login", "/api/auth/refresh", "/api/auth/first-login", "/api/auth/password");

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long refreshMaxAgeSeconds;

    public BrowserSession(GatewayConfig config) {
        this.refreshMaxAgeSeconds = config.sessionLifetime().toSeconds();
    }

    /** Whether the client asked for the cookie session on this request. */
    public boolean cookieMode(HttpServerRequest request) {
        return "cookie".equalsIgnoreCase(request.getHeader(MODE_HEADER));
    }

    public boolean issuesTokens(HttpServerRequest request) {
        return request.method() != HttpMethod.GET && TOKEN_ENDPOINTS.contains(request.path());
    }

    /** The identity provider's redirect back after an SSO sign-in: always answered with cookies and a redirect. */
    public boolean isSsoCallback(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && "/api/auth/sso/callback".equals(request.path());
    }

    public boolean isLogout(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && "/api/auth/logout".equals(request.path());
    }

    /**
     * Turns the session cookie into an {@code Authorization} header for the upstream.
     *
     * @return null when the request may go on, else why it is refused (a CSRF failure)
     */
    public String authorize(HttpServerRequest request) {
        if (request.getHeader("Authorization") != null) {
            return null;
        }
        Cookie access = request.getCookie(ACCESS_COOKIE);
        if (access == null) {
            return null;
        }
        if (!SAFE.contains(request.method())) {
            Cookie csrf = request.getCookie(CSRF_COOKIE);
            String header = request.getHeader(CSRF_HEADER);
            if (csrf == null
                    || header == null
                    || !MessageDigest.isEqual(
                            csrf.getValue().getBytes(StandardCharsets.US_ASCII),
                            header.getBytes(StandardCharsets.US_ASCII))) {
                return "This request changes something and is authenticated by the session cookie, so it must"
                        + " carry the value of the ce_csrf cookie in the X-CSRF-Token header.";
            }
        }
        request.headers().set("Authorization", "Bearer " + access.getValue());
        return null;
    }

    /** The body to send upstream for a cookie-mode refresh: the refresh token from its cookie. */
    public String refreshBody(HttpServerRequest request) {
        Cookie refresh = request.getCookie(REFRESH_COOKIE);
        return new JsonObject()
                .put("refreshToken", refresh == null ? "" : refresh.getValue())
                .encode();
    }

    /** Moves the tokens of a successful answer into cookies and returns the body without them. */
    public String keepTokensInCookies(HttpServerResponse response, JsonObject answer) {
        String access = answer.getString("accessToken");
        String refresh = answer.getString("refreshToken");
        long expiresIn = answer.getLong("expiresIn", 900L);
        if (access != null) {
            response.addCookie(cookie(ACCESS_COOKIE, access, "/api", expiresIn, true));
        }
        if (refresh != null) {
            response.addCookie(cookie(REFRESH_COOKIE, refresh, "/api/auth", refreshMaxAgeSeconds, true));
        }
        response.addCookie(cookie(CSRF_COOKIE, randomToken(), "/", refreshMaxAgeSeconds, false));
        answer.remove("accessToken");
        answer.remove("refreshToken");
        return answer.encode();
    }

    public void clear(HttpServerResponse response) {
        response.addCookie(cookie(ACCESS_COOKIE, "", "/api", 0, true));
        response.addCookie(cookie(REFRESH_COOKIE, "", "/api/auth", 0, true));
        response.addCookie(cookie(CSRF_COOKIE, "", "/", 0, false));
    }

    private static Cookie cookie(String name, String value, String path, long maxAge, boolean httpOnly) {
        return Cookie.cookie(name, value)
                .setPath(path)
                .setMaxAge(maxAge)
                .setSecure(true)
                .setHttpOnly(httpOnly)
                .setSameSite(CookieSameSite.STRICT);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
