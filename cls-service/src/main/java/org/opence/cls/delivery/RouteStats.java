package org.opence.cls.delivery;

import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What one route did since this process started: records sent (acknowledged by the receiver) or
 * written (to a transport that acknowledges nothing), their bytes, messages of earlier batches sent
 * again after a lost connection, records sent back for a retry, parked, filtered out by the rule or
 * not in the mapping file, plus the last minute's rate,
 * the lag behind the tenant and the queue backlog. Also published to Prometheus as
 * {@code ce_cls_records_total{mapping,destination,outcome}}, {@code ce_cls_bytes_sent_total},
 * {@code ce_cls_backlog_batches{queue}} and {@code ce_cls_lag_seconds}.
 */
final class RouteStats {

    /** Outcomes counted per record. */
    enum Outcome {
        /** Accepted and acknowledged by the receiver (HTTP 2xx, RELP, HEC). */
        sent,
        /** Written to a transport that acknowledges nothing (TCP, TLS or UDP syslog). */
        written,
        /** Messages of earlier batches sent again after a lost connection (they may arrive twice). */
        resent,
        retried,
        parked,
        filtered,
        muted,
        unmapped,
        replayed,
        discarded
    }

    private static final int WINDOW_SECONDS = 60;

    final DeliveryRoute route;
    private final LongAdder[] counts = new LongAdder[Outcome.values().length];
    private final long[] flushed = new long[Outcome.values().length + 1];
    private final LongAdder bytes = new LongAdder();
    private final Counter[] counters = new Counter[Outcome.values().length];
    private final Counter bytesCounter;
    private final long[] perSecond = new long[WINDOW_SECONDS];
    private final long[] secondOf = new long[WINDOW_SECONDS];
    private final long startedAt = System.currentTimeMillis();
    volatile long lastDeliveredAt;
    volatile long newestDeliveredRecord;
    volatile String lastError;
    volatile long lastErrorAt;
    volatile long backlogReady;
    volatile long backlogRetrying;

    RouteStats(DeliveryRoute route, MeterRegistry meters) {
        this.route = route;
        for (Outcome o : Outcome.values()) {
            counts[o.ordinal()] = new LongAdder();
            counters[o.ordinal()] = Counter.builder("ce.cls.records")
                    .description("Log Shipper records by outcome, per SIEM mapping and destination")
                    .tag("mapping", route.mapping())
                    .tag("destination", route.destination())
                    .tag("outcome", o.name())
                    .register(meters);
        }
        bytesCounter = Counter.builder("ce.cls.bytes.sent")
                .description("Bytes of formatted records accepted by the destination")
                .tag("mapping", route.mapping())
                .tag("destination", route.destination())
                .register(meters);
        Gauge.builder("ce.cls.backlog.batches", this, s -> s.backlogReady)
                .description("Batches waiting in the route's queue")
                .tag("mapping", route.mapping())
                .tag("destination", route.destination())
                .tag("queue", "ready")
                .register(meters);
        Gauge.builder("ce.cls.backlog.batches", this, s -> s.backlogRetrying)
                .tag("mapping", route.mapping())
                .tag("destination", route.destination())
                .tag("queue", "retrying")
                .register(meters);
        Gauge.builder("ce.cls.lag.seconds", this, RouteStats::lagSeconds)
                .description("Seconds between now and the newest record the destination accepted")
                .tag("mapping", route.mapping())
                .tag("destination", route.destination())
                .register(meters);
    }

    void add(Outcome outcome, long n) {
        if (n <= 0) {
            return;
        }
        counts[outcome.ordinal()].add(n);
        counters[outcome.ordinal()].increment(n);
        if (outcome == Outcome.sent || outcome == Outcome.written) {
            long second = System.currentTimeMillis() / 1000;
            synchronized (perSecond) {
                int slot = (int) (second % WINDOW_SECONDS);
                if (secondOf[slot] != second) {
                    secondOf[slot] = second;
                    perSecond[slot] = 0;
                }
                perSecond[slot] += n;
            }
        }
    }

    /** Records the destination took: acknowledged ones as sent, the others as written. */
    void delivered(long records, long byteCount, long newestRecordEpochSeconds, boolean acknowledged) {
        add(acknowledged ? Outcome.sent : Outcome.written, records);
        bytes.add(byteCount);
        bytesCounter.increment(byteCount);
        lastDeliveredAt = System.currentTimeMillis();
        if (newestRecordEpochSeconds > newestDeliveredRecord) {
            newestDeliveredRecord = newestRecordEpochSeconds;
        }
    }

    void error(String reason) {
        lastError = reason;
        lastErrorAt = System.currentTimeMillis();
    }

    long count(Outcome o) {
        return counts[o.ordinal()].sum();
    }

    long bytes() {
        return bytes.sum();
    }

    /** Records sent per second over the last full minute (or since start when shorter). */
    double eps() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        synchronized (perSecond) {
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                long age = now - secondOf[i];
                if (age >= 1 && age <= WINDOW_SECONDS) {
                    total += perSecond[i];
                }
            }
        }
        long seconds = Math.max(1, Math.min(WINDOW_SECONDS, now - startedAt / 1000));
        return (double) total / seconds;
    }

    /** Seconds behind the newest delivered record's own time; -1 before the first. */
    double lagSeconds() {
        return newestDeliveredRecord == 0 ? -1 : Math.max(0, System.currentTimeMillis() / 1000 - newestDeliveredRecord);
    }

    /** Counts since the last call, per outcome then bytes, for adding to the stored totals. */
    synchronized long[] takeDeltas() {
        long[] deltas = new long[flushed.length];
        for (Outcome o : Outcome.values()) {
            long now = counts[o.ordinal()].sum();
            deltas[o.ordinal()] = now - flushed[o.ordinal()];
            flushed[o.ordinal()] = now;
        }
        long b = bytes.sum();
        deltas[flushed.length - 1] = b - flushed[flushed.length - 1];
        flushed[flushed.length - 1] = b;
        return deltas;
    }

    /** Deltas given back after a failed flush. */
    synchronized void giveBack(long[] deltas) {
        for (int i = 0; i < deltas.length; i++) {
            flushed[i] -= deltas[i];
        }
    }

    /** Not yet flushed, per outcome then bytes. */
    synchronized long[] pending() {
        long[] p = new long[flushed.length];
        for (Outcome o : Outcome.values()) {
            p[o.ordinal()] = counts[o.ordinal()].sum() - flushed[o.ordinal()];
        }
        p[flushed.length - 1] = bytes.sum() - flushed[flushed.length - 1];
        return p;
    }
}
