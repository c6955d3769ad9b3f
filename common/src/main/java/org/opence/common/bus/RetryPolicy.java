package org.opence.common.bus;

import java.time.Duration;
import java.util.List;

/**
 * How a consumer treats a failed delivery: wait {@code delays[n-1]} after the n-th failure (the last
 * delay repeats), and park the message once {@code maxAttempts} deliveries failed.
 *
 * @param delays one delay queue per entry, in order; at least one
 * @param maxAttempts failed deliveries before parking; {@code -1} means retry for ever
 */
public record RetryPolicy(List<Duration> delays, int maxAttempts) {

    public RetryPolicy {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("a retry policy needs at least one delay");
        }
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive, were " + delays);
        }
        if (maxAttempts == 0 || maxAttempts < -1) {
            throw new IllegalArgumentException("maxAttempts must be -1 (for ever) or at least 1, was " + maxAttempts);
        }
    }

    /** Whether a message that has now failed {@code failures} times should be parked. */
    public boolean exhausted(int failures) {
        return maxAttempts != -1 && failures >= maxAttempts;
    }

    /** The 1-based delay step for a message that has failed {@code failures} times. */
    public int step(int failures) {
        return Math.min(Math.max(failures, 1), delays.size());
    }
}
