package org.opence.core.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The catalog of log segments ({@code log_segments}, one small document per segment): how many entries
 * it holds, the time span of their {@code time}s, its highest id, and which dimension values
 * ({@code level|error}, {@code module|cls}, ...) occur in it. A search reads the whole catalog (a
 * hundred documents per million entries) to skip segments that cannot match; retention reads it to
 * find whole segments to drop.
 */
final class LogSegments {

    /** One segment as the catalog knows it; the time span and keys are bounds, never too narrow. */
    record Segment(long number, long count, Instant minTime, Instant maxTime, long maxId, Set<String> keys) {

        /** Whether some entry of the segment may lie in [from, to). */
        boolean overlaps(Instant from, Instant to) {
            return (from == null || !maxTime.isBefore(from)) && (to == null || minTime.isBefore(to));
        }

        /** Whether every entry of the segment lies in [from, to). */
        boolean inside(Instant from, Instant to) {
            return (from == null || !minTime.isBefore(from)) && (to == null || maxTime.isBefore(to));
        }

        /** Whether the segment holds some entry with one of these values of the dimension. */
        boolean holdsAny(String dimension, Collection<String> values) {
            for (String value : values) {
                if (keys.contains(key(dimension, value))) {
                    return true;
                }
            }
            return false;
        }
    }

    private final MongoCollection<Document> catalog;

    LogSegments(MongoCollection<Document> catalog) {
        this.catalog = catalog;
    }

    /** The key of a dimension value, as in the catalog and (after the segment) in the postings. */
    static String key(String dimension, String value) {
        return dimension + "|" + value;
    }

    List<Segment> newestFirst() {
        List<Segment> segments = new ArrayList<>();
        for (Document d : catalog.find()) {
            if (d.getDate("minTime") == null || d.getDate("maxTime") == null) {
                continue; // never completed
            }
            segments.add(new Segment(
                    ((Number) d.get("_id")).longValue(),
                    ((Number) d.get("count")).longValue(),
                    d.getDate("minTime").toInstant(),
                    d.getDate("maxTime").toInstant(),
                    ((Number) d.get("maxId")).longValue(),
                    new HashSet<>(d.getList("keys", String.class, List.of()))));
        }
        segments.sort(Comparator.comparingLong(Segment::number).reversed());
        return segments;
    }

    /** Entries were added to the segment: widen its span, count them, note their dimension values. */
    void recorded(long number, int count, Instant minTime, Instant maxTime, long maxId, Set<String> keys) {
        catalog.updateOne(
                Filters.eq("_id", number),
                Updates.combine(
                        Updates.inc("count", (long) count),
                        Updates.min("minTime", Date.from(minTime)),
                        Updates.max("maxTime", Date.from(maxTime)),
                        Updates.max("maxId", maxId),
                        Updates.addEachToSet("keys", new ArrayList<>(keys))),
                new UpdateOptions().upsert(true));
    }

    /** Entries older than {@code cutoff} were deleted from the segment: it starts there now. */
    void trimmed(long number, Instant cutoff) {
        catalog.updateOne(Filters.eq("_id", number), Updates.max("minTime", Date.from(cutoff)));
    }

    void remove(long number) {
        catalog.deleteOne(Filters.eq("_id", number));
    }
}
