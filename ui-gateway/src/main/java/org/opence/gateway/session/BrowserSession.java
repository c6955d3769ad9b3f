package org.opence.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * (only sent to {@code /api/auth}). State-changing requests authenticated by cookie must carry the
 * session's CSRF token in the {@code X-CSRF-Token} header; the page reads it from the {@code ce_csrf}
 * cookie. The token is bound to the session: tenant-service hands it out with the session and puts its
 * SHA-256 into every access token of that session (claim {@code csrf}), so a token that someone planted
 * in the browser's cookies, or an empty one, is refused. API clients send {@code Authorization}
 * themselves and are not affected.
 */
@ApplicationScoped
public class BrowserSession {

    public static final String ACCESS_COOKIE = "ce_access";
    public static final String REFRESH_COOKIE = "ce_refresh";
    public static final String CSRF_COOKIE = "ce_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** A browser client asks for cookies instead of tokens in the body with this header set to {@code cookie}. */
    public static final String MODE_HEADER = "X-CE-Session";
    /** Binds a single sign-on start to the browser that made it (set by tenant-service, read here). */
    public static final String SSO_COOKIE = "ce_sso";

    /** Endpoints whose successful answer carries fresh tokens. */
    private static final Set<String> TOKEN_ENDPOINTS =
            Set.of("/api/auth/login", "/api/auth/refresh", "/api/auth/first-login", "/api/auth/password");

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

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
        if (!SAFE.contains(request.method())
                && !csrfMatchesSession(request.getHeader(CSRF_HEADER), access.getValue())) {
            return "This request changes something and is authenticated by the session cookie, so it must"
                    + " carry the value of the ce_csrf cookie in the X-CSRF-Token header.";
        }
        request.headers().set("Authorization", "Bearer " + access.getValue());
        return null;
    }

    /**
     * Whether the header holds the CSRF token of the session the access token belongs to: its SHA-256 is
     * the token's {@code csrf} claim. The access token's signature is checked by the service the request
     * goes to; a token with an edited claim goes no further than that.
     */
    static boolean csrfMatchesSession(String header, String accessToken) {
        if (header == null || header.isEmpty() || header.length() > 256) {
            return false;
        }
        String claim = claimOf(accessToken, "csrf");
        if (claim == null) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.US_ASCII));
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), claim.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claimOf(String jwt, String name) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonObject payload =
                    new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            Object value = payload.getValue(name);
            return value instanceof String text ? text : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The secret of the browser's single sign-on start, from its cookie. */
    public String ssoBinding(HttpServerRequest request) {
        Cookie cookie = request.getCookie(SSO_COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    /** The single sign-on start is over: its cookie goes. */
    public void clearSsoBinding(HttpServerResponse response) {
        response.addCookie(Cookie.cookie(SSO_COOKIE, "")
                .setPath("/api/auth/sso")
                .setMaxAge(0)
                .setSecure(true)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX));
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
        String csrf = answer.getString("csrfToken");
        if (csrf != null) {
            response.addCookie(cookie(CSRF_COOKIE, csrf, "/", refreshMaxAgeSeconds, false));
        }
        answer.remove("accessToken");
        answer.remove("refreshToken");
        answer.remove("csrfToken");
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
}
