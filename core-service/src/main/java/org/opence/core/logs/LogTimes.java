package org.opence.core.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The time span of each block of ids (a hundredth of a segment, at least 5 ids) in one document per segment
 * ({@code log_times}, fields {@code n<block>} and {@code x<block>}). Entries arrive roughly in time
 * order, so a time range inside a segment covers a few blocks: a search then looks at the ids of those
 * blocks only, and checks entries one by one only in the blocks that straddle a bound. Spans are
 * bounds: never narrower than the entries of the block.
 */
final class LogTimes {

    /** Time span of one block; {@code null} spans (no entry recorded) never match. */
    record Block(long first, long last, Instant min, Instant max) {

        boolean overlaps(Instant from, Instant to) {
            return min != null && (from == null || !max.isBefore(from)) && (to == null || min.isBefore(to));
        }

        boolean inside(Instant from, Instant to) {
            return min != null && (from == null || !min.isBefore(from)) && (to == null || max.isBefore(to));
        }
    }

    private final MongoCollection<Document> times;
    private final long segmentSize;
    private final long blockSize;

    LogTimes(MongoCollection<Document> times, long segmentSize) {
        this.times = times;
        this.segmentSize = segmentSize;
        this.blockSize = Math.max(5, segmentSize / 100);
    }

    private long block(long id) {
        return (id % segmentSize) / blockSize;
    }

    /** Widens the spans of the blocks these entries (id → time) fall in. */
    void recorded(long segment, Map<Long, Instant> timesById) {
        Map<Long, Instant[]> spans = new java.util.TreeMap<>();
        timesById.forEach((id, time) -> {
            Instant[] span = spans.computeIfAbsent(block(id), b -> new Instant[] {time, time});
            span[0] = time.isBefore(span[0]) ? time : span[0];
            span[1] = time.isAfter(span[1]) ? time : span[1];
        });
        List<Bson> updates = new ArrayList<>();
        spans.forEach((block, span) -> {
            updates.add(Updates.min("n" + block, Date.from(span[0])));
            updates.add(Updates.max("x" + block, Date.from(span[1])));
        });
        times.updateOne(Filters.eq("_id", segment), Updates.combine(updates), new UpdateOptions().upsert(true));
    }

    /** The blocks of a segment with ids at most {@code upper}, highest first. */
    List<Block> blocks(long segment, long upper) {
        Document d = times.find(Filters.eq("_id", segment)).first();
        List<Block> blocks = new ArrayList<>();
        long start = segment * segmentSize;
        long end = Math.min(upper, start + segmentSize - 1);
        for (long b = block(end); b >= 0; b--) {
            long first = start + b * blockSize;
            long last = Math.min(end, first + blockSize - 1);
            Date min = d == null ? null : d.getDate("n" + b);
            Date max = d == null ? null : d.getDate("x" + b);
            blocks.add(
                    new Block(first, last, min == null ? null : min.toInstant(), max == null ? null : max.toInstant()));
        }
        return blocks;
    }

    void remove(long segment) {
        times.deleteOne(Filters.eq("_id", segment));
    }
}
