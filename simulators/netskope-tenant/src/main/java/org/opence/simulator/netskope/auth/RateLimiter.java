package org.opence.simulator.netskope.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A sliding-window limiter: at most {@code limit} calls per key within any {@code windowMillis}. A
 * sliding log rather than fixed buckets, so a burst straddling a second boundary is still refused.
 */
public final class RateLimiter {

    private final int limit;
    private final long windowMillis;
    private final LongSupplier clockMillis;
    private final Map<String, Deque<Long>> calls = new ConcurrentHashMap<>();

    public RateLimiter(int limit, long windowMillis, LongSupplier clockMillis) {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clockMillis = clockMillis;
    }

    /** Records a call for {@code key} if it fits and says how it went. */
    public Decision acquire(String key) {
        long now = clockMillis.getAsLong();
        Deque<Long> log = calls.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && log.peekFirst() <= now - windowMillis) {
                log.pollFirst();
            }
            boolean allowed = log.size() < limit;
            if (allowed) {
                log.addLast(now);
            }
            long resetMillis = log.isEmpty() ? 0 : log.peekFirst() + windowMillis - now;
            int resetSeconds = (int) Math.max(1, (resetMillis + 999) / 1000);
            return new Decision(allowed, limit, limit - log.size(), resetSeconds);
        }
    }

    public void clear() {
        calls.clear();
    }

    /**
     * @param remaining calls left in the current window after this one
     * @param resetSeconds seconds until the oldest call leaves the window (at least 1)
     */
    public record Decision(boolean allowed, int limit, int remaining, int resetSeconds) {}
}
