package org.opence.simulator.netskope.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;
import org.opence.simulator.netskope.config.SimulatorConfig;
import org.opence.simulator.netskope.control.ServedStats;

/** Token, scope and rate-limit checks of every tenant API call, answered the way Netskope answers them. */
@ApplicationScoped
public class AccessGuard {

    private final TokenRegistry tokens;
    private final ServedStats stats;
    private final RateLimiter v2Limiter;
    private final RateLimiter v1Limiter;

    public AccessGuard(TokenRegistry tokens, ServedStats stats, SimulatorConfig config) {
        this.tokens = tokens;
        this.stats = stats;
        this.v2Limiter = new RateLimiter(config.rateLimitPerSecond(), 1000, System::currentTimeMillis);
        this.v1Limiter =
                new RateLimiter(config.v1RateLimit(), config.v1RateWindowSeconds() * 1000L, System::currentTimeMillis);
    }

    /**
     * Checks a v2 call and counts it against the endpoint's rate limit.
     *
     * @return the {@code RateLimit-*} headers to send with the answer
     */
    public Map<String, String> checkV2(String token, boolean write, String path) {
        List<Scope> scopes = tokens.scopes(token);
        if (scopes == null) {
            stats.refused(path, 401);
            throw ApiException.v2(401, "Invalid or expired token: send a valid token in the Netskope-Api-Token header");
        }
        if (scopes.stream().noneMatch(s -> s.grants(write, path))) {
            stats.refused(path, 403);
            throw ApiException.v2(403, "Token lacks the scope " + (write ? "write" : "read") + " access to " + path);
        }
        RateLimiter.Decision d = v2Limiter.acquire(token + " " + path);
        Map<String, String> headers = Map.of(
                "RateLimit-Limit", String.valueOf(d.limit()),
                "RateLimit-Remaining", String.valueOf(d.remaining()),
                "RateLimit-Reset", String.valueOf(d.resetSeconds()));
        if (!d.allowed()) {
            stats.refused(path, 429);
            Map<String, String> with429 = new HashMap<>(headers);
            with429.put("Retry-After", String.valueOf(d.resetSeconds()));
            throw new ApiException(429, Map.of("message", "API rate limit exceeded"), with429);
        }
        return headers;
    }

    /** Checks a v1 call: the v1 token and the v1 limit (24 calls per 5 s per token by default). */
    public void checkV1(String token, String path) {
        if (!tokens.isV1(token)) {
            stats.refused(path, 401);
            throw new ApiException(
                    401,
                    V1Errors.body("General Error", "Invalid token. Please check your token or generate a new one."),
                    Map.of());
        }
        RateLimiter.Decision d = v1Limiter.acquire(token);
        if (!d.allowed()) {
            stats.refused(path, 429);
            throw new ApiException(
                    429,
                    V1Errors.body("Rate Limit Exceeded", "API rate limit exceeded"),
                    Map.of("Retry-After", String.valueOf(d.resetSeconds())));
        }
    }

    public void resetLimits() {
        v2Limiter.clear();
        v1Limiter.clear();
    }
}
