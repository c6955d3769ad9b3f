package org.opence.core.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.bson.Document;
import org.opence.core.CoreConfig;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.quarkus.runtime.StartupEvent;

/**
 * Searches the platform log newest first, segment by segment, so that a page costs about the same
 * with a thousand entries or millions. The catalog says, per segment, whether it can match (time
 * span) and at most how many entries match the level, module, plugin and configuration asked for.
 * Segments without any are skipped unread; in the others:
 *
 * <ul>
 *   <li>when only a few entries can match (a rare plugin, configuration or module), their ids come
 *       from the postings and they are fetched by {@code _id} and checked here;
 *   <li>otherwise the store scans that one segment with the whole filter, newest first.
 * </ul>
 *
 * The rule between the two is the embedded store's cost: with its H2 backend a look-up by id costs
 * about a hundred times what one scanned entry costs (index keys are compared by serializing them),
 * so a segment is scanned unless fewer than about a hundredth of its entries can match. On MongoDB
 * both are cheap.
 *
 * <p>The first segment is always searched; before each further one the search checks that the time
 * spent plus what a segment took so far stays within its budget, otherwise it answers what it found
 * with {@code more=true} and a cursor to go on from: a rare match in a huge log costs several short
 * requests rather than one long one.
 */
@ApplicationScoped
public class LogSearch {

    /** Ids per {@code $in} look-up: the embedded store matches each fetched entry against the list. */
    static final int CHUNK = 200;

    private final LogStore store;
    private final Duration budget;
    private final long fetchLimit;

    @Inject
    public LogSearch(LogStore store, CoreConfig config) {
        this(store, config.logs().queryBudget());
    }

    public LogSearch(LogStore store, Duration budget) {
        this(store, budget, Math.max(16, store.segmentSize() / 128));
    }

    /** @param fetchLimit most entries of a segment fetched by id rather than scanning it */
    LogSearch(LogStore store, Duration budget, long fetchLimit) {
        this.store = store;
        this.budget = budget;
        this.fetchLimit = fetchLimit;
    }

    /** Reads the catalog once at start-up, so the first search does not wait for it. */
    void onStart(@Observes StartupEvent start) {
        java.util.concurrent.CompletableFuture.runAsync(() -> store.segments().newestFirst());
    }

    public LogPage search(LogQuery query) {
        long started = System.nanoTime();
        long upperBound = query.before() == null ? Long.MAX_VALUE : query.before() - 1;
        Map<String, Set<String>> dimensions = query.dimensions();
        Predicate<Document> matches = query.predicate();
        int want = query.limit() + 1; // one more tells whether there is a next page
        List<Document> found = new ArrayList<>();
        long slowest = 0;
        Long resumeAt = null;
        for (LogSegments.Segment segment : store.segments().newestFirst()) {
            if (found.size() >= want) {
                break;
            }
            long upper = Math.min(upperBound, segment.maxId());
            long estimate = segment.estimate(dimensions);
            if (upper < segment.number() * store.segmentSize()
                    || estimate == 0
                    || !segment.overlaps(query.from(), query.to())) {
                continue;
            }
            long now = System.nanoTime();
            if (slowest > 0 && now - started + slowest > budget.toNanos()) {
                resumeAt = upper + 1;
                break;
            }
            found.addAll(searchSegment(segment, query, dimensions, matches, upper, want - found.size(), estimate));
            slowest = Math.max(slowest, Math.max(1, System.nanoTime() - now));
        }
        List<LogView> entries = new ArrayList<>();
        for (int i = 0; i < Math.min(query.limit(), found.size()); i++) {
            entries.add(LogStore.view(found.get(i), false));
        }
        if (found.size() > query.limit()) {
            return new LogPage(entries, true, entries.get(entries.size() - 1).id());
        }
        if (resumeAt != null) {
            return new LogPage(entries, true, String.valueOf(resumeAt));
        }
        return new LogPage(entries, false, null);
    }

    private List<Document> searchSegment(
            LogSegments.Segment segment,
            LogQuery query,
            Map<String, Set<String>> dimensions,
            Predicate<Document> matches,
            long upper,
            int want,
            long estimate) {
        if (dimensions.isEmpty() || estimate > fetchLimit) {
            return scan(segment.number(), query, upper, want);
        }
        long[] candidates = store.postings().matching(segment.number(), dimensions, upper);
        return fetch(segment.number(), LongStream.of(candidates).iterator(), matches, want);
    }

    /** Fetches the ids in the given order (newest first) by {@code _id}, keeping those that match. */
    private List<Document> fetch(long segment, PrimitiveIterator.OfLong ids, Predicate<Document> matches, int want) {
        MongoCollection<Document> entries = store.entries(segment);
        List<Document> kept = new ArrayList<>();
        int chunk = Math.min(CHUNK, want);
        while (kept.size() < want && ids.hasNext()) {
            List<Long> wanted = new ArrayList<>(chunk);
            while (wanted.size() < chunk && ids.hasNext()) {
                wanted.add(ids.nextLong());
            }
            Map<Long, Document> byId = new HashMap<>();
            for (Document d : entries.find(Filters.in("_id", wanted))) {
                byId.put(((Number) d.get("_id")).longValue(), d);
            }
            for (Long id : wanted) {
                Document d = byId.get(id);
                if (d != null && matches.test(d) && kept.size() < want) {
                    kept.add(d);
                }
            }
            chunk = CHUNK; // the first look-up asks for exactly a page; later ones for more at once
        }
        return kept;
    }

    /** Lets the store look through one segment with the whole filter. */
    private List<Document> scan(long segment, LogQuery query, long upper, int want) {
        return store.entries(segment)
                .find(query.filter(upper))
                .sort(Sorts.descending("_id"))
                .limit(want)
                .into(new ArrayList<>());
    }
}
