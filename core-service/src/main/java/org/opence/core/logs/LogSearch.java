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
 *   <li>the ids to look at: with a filter on level, module, plugin or configuration, those the
 *       postings give (a segment without any is skipped unread), otherwise all; with a time range
 *       that cuts the segment, only those in blocks whose time span overlaps it;
 *   <li>if few entries need to be read to fill the page (no text to check, or few candidates), they
 *       are fetched by {@code _id}, newest first, and checked here;
 *   <li>otherwise the store scans that one segment with the whole filter.
 * </ol>
 *
 * The rule between the two is the embedded store's cost: a look-up by id costs it about fifteen
 * times what one scanned entry costs (its H2 backend compares index keys by serializing them), so
 * reading more than about a sixteenth of a segment by id is slower than scanning it.
 *
 * <p>The first segment is always searched; after it, a search stops when its time budget is spent and
 * answers what it found with {@code more=true}, so a rare match in a huge log costs several short
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
        this(store, budget, Math.max(64, store.segmentSize() / 16));
    }

    /** @param fetchLimit most entries read by id in a segment before scanning it is cheaper */
    LogSearch(LogStore store, Duration budget, long fetchLimit) {
        this.store = store;
        this.budget = budget;
        this.fetchLimit = fetchLimit;
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
        long[] candidates =
                dimensions.isEmpty() ? null : store.postings().matching(segment.number(), dimensions, upper);
        if (candidates != null && candidates.length == 0) {
            return List.of();
        }
        List<LogTimes.Block> blocks = segment.inside(query.from(), query.to())
                ? List.of(new LogTimes.Block(segment.number() * store.segmentSize(), upper, null, null))
                : store.times().blocks(segment.number(), upper).stream()
                        .filter(b -> b.overlaps(query.from(), query.to()))
                        .toList();
        LongStream.Builder ids = LongStream.builder();
        long count = 0;
        long toCheck = 0; // ids in blocks that straddle a time bound
        int c = 0;
        for (LogTimes.Block block : blocks) {
            boolean clean = block.min() == null || block.inside(query.from(), query.to());
            long inBlock = 0;
            if (candidates == null) {
                for (long id = block.last(); id >= block.first(); id--) {
                    ids.add(id);
                    inBlock++;
                }
            } else {
                while (c < candidates.length && candidates[c] > block.last()) {
                    c++;
                }
                while (c < candidates.length && candidates[c] >= block.first()) {
                    ids.add(candidates[c++]);
                    inBlock++;
                }
            }
            count += inBlock;
            toCheck += clean ? 0 : inBlock;
        }
        if (count == 0) {
            return List.of();
        }
        // entries read by id: the page's worth plus those that may fail a check
        long toRead = query.text() == null ? Math.min(count, want + toCheck) : count;
        if (toRead <= fetchLimit || toRead <= want) {
            return fetch(segment.number(), ids.build().iterator(), matches, want);
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
