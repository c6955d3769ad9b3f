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
import jakarta.inject.Inject;

import org.bson.Document;
import org.opence.core.CoreConfig;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * Searches the platform log newest first, segment by segment, so that a page costs about the same
 * with a thousand entries or millions. For each segment that the catalog says may match:
 *
 * <ol>
 *   <li>with a filter on level, module, plugin or configuration, the postings give the matching ids,
 *       and a segment without any is skipped unread;
 *   <li>when nothing else needs checking (no text, the segment lies inside the time range), the
 *       newest of those ids (or simply the segment's newest ids) are fetched by {@code _id}, a page's
 *       worth at a time;
 *   <li>when a few hundred candidates remain, they are fetched by id and checked here;
 *   <li>otherwise (a text search, a time bound inside the segment) the store scans that one segment
 *       with the whole filter.
 * </ol>
 *
 * The first segment is always searched; after it, a search stops when its time budget is spent and
 * answers what it found with {@code more=true}, so a rare match in a huge log costs several short
 * requests rather than one long one.
 */
@ApplicationScoped
public class LogSearch {

    /** Ids per {@code $in} look-up: the embedded store matches each fetched entry against the list. */
    static final int CHUNK = 200;
    /** Up to this many candidates from the postings are fetched and checked here rather than scanned. */
    static final int FETCH_CANDIDATES = 1_000;

    private final LogStore store;
    private final Duration budget;

    @Inject
    public LogSearch(LogStore store, CoreConfig config) {
        this(store, config.logs().queryBudget());
    }

    public LogSearch(LogStore store, Duration budget) {
        this.store = store;
        this.budget = budget;
    }

    public LogPage search(LogQuery query) {
        long deadline = System.nanoTime() + budget.toNanos();
        long upperBound = query.before() == null ? Long.MAX_VALUE : query.before() - 1;
        Map<String, Set<String>> dimensions = query.dimensions();
        Predicate<Document> matches = query.predicate();
        int want = query.limit() + 1; // one more tells whether there is a next page
        List<Document> found = new ArrayList<>();
        boolean searched = false;
        Long resumeAt = null;
        for (LogSegments.Segment segment : store.segments().newestFirst()) {
            if (found.size() >= want) {
                break;
            }
            long upper = Math.min(upperBound, segment.maxId());
            if (upper < segment.number() * store.segmentSize()
                    || !segment.overlaps(query.from(), query.to())
                    || !dimensions.entrySet().stream().allMatch(d -> segment.holdsAny(d.getKey(), d.getValue()))) {
                continue;
            }
            if (searched && System.nanoTime() > deadline) {
                resumeAt = upper + 1;
                break;
            }
            found.addAll(searchSegment(segment, query, dimensions, matches, upper, want - found.size()));
            searched = true;
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
            int want) {
        long lowest = segment.number() * store.segmentSize();
        boolean onlyIds = query.text() == null && segment.inside(query.from(), query.to());
        if (dimensions.isEmpty()) {
            if (onlyIds) {
                return fetch(
                        segment.number(),
                        LongStream.iterate(upper, id -> id >= lowest, id -> id - 1)
                                .iterator(),
                        matches,
                        want);
            }
            return scan(segment.number(), query, upper, want);
        }
        long[] candidates = store.postings().matching(segment.number(), dimensions, upper);
        if (candidates.length == 0) {
            return List.of();
        }
        if (onlyIds || candidates.length <= FETCH_CANDIDATES) {
            return fetch(segment.number(), LongStream.of(candidates).iterator(), matches, want);
        }
        return scan(segment.number(), query, upper, want);
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
