package org.opence.tenant.auth;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.tenant.TenantConfig;

/** The RSA key pair scripts/setup made: signs access tokens, and is published as a JWKS. */
@ApplicationScoped
public class SigningKeys {

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    public SigningKeys(TenantConfig config) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            this.privateKey = rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(pem(config.tokens().privateKeyFile())));
            this.publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(pem(config.tokens().publicKeyFile())));
            this.keyId = thumbprint(publicKey);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot read the token signing keys (" + config.tokens().privateKeyFile() + "): " + e.getMessage()
                            + ". Run scripts/setup to create them.",
                    e);
        }
    }

    private static byte[] pem(String file) throws Exception {
        String text = Files.readString(Path.of(file));
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(
                    "PKCS#1 keys are not supported; convert with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        return Base64.getDecoder()
                .decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as a JSON Web Key Set (RFC 7517). */
    public Map<String, Object> jwks() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("kid", keyId);
        key.put("n", base64Url(publicKey.getModulus()));
        key.put("e", base64Url(publicKey.getPublicExponent()));
        return Map.of("keys", List.of(key));
    }

    /** RFC 7638 thumbprint: stable for the key, changes when setup replaces it. */
    private static String thumbprint(RSAPublicKey key) throws Exception {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
