package org.opence.simulator.netskope.data;

/**
 * Where each record of one stream sits in simulated time. Record {@code n} (0-based) of a stream is a
 * pure function of the seed and {@code n}; this class only says when it happened and how many records
 * exist at a given moment. A history burst of {@code historyRate} records a second covers
 * {@code [historyStart, start)}, after which records arrive at {@code liveRate} a second.
 *
 * <p>{@link #timestamp(long)} is the single source of truth; the other lookups are derived from it so
 * rounding can never make a record appear in two windows or in none.
 */
public final class Timeline {

    private final long historyStart;
    private final long start;
    private final double historyRate;
    private final double liveRate;
    private final long historyCount;

    public Timeline(long historyStart, long start, double historyRate, double liveRate) {
        if (historyStart > start) {
            throw new IllegalArgumentException("history must start before the live start");
        }
        if (historyRate < 0 || liveRate < 0) {
            throw new IllegalArgumentException("rates must not be negative");
        }
        this.historyStart = historyStart;
        this.start = start;
        this.historyRate = historyRate;
        this.liveRate = liveRate;
        this.historyCount = (long) Math.floor((start - historyStart) * historyRate);
    }

    /** Epoch second of record {@code n}. */
    public long timestamp(long n) {
        if (n < historyCount) {
            return Math.min(start - 1, historyStart + (long) Math.floor(n / historyRate));
        }
        return start + (long) Math.floor((n - historyCount) / liveRate);
    }

    /** How many records exist when simulated time is {@code now} (epoch seconds, fractional). */
    public long available(double now) {
        if (now < start) {
            return countBefore((long) Math.floor(now) + 1);
        }
        return historyCount + (long) Math.floor((now - start) * liveRate);
    }

    /** Number of records with a timestamp before {@code epoch}, ignoring whether they exist yet. */
    public long countBefore(long epoch) {
        long guess;
        if (epoch <= historyStart) {
            return 0;
        } else if (epoch <= start) {
            guess = Math.min(historyCount, (long) Math.ceil((epoch - historyStart) * historyRate));
            return settle(guess, epoch, historyCount);
        } else if (liveRate == 0) {
            return historyCount;
        } else {
            guess = historyCount + (long) Math.ceil((epoch - start) * liveRate);
            return settle(guess, epoch, Long.MAX_VALUE);
        }
    }

    private long settle(long guess, long epoch, long upper) {
        long n = Math.max(0, guess);
        while (n > 0 && timestamp(n - 1) >= epoch) {
            n--;
        }
        while (n < upper && timestamp(n) < epoch) {
            n++;
        }
        return n;
    }

    public long historyStart() {
        return historyStart;
    }

    public long start() {
        return start;
    }
}
