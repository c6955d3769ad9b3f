package org.opence.simulator.splunk.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.splunk.config.SimulatorConfig;
import org.opence.simulator.splunk.hec.HecCode;
import org.opence.simulator.splunk.hec.HecException;

/**
 * Finds the token of a request the three ways Splunk documents: {@code Authorization: Splunk <token>},
 * HTTP Basic with the token as the password, and {@code ?token=} (only when query-string authorization
 * is allowed). The token is checked before the query-string switch, as splunkd does: an unknown token
 * sent in the query is 403 code 4, a valid one while the switch is off is 400 code 16.
 */
@ApplicationScoped
public class Authenticator {

    private static final String SPLUNK_SCHEME = "splunk ";
    private static final String BASIC_SCHEME = "basic ";

    private final TokenRegistry tokens;
    private final boolean allowQueryString;

    public Authenticator(TokenRegistry tokens, SimulatorConfig config) {
        this.tokens = tokens;
        this.allowQueryString = config.allowQueryStringAuth();
    }

    /** The request's token, or a {@link HecException} with the code Splunk answers. */
    public HecToken authenticate(String authorization, String queryToken) {
        if (authorization != null && !authorization.isBlank()) {
            return check(tokenFromHeader(authorization));
        }
        if (queryToken != null && !queryToken.isEmpty()) {
            HecToken token = check(queryToken);
            if (!allowQueryString) {
                throw new HecException(HecCode.QUERY_STRING_AUTH_DISABLED);
            }
            return token;
        }
        throw new HecException(HecCode.TOKEN_REQUIRED);
    }

    /**
     * The health endpoint needs no token; when one is sent it must be valid, and the answers are the
     * health endpoint's own codes (400 code 21 or 22).
     */
    public void checkForHealth(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return;
        }
        HecToken token;
        try {
            token = tokens.find(tokenFromHeader(authorization));
        } catch (HecException malformed) {
            token = null;
        }
        if (token == null) {
            throw new HecException(HecCode.HEALTH_INVALID_TOKEN);
        }
        if (token.disabled()) {
            throw new HecException(HecCode.HEALTH_TOKEN_DISABLED);
        }
    }

    private HecToken check(String value) {
        HecToken token = tokens.find(value);
        if (token == null) {
            throw new HecException(HecCode.INVALID_TOKEN);
        }
        if (token.disabled()) {
            throw new HecException(HecCode.TOKEN_DISABLED);
        }
        return token;
    }

    private static String tokenFromHeader(String header) {
        String value = header.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SPLUNK_SCHEME)) {
            return nonBlank(value.substring(SPLUNK_SCHEME.length()).trim());
        }
        if (lower.startsWith(BASIC_SCHEME)) {
            return nonBlank(basicPassword(value.substring(BASIC_SCHEME.length()).trim()));
        }
        throw new HecException(HecCode.INVALID_AUTHORIZATION);
    }

    private static String basicPassword(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HecException(HecCode.INVALID_AUTHORIZATION);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new HecException(HecCode.INVALID_AUTHORIZATION);
        }
        return decoded.substring(colon + 1);
    }

    private static String nonBlank(String token) {
        if (token.isEmpty()) {
            throw new HecException(HecCode.INVALID_AUTHORIZATION);
        }
        return token;
    }
}
