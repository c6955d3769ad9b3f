package org.opence.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signs access tokens the way tenant-service does, and deliberately broken ones (expired, tampered,
 * wrong key, {@code alg=none}) for the authorisation tests. Written by hand on purpose: it shares no
 * code with the implementation it tests.
 */
public final class TestJwt {

    private static final List<String> ORDER = List.of("read-only", "admin", "super-admin");

    private final String role;
    private String sessionId = UUID.randomUUID().toString();
    private Duration lifetime = Duration.ofMinutes(5);
    private String issuer = "open-cloud-exchange";
    private String pending;

    private TestJwt(String role) {
        this.role = role;
    }

    public static TestJwt role(String role) {
        return new TestJwt(role);
    }

    public TestJwt session(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    public TestJwt lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public TestJwt issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    /** Marks the token as a first-login token that must finish these steps first. */
    public TestJwt pending(String... steps) {
        this.pending = "[" + List.of(steps).stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]";
        return this;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Signed with the test run's key: a valid token. */
    public String sign() {
        return sign(testKey());
    }

    /** Signed with another key: must be refused. */
    public String signWithWrongKey() {
        try {
            return sign(JwtKeysResource.generate().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A validly signed token whose payload was edited afterwards to claim super-admin: must be refused. */
    public String signThenEscalate() {
        String[] parts = sign().split("\\.");
        String forged = payload()
                .replace("\"role\":\"" + role + "\"", "\"role\":\"super-admin\"")
                .replaceFirst("\"groups\":\\[[^]]*]", "\"groups\":[\"read-only\",\"admin\",\"super-admin\"]");
        return parts[0] + "." + b64(forged) + "." + parts[2];
    }

    /** Unsigned ({@code alg=none}): must be refused. */
    public String unsigned() {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload()) + ".";
    }

    private String sign(PrivateKey key) {
        try {
            String input = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(payload());
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private String payload() {
        Instant now = Instant.now();
        Instant exp = now.plus(lifetime);
        Instant iat = lifetime.isNegative() ? exp.minusSeconds(60) : now;
        String groups = pending != null
                ? "[]"
                : ORDER.subList(0, ORDER.indexOf(role) + 1).stream()
                        .map(r -> "\"" + r + "\"")
                        .collect(Collectors.joining(",", "[", "]"));
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"test-" + role + "\",\"upn\":\"test-" + role + "\",\"role\":\""
                + role
                + "\",\"groups\":" + groups + ",\"sid\":\"" + sessionId + "\",\"jti\":\"" + UUID.randomUUID()
                + "\",\"iat\":" + iat.getEpochSecond() + ",\"exp\":" + exp.getEpochSecond()
                + (pending == null ? "" : ",\"pending\":" + pending) + "}";
    }

    private static PrivateKey testKey() {
        try {
            String file = ConfigProvider.getConfig().getValue(JwtKeysResource.PRIVATE_KEY_PROPERTY, String.class);
            String pem = Files.readString(Path.of(file))
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("the test run's signing key is not available; add JwtKeysResource", e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
