package org.opence.core.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The catalog of log segments ({@code log_segments}, one small document per segment): how many entries
 * it holds, the time span of their {@code time}s, its highest id, and how many entries have each
 * dimension value ({@code counts}, keyed {@code level|error}, {@code module|cls}, ...). A search uses
 * the whole catalog to skip segments that cannot match and to choose, per segment, between scanning it
 * and fetching a few entries through the postings; retention reads it to find whole segments to drop.
 *
 * <p>The catalog is kept in memory: each search re-reads only the documents of the newest segments
 * (where entries are being added; the sequence says which); the whole catalog is read again in the
 * background when the copy is 30 seconds old, and at once after this process's retention run. Another replica's retention, or a redelivered batch that lands
 * in an older segment, shows within those 30 seconds.
 */
final class LogSegments {

    /** One segment as the catalog knows it; the time span and counts are bounds, never too small. */
    record Segment(long number, long count, Instant minTime, Instant maxTime, long maxId, Map<String, Long> counts) {

        /** Whether some entry of the segment may lie in [from, to). */
        boolean overlaps(Instant from, Instant to) {
            return (from == null || !maxTime.isBefore(from)) && (to == null || minTime.isBefore(to));
        }

        /**
         * At most how many entries match these dimension values (any value of a dimension, every
         * dimension): the smallest of the dimensions' sums.
         */
        long estimate(Map<String, Set<String>> dimensions) {
            long estimate = count;
            for (var dimension : dimensions.entrySet()) {
                long sum = 0;
                for (String value : dimension.getValue()) {
                    sum += counts.getOrDefault(key(dimension.getKey(), value), 0L);
                }
                estimate = Math.min(estimate, sum);
            }
            return estimate;
        }

        /** The keys of the dimension values that occur in the segment. */
        Collection<String> keys() {
            return counts.keySet();
        }
    }

    private static final long RELOAD_NANOS = 30_000_000_000L;

    /** The catalog as read, by segment number, and when it was read whole. */
    private record Snapshot(java.util.NavigableMap<Long, Segment> segments, long loadedAt) {}

    private final MongoCollection<Document> catalog;
    private final long segmentSize;
    private final java.util.function.LongSupplier newestId;
    private volatile Snapshot snapshot;
    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param newestId the highest id handed out so far (read from the sequence)
     */
    LogSegments(MongoCollection<Document> catalog, long segmentSize, java.util.function.LongSupplier newestId) {
        this.catalog = catalog;
        this.segmentSize = segmentSize;
        this.newestId = newestId;
    }

    /** The key of a dimension value, as in the catalog's counts and the postings. */
    static String key(String dimension, String value) {
        return dimension + "|" + value;
    }

    /** A key as a field name: MongoDB reads '.' as a path and '$' as an operator. */
    static String field(String key) {
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String unfield(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    List<Segment> newestFirst() {
        Snapshot current = snapshot;
        long newest = Math.max(0, newestId.getAsLong()) / segmentSize;
        if (current == null
                || current.segments().isEmpty()
                || newest - current.segments().lastKey() > 50) {
            current = readAll();
        } else {
            if (System.nanoTime() - current.loadedAt() > RELOAD_NANOS && reloading.compareAndSet(false, true)) {
                // a whole read takes a while with hundreds of segments: not on a search's time
                java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        readAll();
                    } finally {
                        reloading.set(false);
                    }
                });
            }
            // entries are being added to the newest segments only: read those again
            java.util.TreeMap<Long, Segment> merged = new java.util.TreeMap<>(current.segments());
            List<Long> tail = new ArrayList<>();
            for (long n = Math.min(current.segments().lastKey(), newest) - 1; n <= newest; n++) {
                tail.add(n);
            }
            for (Document d : catalog.find(Filters.in("_id", tail))) {
                read(d).ifPresent(s -> merged.put(s.number(), s));
            }
            current = new Snapshot(merged, current.loadedAt());
            snapshot = current;
        }
        List<Segment> segments = new ArrayList<>(current.segments().values());
        java.util.Collections.reverse(segments);
        return segments;
    }

    private Snapshot readAll() {
        long now = System.nanoTime();
        java.util.TreeMap<Long, Segment> all = new java.util.TreeMap<>();
        for (Document d : catalog.find()) {
            read(d).ifPresent(s -> all.put(s.number(), s));
        }
        Snapshot read = new Snapshot(all, now);
        snapshot = read;
        return read;
    }

    /** Forget the catalog as read (after segments were dropped or trimmed here). */
    void invalidate() {
        snapshot = null;
    }

    private static java.util.Optional<Segment> read(Document d) {
        if (d.getDate("minTime") == null || d.getDate("maxTime") == null) {
            return java.util.Optional.empty(); // never completed
        }
        Map<String, Long> counts = new HashMap<>();
        Document stored = d.get("counts", Document.class);
        if (stored != null) {
            stored.forEach((field, n) -> counts.put(unfield(field), ((Number) n).longValue()));
        }
        return java.util.Optional.of(new Segment(
                ((Number) d.get("_id")).longValue(),
                ((Number) d.get("count")).longValue(),
                d.getDate("minTime").toInstant(),
                d.getDate("maxTime").toInstant(),
                ((Number) d.get("maxId")).longValue(),
                counts));
    }

    /** Entries were added to the segment: widen its span, count them and their dimension values. */
    void recorded(long number, int count, Instant minTime, Instant maxTime, long maxId, Map<String, Integer> counts) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.inc("count", (long) count),
                Updates.min("minTime", Date.from(minTime)),
                Updates.max("maxTime", Date.from(maxTime)),
                Updates.max("maxId", maxId)));
        counts.forEach((key, n) -> updates.add(Updates.inc("counts." + field(key), (long) n)));
        catalog.updateOne(Filters.eq("_id", number), Updates.combine(updates), new UpdateOptions().upsert(true));
    }

    /** Entries older than {@code cutoff} were deleted from the segment: it starts there now. */
    void trimmed(long number, Instant cutoff) {
        catalog.updateOne(Filters.eq("_id", number), Updates.max("minTime", Date.from(cutoff)));
    }

    void remove(long number) {
        catalog.deleteOne(Filters.eq("_id", number));
    }
}
