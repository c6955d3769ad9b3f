package org.opence.common.secret;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private final SecretBox box = new SecretBox(key(1));

    @Test
    void shouldGiveBackWhatItEncryptedAndNeverStoreItInClear() {
        String stored = box.encrypt("v2-token-abc123");

        assertThat(stored).startsWith("v1:").doesNotContain("v2-token-abc123");
        assertThat(box.encrypt("v2-token-abc123")).as("a fresh IV every time").isNotEqualTo(stored);
        assertThat(box.decrypt(stored)).isEqualTo("v2-token-abc123");
    }

    @Test
    void shouldRefuseAChangedSecretOrAnotherKey() {
        String stored = box.encrypt("secret");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.decrypt(tampered)).hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> new SecretBox(key(2)).decrypt(stored)).hasMessageContaining("master key");
        assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("32 bytes");
    }

    @Test
    void shouldMaskSecretFieldsAtAnyDepth() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"name":"acme","v2Token":"abc","v1Token":"","hasV2Token":true,"proxy":{"password":"p","host":"h"},
                 "fields":[{"clientSecret":"s"}]}""");

        String masked = Secrets.mask(json).toString();

        assertThat(masked).doesNotContain("\"abc\"").doesNotContain("\"p\"").doesNotContain("\"s\"");
        assertThat(masked)
                .contains("\"v2Token\":\"********\"")
                .contains("\"hasV2Token\":true")
                .contains("\"host\":\"h\"")
                .as("removing a secret stays visible")
                .contains("\"v1Token\":\"\"");
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }
}
