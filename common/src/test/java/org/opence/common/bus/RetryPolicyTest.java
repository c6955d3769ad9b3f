package org.opence.common.bus;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60)), 5);

    @Test
    void shouldWaitLongerAfterEachFailureAndRepeatTheLastDelay() {
        assertThat(policy.step(1)).isEqualTo(1);
        assertThat(policy.step(2)).isEqualTo(2);
        assertThat(policy.step(3)).isEqualTo(3);
        assertThat(policy.step(4)).isEqualTo(3);
    }

    @Test
    void shouldParkAfterTheLastAllowedAttempt() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void shouldRetryForEverWhenMaxAttemptsIsMinusOne() {
        RetryPolicy forever = new RetryPolicy(List.of(Duration.ofSeconds(1)), -1);
        assertThat(forever.exhausted(1_000_000)).isFalse();
    }

    @Test
    void shouldRejectPoliciesThatCannotWork() {
        assertThatThrownBy(() -> new RetryPolicy(List.of(), 3)).hasMessageContaining("at least one delay");
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ZERO), 3)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ofSeconds(1)), 0))
                .hasMessageContaining("-1 (for ever) or at least 1");
    }
}
