package org.opence.tenant.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.opence.common.error.ProblemException;
import org.opence.common.plugin.OutboundErrors;
import org.opence.common.plugin.PlatformHttpClient;
import org.opence.plugin.api.PluginHttpClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One OpenID Connect provider, from its discovery document: authorisation URL, code exchange, ID-token checks. */
final class OidcProvider {

    private final String issuer;
    private final String authorizationEndpoint;
    private final String tokenEndpoint;
    private final String jwksUri;
    private final String endSessionEndpoint;
    private final String userinfoEndpoint;
    private final JwtConsumer idTokens;
    private final PluginHttpClient http;
    private final ObjectMapper mapper;

    private OidcProvider(
            String issuer, JsonNode discovery, String clientId, PluginHttpClient http, ObjectMapper mapper) {
        this.issuer = issuer;
        this.authorizationEndpoint = discovery.path("authorization_endpoint").asText();
        this.tokenEndpoint = discovery.path("token_endpoint").asText();
        this.jwksUri = discovery.path("jwks_uri").asText();
        this.endSessionEndpoint = discovery.path("end_session_endpoint").asText("");
        this.userinfoEndpoint = discovery.path("userinfo_endpoint").asText("");
        this.http = http;
        this.mapper = mapper;
        HttpsJwks jwks = new HttpsJwks(discovery.path("jwks_uri").asText());
        jwks.setSimpleHttpGet(this::getKeys); // the key set too goes out through the platform's client
        this.idTokens = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(clientId)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(
                        org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
                        "RS256",
                        "RS384",
                        "RS512",
                        "PS256",
                        "ES256",
                        "ES384")
                .build();
    }

    /** Reads the discovery document; a clear problem when the issuer is not a usable OIDC provider. */
    static OidcProvider discover(String issuer, String clientId, PluginHttpClient http, ObjectMapper mapper) {
        String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw ProblemException.Invalid.field(
                        "issuer", "the discovery document " + url + " answered HTTP " + response.statusCode());
            }
            JsonNode doc = mapper.readTree(response.body());
            if (!issuer.replaceAll("/+$", "").equals(doc.path("issuer").asText().replaceAll("/+$", ""))) {
                throw ProblemException.Invalid.field(
                        "issuer",
                        "the IdP calls itself '" + doc.path("issuer").asText() + "'; use exactly that issuer");
            }
            for (String field : new String[] {"authorization_endpoint", "token_endpoint", "jwks_uri"}) {
                if (doc.path(field).asText().isEmpty()) {
                    throw ProblemException.Invalid.field("issuer", "the discovery document has no " + field);
                }
            }
            return new OidcProvider(doc.path("issuer").asText(), doc, clientId, http, mapper);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw ProblemException.Invalid.field(
                    "issuer",
                    "the discovery document " + url + " cannot be read: "
                            + OutboundErrors.describe(
                                    e,
                                    URI.create(url),
                                    http instanceof PlatformHttpClient platform
                                            ? platform.proxy()
                                            : java.util.Optional.empty()));
        }
    }

    /**
     * What a test of the issuer found: its endpoints and how many signing keys its key set has
     * (none, or an unreadable key set, is a problem on {@code issuer}: no ID token could be checked).
     */
    SsoModels.IssuerTest test() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(jwksUri))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw ProblemException.Invalid.field(
                        "issuer", "the key set " + jwksUri + " answered HTTP " + response.statusCode());
            }
            int keys = mapper.readTree(response.body()).path("keys").size();
            if (keys == 0) {
                throw ProblemException.Invalid.field(
                        "issuer", "the key set " + jwksUri + " has no keys: ID tokens could not be checked");
            }
            return new SsoModels.IssuerTest(issuer, authorizationEndpoint, tokenEndpoint, jwksUri, keys);
        } catch (ProblemException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.Invalid.field("issuer", "the key set " + jwksUri + " was not read: interrupted");
        } catch (Exception e) {
            throw ProblemException.Invalid.field(
                    "issuer",
                    "the key set " + jwksUri + " cannot be read: "
                            + OutboundErrors.describe(
                                    e,
                                    URI.create(jwksUri),
                                    http instanceof PlatformHttpClient platform
                                            ? platform.proxy()
                                            : java.util.Optional.empty()));
        }
    }

    String authorizationUrl(Map<String, String> parameters) {
        // in a URL's query a space is %20; '+' is only understood as a space in form bodies
        return authorizationEndpoint
                + (authorizationEndpoint.contains("?") ? "&" : "?")
                + form(parameters).replace("+", "%20");
    }

    /**
     * What the token endpoint answered: the ID token's checked claims (null when a refresh brought no
     * new ID token), the ID token itself and the refresh token, if any.
     */
    record Answer(JwtClaims claims, String idToken, String refreshToken, String accessToken) {}

    /** Exchanges the code (with the PKCE verifier) and returns the ID token's checked claims. */
    Answer exchange(
            String code, String redirectUri, String verifier, String clientId, String clientSecret, String nonce) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("code_verifier", verifier);
        body.put("client_id", clientId);
        try {
            HttpResponse<String> response =
                    http.send(tokenRequest(body, clientId, clientSecret), HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = mapper.readTree(response.body());
            if (response.statusCode() != 200 || tokens.path("id_token").asText().isEmpty()) {
                throw new ProblemException.Unauthorized(
                        "The identity provider did not accept the sign-in (HTTP " + response.statusCode() + " "
                                + printable(tokens.path("error").asText("")) + ").");
            }
            JwtClaims claims = idTokens.processToClaims(tokens.path("id_token").asText());
            if (!nonce.equals(claims.getClaimValueAsString("nonce"))) {
                throw new ProblemException.Unauthorized(
                        "The ID token does not answer this sign-in (nonce mismatch); start again.");
            }
            return new Answer(
                    claims,
                    tokens.path("id_token").asText(),
                    tokens.path("refresh_token").asText(null),
                    tokens.path("access_token").asText(null));
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw new ProblemException.Unauthorized("The ID token from " + issuer + " is not valid: " + e.getMessage());
        }
    }

    /**
     * Asks the identity provider again with the refresh token it gave at sign-in. The claims come from
     * a new ID token, else from the userinfo endpoint.
     *
     * @return the answer, or null when the identity provider refused (the user's access ended there)
     */
    Answer refresh(String refreshToken, String clientId, String clientSecret) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        body.put("client_id", clientId);
        try {
            HttpResponse<String> response =
                    http.send(tokenRequest(body, clientId, clientSecret), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 || response.statusCode() == 401) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint answered HTTP " + response.statusCode());
            }
            JsonNode tokens = mapper.readTree(response.body());
            String idToken = tokens.path("id_token").asText("");
            String accessToken = tokens.path("access_token").asText(null);
            JwtClaims claims = idToken.isEmpty() ? userinfo(accessToken) : idTokens.processToClaims(idToken);
            return new Answer(
                    claims,
                    idToken.isEmpty() ? null : idToken,
                    tokens.path("refresh_token").asText(refreshToken),
                    accessToken);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the identity provider " + issuer + " could not be asked again: " + e.getMessage(), e);
        }
    }

    /** The URL that ends the identity provider's session too (RP-initiated logout), if it offers one. */
    java.util.Optional<String> logoutUrl(String idToken, String clientId, String afterLogout) {
        if (endSessionEndpoint.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        if (idToken != null) {
            params.put("id_token_hint", idToken);
        }
        params.put("client_id", clientId);
        params.put("post_logout_redirect_uri", afterLogout);
        return java.util.Optional.of(endSessionEndpoint
                + (endSessionEndpoint.contains("?") ? "&" : "?")
                + form(params).replace("+", "%20"));
    }

    /** jose4j's fetch of the key set, made by the platform's client (proxy, extra CA certificates). */
    private org.jose4j.http.SimpleResponse getKeys(String location) throws java.io.IOException {
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(URI.create(location))
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted while reading the key set " + location, e);
        }
        return new org.jose4j.http.SimpleResponse() {
            @Override
            public int getStatusCode() {
                return response.statusCode();
            }

            @Override
            public String getStatusMessage() {
                return "HTTP " + response.statusCode();
            }

            @Override
            public java.util.Collection<String> getHeaderNames() {
                return response.headers().map().keySet();
            }

            @Override
            public java.util.List<String> getHeaderValues(String name) {
                return response.headers().allValues(name);
            }

            @Override
            public String getBody() {
                return response.body();
            }
        };
    }

    private JwtClaims userinfo(String accessToken) throws Exception {
        if (userinfoEndpoint.isEmpty() || accessToken == null) {
            return null;
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(userinfoEndpoint))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        return JwtClaims.parse(response.body());
    }

    private HttpRequest tokenRequest(Map<String, String> body, String clientId, String clientSecret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        if (clientSecret != null) {
            String basic = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }

    /** At most 100 printable ASCII characters of a text an identity provider (or a forged redirect) sent. */
    static String printable(String text) {
        String kept = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "");
        return kept.length() > 100 ? kept.substring(0, 100) + "…" : kept;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
