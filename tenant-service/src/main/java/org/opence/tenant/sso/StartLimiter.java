package org.opence.tenant.sso;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most so many sign-in starts per client address in any minute (a sliding window, in memory). */
final class StartLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 100_000;

    private final int perMinute;
    private final Map<String, Deque<Instant>> starts = new ConcurrentHashMap<>();

    StartLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    boolean allow(String address, Instant now) {
        if (starts.size() > MAX_ADDRESSES) {
            starts.entrySet().removeIf(e -> isStale(e.getValue(), now));
        }
        Deque<Instant> times = starts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().plus(WINDOW).isBefore(now)) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    private static boolean isStale(Deque<Instant> times, Instant now) {
        synchronized (times) {
            return times.isEmpty() || times.peekLast().plus(WINDOW).isBefore(now);
        }
    }
}
