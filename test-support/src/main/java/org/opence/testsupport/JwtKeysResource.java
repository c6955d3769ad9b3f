package org.opence.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A token signing key pair and a secrets master key of the test run, written as PEM files like scripts/setup writes them:
 * the service under test verifies tokens with the public key (and tenant-service signs with the
 * private one); tests sign their own tokens with {@link TestJwt}.
 */
public class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    /** Config key under which the tests find the private key file. */
    public static final String PRIVATE_KEY_PROPERTY = "opence.test.jwt-private-key";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("opence-test-keys");
            KeyPair pair = generate();
            Path publicKey = dir.resolve("jwt-public.pem");
            Path privateKey = dir.resolve("jwt-private.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path masterKey = dir.resolve("master.key");
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Files.writeString(masterKey, Base64.getEncoder().encodeToString(key));
            return Map.of(
                    "ce.security.master-key-file",
                    masterKey.toString(),
                    "ce.security.jwt-public-key-location",
                    "file:" + publicKey,
                    "mp.jwt.verify.publickey.location",
                    "file:" + publicKey,
                    "tenant.tokens.private-key-file",
                    privateKey.toString(),
                    "tenant.tokens.public-key-file",
                    publicKey.toString(),
                    PRIVATE_KEY_PROPERTY,
                    privateKey.toString(),
                    "tenant.recovery.directory",
                    dir.resolve("recovery").toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test signing keys", e);
        }
    }

    @Override
    public void stop() {}

    static KeyPair generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
