package org.opence.simulator.netskope.auth;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(10_000);
    private final RateLimiter limiter = new RateLimiter(4, 1000, now::get);

    @Test
    void shouldAllowFourCallsInAnySecondPerKey() {
        for (int i = 0; i < 4; i++) {
            RateLimiter.Decision d = limiter.acquire("t /a");
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(3 - i);
            now.addAndGet(100);
        }
        RateLimiter.Decision refused = limiter.acquire("t /a");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetSeconds()).isEqualTo(1);
        assertThat(limiter.acquire("t /b").allowed()).as("another endpoint").isTrue();
    }

    @Test
    void shouldRefuseABurstThatStraddlesASecondBoundary() {
        now.set(10_900);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("k").allowed()).isTrue();
        }
        now.set(11_100);
        assertThat(limiter.acquire("k").allowed()).isFalse();
        now.set(11_901);
        assertThat(limiter.acquire("k").allowed()).isTrue();
    }

    @Test
    void shouldReportSecondsUntilTheWindowFrees() {
        RateLimiter fiveSeconds = new RateLimiter(2, 5000, now::get);
        fiveSeconds.acquire("v1");
        now.addAndGet(1000);
        fiveSeconds.acquire("v1");

        RateLimiter.Decision refused = fiveSeconds.acquire("v1");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.resetSeconds()).isEqualTo(4);
    }
}
