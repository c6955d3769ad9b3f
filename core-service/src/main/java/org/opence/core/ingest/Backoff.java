package org.opence.core.ingest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Bounded exponential backoff with jitter: initial × 2^failures, capped, then 50–100 % of it. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The wait after one more failure; a server's Retry-After (if any) is the floor. */
    Duration next(Duration retryAfter) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(failures, 20));
        failures++;
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        long floor = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), max.toMillis());
        // a little jitter on top of Retry-After, so consumers refused together do not return together
        long wait = Math.max(jittered, floor + ThreadLocalRandom.current().nextLong(Math.max(1, floor / 10 + 1)));
        return Duration.ofMillis(wait);
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
