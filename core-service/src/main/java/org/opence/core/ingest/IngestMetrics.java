package org.opence.core.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Prometheus figures per stream ({@code tenant}, {@code kind}, {@code subtype} tags):
 * {@code ce_ingest_records_total}, {@code ce_ingest_batches_total}, {@code ce_ingest_pages_total},
 * {@code ce_ingest_resent_records_total}, {@code ce_ingest_failures_total},
 * {@code ce_ingest_throttled_total}, {@code ce_ingest_malformed_total} (elements of pages that were no
 * records), {@code ce_ingest_lag_seconds}, {@code ce_ingest_last_page_seconds}
 * (epoch of the last page) and {@code ce_ingest_paused} (1 while the disk is low).
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry meters;
    private final Map<StreamKey, Figures> streams = new ConcurrentHashMap<>();
    private final AtomicLong paused = new AtomicLong();

    public IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("ce.ingest.paused", paused, AtomicLong::get)
                .description("1 while pulling is paused because free disk space is low")
                .register(meters);
    }

    private final class Figures {
        final Counter records;
        final Counter batches;
        final Counter pages;
        final Counter resent;
        final Counter failures;
        final Counter throttled;
        final Counter malformed;
        final AtomicLong lag = new AtomicLong();
        final AtomicLong lastPage = new AtomicLong();

        Figures(StreamKey key) {
            Tags tags = Tags.of("tenant", key.tenant(), "kind", key.kind(), "subtype", key.subtype());
            records = Counter.builder("ce.ingest.records")
                    .tags(tags)
                    .description("records published to ce.data")
                    .register(meters);
            batches = Counter.builder("ce.ingest.batches")
                    .tags(tags)
                    .description("messages published to ce.data")
                    .register(meters);
            pages = Counter.builder("ce.ingest.pages")
                    .tags(tags)
                    .description("pages read from the tenant")
                    .register(meters);
            resent = Counter.builder("ce.ingest.resent.records")
                    .tags(tags)
                    .description("records published again from a resent page")
                    .register(meters);
            failures = Counter.builder("ce.ingest.failures")
                    .tags(tags)
                    .description("failed calls")
                    .register(meters);
            throttled = Counter.builder("ce.ingest.throttled")
                    .tags(tags)
                    .description("429 answers")
                    .register(meters);
            malformed = Counter.builder("ce.ingest.malformed")
                    .tags(tags)
                    .description("elements of pages that were no records, set aside")
                    .register(meters);
            Gauge.builder("ce.ingest.lag.seconds", lag, AtomicLong::get)
                    .tags(tags)
                    .description("age of the newest record of the last page; 0 when caught up")
                    .register(meters);
            Gauge.builder("ce.ingest.last.page.seconds", lastPage, AtomicLong::get)
                    .tags(tags)
                    .description("epoch second of the last page")
                    .register(meters);
        }
    }

    private Figures of(StreamKey key) {
        return streams.computeIfAbsent(key, Figures::new);
    }

    void page(StreamKey key, int records, int batches, boolean resent, long lagSeconds) {
        Figures f = of(key);
        f.records.increment(records);
        f.batches.increment(batches);
        f.pages.increment();
        if (resent) {
            f.resent.increment(records);
        }
        f.lag.set(lagSeconds);
        f.lastPage.set(System.currentTimeMillis() / 1000);
    }

    void malformed(StreamKey key, int elements) {
        if (elements > 0) {
            of(key).malformed.increment(elements);
        }
    }

    void failed(StreamKey key) {
        of(key).failures.increment();
    }

    void throttled(StreamKey key) {
        of(key).throttled.increment();
    }

    void paused(boolean on) {
        paused.set(on ? 1 : 0);
    }
}
