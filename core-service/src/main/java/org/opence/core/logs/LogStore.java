package org.opence.core.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.logs.LogEntry;
import org.opence.common.logs.LogLevel;
import org.opence.common.store.Store;
import org.opence.core.CoreConfig;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Where the platform log is kept, designed for the embedded store, where only {@code _id} and unique
 * indexes exist (see docs/architecture.md, "Logs"):
 *
 * <ul>
 *   <li>every entry gets the next id of a sequence ({@code log_state}), handed out a batch at a time;
 *   <li>entries live in segments, one collection per {@code segment-size} ids ({@code log_entries_<n>}),
 *       so retention drops whole collections and a scan never covers more than one segment;
 *   <li>{@link LogSegments} (the catalog: per segment its time span and how many entries have each
 *       level, module, plugin and configuration) lets a search skip segments, and {@link LogPostings}
 *       (ids per value) lets it fetch the few entries of a rare value by id instead of scanning.
 * </ul>
 *
 * A batch is stored idempotently: its message id is kept for two days ({@code log_batches_<day>}) with
 * the ids it got, so a redelivered batch gets the same ids and is not stored twice.
 */
@ApplicationScoped
public class LogStore {

    private static final Logger LOG = Logger.getLogger(LogStore.class);
    static final String ENTRIES = "log_entries_";
    static final String BATCHES = "log_batches_";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final String SEQUENCE = "sequence";
    static final List<String> DIMENSIONS = List.of("level", "module", "plugin", "configuration");

    private final Store store;
    private final MongoCollection<Document> state;
    private final LogSegments segments;
    private final LogPostings postings;
    private final long segmentSize;

    @Inject
    public LogStore(Store store, CoreConfig config) {
        this(store, config.logs().segmentSize());
    }

    /** With a segment size of its own (benchmarks, tests); the size of an existing log wins. */
    public LogStore(Store store, int segmentSize) {
        if (segmentSize < 10) {
            throw new IllegalArgumentException("core.logs.segment-size must be at least 10");
        }
        this.store = store;
        this.state = store.collection("log_state");
        state.updateOne(
                Filters.eq("_id", SEQUENCE),
                Updates.combine(
                        Updates.setOnInsert("next", 1L), Updates.setOnInsert("segmentSize", (long) segmentSize)),
                new UpdateOptions().upsert(true));
        long kept = ((Number) state.find(Filters.eq("_id", SEQUENCE)).first().get("segmentSize")).longValue();
        if (kept != segmentSize) {
            LOG.warnf(
                    "core.logs.segment-size is %d but the log was started with %d; keeping %d",
                    segmentSize, kept, kept);
        }
        this.segmentSize = kept;
        this.postings = new LogPostings(store.collection("log_postings"), kept);
        this.segments = new LogSegments(store.collection("log_segments"), kept, this::newestId);
    }

    long segmentSize() {
        return segmentSize;
    }

    long segmentOf(long id) {
        return id / segmentSize;
    }

    MongoCollection<Document> entries(long segment) {
        return store.collection(ENTRIES + segment);
    }

    LogSegments segments() {
        return segments;
    }

    LogPostings postings() {
        return postings;
    }

    Store store() {
        return store;
    }

    /**
     * Stores one batch of entries (a {@code log.entries} message).
     *
     * @param batchId the message id: a batch seen before gets the same ids, nothing is stored twice
     * @param sentAt when the message was made (which day's list of batches to look in)
     * @return the id of the first entry
     */
    public long add(String batchId, Instant sentAt, List<LogEntry> batch) {
        if (batch.isEmpty()) {
            return -1;
        }
        MongoCollection<Document> batches = store.collection(BATCHES + DAY.format(sentAt));
        Document known = batches.find(Filters.eq("_id", batchId)).first();
        boolean redelivered = known != null;
        long first;
        if (redelivered) {
            first = ((Number) known.get("first")).longValue();
        } else {
            first = allocate(batch.size());
            try {
                batches.insertOne(
                        new Document("_id", batchId).append("first", first).append("count", batch.size()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                redelivered = true; // raced with another delivery of the same batch: use its ids
                first = ((Number)
                                batches.find(Filters.eq("_id", batchId)).first().get("first"))
                        .longValue();
            }
        }
        Map<Long, List<Document>> bySegment = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            long id = first + i;
            bySegment.computeIfAbsent(segmentOf(id), s -> new ArrayList<>()).add(toDocument(id, batch.get(i)));
        }
        for (var segment : bySegment.entrySet()) {
            insert(segment.getKey(), segment.getValue(), redelivered);
            index(segment.getKey(), segment.getValue());
        }
        return first;
    }

    /** The highest id handed out so far (0 before the first). */
    private long newestId() {
        Document sequence = state.find(Filters.eq("_id", SEQUENCE)).first();
        return sequence == null ? 0 : ((Number) sequence.get("next")).longValue() - 1;
    }

    private long allocate(int count) {
        Document after = state.findOneAndUpdate(
                Filters.eq("_id", SEQUENCE),
                Updates.inc("next", (long) count),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return ((Number) after.get("next")).longValue() - count;
    }

    private void insert(long segment, List<Document> docs, boolean redelivered) {
        MongoCollection<Document> collection = entries(segment);
        if (!redelivered) {
            collection.insertMany(docs);
            return;
        }
        for (Document doc : docs) {
            try {
                collection.insertOne(doc);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    private void index(long segment, List<Document> docs) {
        Map<String, List<Long>> idsByKey = new LinkedHashMap<>();
        Instant min = null;
        Instant max = null;
        long maxId = -1;
        for (Document doc : docs) {
            long id = doc.getLong("_id");
            for (String dimension : DIMENSIONS) {
                String value = doc.getString(dimension);
                if (value != null) {
                    idsByKey.computeIfAbsent(LogSegments.key(dimension, value), k -> new ArrayList<>())
                            .add(id);
                }
            }
            Instant time = doc.getDate("time").toInstant();
            min = min == null || time.isBefore(min) ? time : min;
            max = max == null || time.isAfter(max) ? time : max;
            maxId = Math.max(maxId, id);
        }
        postings.add(segment, idsByKey);
        Map<String, Integer> counts = new LinkedHashMap<>();
        idsByKey.forEach((key, ids) -> counts.put(key, ids.size()));
        segments.recorded(segment, docs.size(), min, max, maxId, counts);
    }

    /** One entry, with details and resolution. */
    public Optional<LogView> find(long id) {
        if (id < 0) {
            return Optional.empty();
        }
        Document d = entries(segmentOf(id)).find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(d).map(doc -> view(doc, true));
    }

    /**
     * Deletes entries older than {@code cutoff}: whole segments whose newest entry is older (with their
     * postings), and the older entries of segments that straddle it. Batch ids older than two days go too.
     *
     * @return how many segments were dropped
     */
    public int expire(Instant cutoff, Instant now) {
        segments.invalidate();
        int dropped = 0;
        for (LogSegments.Segment segment : segments.newestFirst()) {
            if (segment.maxTime().isBefore(cutoff)) {
                segments.remove(segment.number()); // first: a search no longer looks there
                store.drop(ENTRIES + segment.number());
                postings.remove(segment.number(), segment.keys());
                dropped++;
            } else if (segment.minTime().isBefore(cutoff)) {
                entries(segment.number()).deleteMany(Filters.lt("time", Date.from(cutoff)));
                segments.trimmed(segment.number(), cutoff);
            }
        }
        segments.invalidate();
        String oldestDay = DAY.format(now.minus(java.time.Duration.ofDays(2)));
        for (String name : store.members(BATCHES)) {
            if (name.substring(BATCHES.length()).compareTo(oldestDay) < 0) {
                store.drop(name);
            }
        }
        return dropped;
    }

    static Document toDocument(long id, LogEntry e) {
        Document d = new Document("_id", id)
                .append("time", Date.from(e.time() == null ? Instant.now() : e.time()))
                .append("level", e.level().name())
                .append("message", e.message());
        putIf(d, "module", e.module());
        putIf(d, "plugin", e.plugin());
        putIf(d, "configuration", e.configuration());
        putIf(d, "errorCode", e.errorCode());
        putIf(d, "details", e.details());
        putIf(d, "resolution", e.resolution());
        putIf(d, "requestId", e.requestId());
        putIf(d, "service", e.service());
        return d;
    }

    private static void putIf(Document d, String key, String value) {
        if (value != null) {
            d.append(key, value);
        }
    }

    /** As shown: in a list without details and resolution, which one entry shows. */
    static LogView view(Document d, boolean full) {
        String details = d.getString("details");
        String resolution = d.getString("resolution");
        return new LogView(
                String.valueOf(((Number) d.get("_id")).longValue()),
                d.getDate("time").toInstant(),
                LogLevel.valueOf(d.getString("level")),
                d.getString("module"),
                d.getString("plugin"),
                d.getString("configuration"),
                d.getString("message"),
                d.getString("errorCode"),
                full ? details : null,
                full ? resolution : null,
                full ? null : (details != null || resolution != null),
                d.getString("requestId"),
                d.getString("service"));
    }
}
