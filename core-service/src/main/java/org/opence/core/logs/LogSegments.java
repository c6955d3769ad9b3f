package org.opence.core.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * dimension value ({@code counts}, keyed {@code level|error}, {@code module|cls}, ...). A search reads
 * the whole catalog (a hundred documents per million entries) to skip segments that cannot match and
 * to choose, per segment, between scanning it and fetching a few entries through the postings;
 * retention reads it to find whole segments to drop.
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

    private final MongoCollection<Document> catalog;

    LogSegments(MongoCollection<Document> catalog) {
        this.catalog = catalog;
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
        List<Segment> segments = new ArrayList<>();
        for (Document d : catalog.find()) {
            if (d.getDate("minTime") == null || d.getDate("maxTime") == null) {
                continue; // never completed
            }
            Map<String, Long> counts = new HashMap<>();
            Document stored = d.get("counts", Document.class);
            if (stored != null) {
                stored.forEach((field, n) -> counts.put(unfield(field), ((Number) n).longValue()));
            }
            segments.add(new Segment(
                    ((Number) d.get("_id")).longValue(),
                    ((Number) d.get("count")).longValue(),
                    d.getDate("minTime").toInstant(),
                    d.getDate("maxTime").toInstant(),
                    ((Number) d.get("maxId")).longValue(),
                    counts));
        }
        segments.sort(Comparator.comparingLong(Segment::number).reversed());
        return segments;
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
