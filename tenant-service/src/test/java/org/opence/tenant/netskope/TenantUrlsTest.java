package org.opence.tenant.netskope;

import org.junit.jupiter.api.Test;
import org.opence.common.error.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantUrlsTest {

    @Test
    void shouldMakeAnHttpsUrlOfWhatUsersType() {
        assertThat(TenantUrls.baseUrl("acme", false)).isEqualTo("https://acme.goskope.com");
        assertThat(TenantUrls.baseUrl("Acme.EU", false)).isEqualTo("https://acme.eu.goskope.com");
        assertThat(TenantUrls.baseUrl("https://ACME.goskope.com/ns#x", false)).isEqualTo("https://acme.goskope.com");
    }

    @Test
    void shouldRefusePlainHttpUnlessTheDevelopmentSwitchAllowsLoopback() {
        assertThatThrownBy(() -> TenantUrls.baseUrl("http://127.0.0.1:8091", false))
                .isInstanceOf(ProblemException.Invalid.class)
                .hasMessageContaining("https");
        assertThat(TenantUrls.baseUrl("http://127.0.0.1:8091", true)).isEqualTo("http://127.0.0.1:8091");
        assertThat(TenantUrls.baseUrl("http://localhost:8091", true)).isEqualTo("http://localhost:8091");
        for (String elsewhere : new String[] {
            "http://attacker.example:80", "http://10.1.2.3", "http://127.0.0.1.attacker.example", "http://[::2]:80"
        }) {
            assertThatThrownBy(() -> TenantUrls.baseUrl(elsewhere, true))
                    .as(elsewhere)
                    .isInstanceOf(ProblemException.Invalid.class);
        }
    }
}
