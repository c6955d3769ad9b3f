package org.opence.simulator.splunk.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRegistryTest {

    @Test
    void shouldTakeTheFirstIndexAsDefaultAndAllowTheListedOnes() {
        HecToken token = new TokenRegistry("t=security,audit", "", "").find("t");

        assertThat(token.defaultIndex()).isEqualTo("security");
        assertThat(token.allows("audit")).isTrue();
        assertThat(token.allows("main")).isFalse();
    }

    @Test
    void shouldAllowAnyIndexWithAStarAndDefaultToMainWhenNoneIsNamed() {
        TokenRegistry tokens = new TokenRegistry("any=*; web = web , * ", "", "");

        assertThat(tokens.find("any").defaultIndex()).isEqualTo("main");
        assertThat(tokens.find("any").allows("whatever")).isTrue();
        assertThat(tokens.find("web").defaultIndex()).isEqualTo("web");
        assertThat(tokens.find("web").allows("other")).isTrue();
    }

    @Test
    void shouldMarkAckAndDisabledTokens() {
        TokenRegistry tokens = new TokenRegistry("a=main;b=main;c=main", "a", " c ");

        assertThat(tokens.find("a").ack()).isTrue();
        assertThat(tokens.find("b").ack()).isFalse();
        assertThat(tokens.find("c").disabled()).isTrue();
        assertThat(tokens.find("unknown")).isNull();
    }

    @Test
    void shouldRefuseMalformedEntriesAndSwitchesForUnknownTokens() {
        assertThatThrownBy(() -> new TokenRegistry("no-equals-sign", "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token=index");
        assertThatThrownBy(() -> new TokenRegistry("a=main", "b", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("splunk-sim.ack-tokens");
    }
}
