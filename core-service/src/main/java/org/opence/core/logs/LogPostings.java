package org.opence.core.logs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Our own secondary index, built from what both stores can do fast (unique {@code _id} look-ups):
 * one document per segment, dimension value and block of ids, {@code _id "<segment>|level|error|<block>"},
 * whose {@code ids} are the entries of that block with that value (blocks of a tenth of a segment keep
 * each document small, so adding ids stays cheap). A filter on level, module, plugin or configuration
 * reads a few of these instead of scanning the segment. Ids appear in arrival order and, after a
 * redelivered batch, possibly twice; readers sort and remove duplicates. Ids of entries deleted by
 * retention may remain: readers skip entries that are not there.
 */
final class LogPostings {

    private final MongoCollection<Document> postings;
    private final long segmentSize;
    private final long blockSize;

    LogPostings(MongoCollection<Document> postings, long segmentSize) {
        this.postings = postings;
        this.segmentSize = segmentSize;
        this.blockSize = Math.max(1, segmentSize / 10);
    }

    private static String id(long segment, String key, long block) {
        return segment + "|" + key + "|" + block;
    }

    /** Adds ids of one segment to its postings, by key ({@code dimension|value}). */
    void add(long segment, Map<String, List<Long>> idsByKey) {
        idsByKey.forEach((key, ids) -> {
            Map<Long, List<Long>> byBlock = new java.util.TreeMap<>();
            for (Long id : ids) {
                byBlock.computeIfAbsent(block(id), b -> new ArrayList<>()).add(id);
            }
            byBlock.forEach((block, blockIds) -> postings.updateOne(
                    Filters.eq("_id", id(segment, key, block)),
                    Updates.pushEach("ids", blockIds),
                    new UpdateOptions().upsert(true)));
        });
    }

    private long block(long id) {
        return (id % segmentSize) / blockSize;
    }

    private List<String> ids(long segment, String key, long upper) {
        long last = upper >= (segment + 1) * segmentSize - 1 ? (segmentSize - 1) / blockSize : block(upper);
        List<String> ids = new ArrayList<>();
        for (long b = 0; b <= last; b++) {
            ids.add(id(segment, key, b));
        }
        return ids;
    }

    /**
     * Ids of the segment's entries that have, for every dimension, one of its values; at most
     * {@code upper}; newest (highest) first, without duplicates.
     */
    long[] matching(long segment, Map<String, Set<String>> valuesByDimension, long upper) {
        List<String> wanted = new ArrayList<>();
        valuesByDimension.forEach((dimension, values) ->
                values.forEach(v -> wanted.addAll(ids(segment, LogSegments.key(dimension, v), upper))));
        Map<String, List<Long>> found = new HashMap<>();
        for (int i = 0; i < wanted.size(); i += 200) {
            for (Document d : postings.find(Filters.in("_id", wanted.subList(i, Math.min(wanted.size(), i + 200))))) {
                String id = d.getString("_id");
                found.computeIfAbsent(id.substring(0, id.lastIndexOf('|')), k -> new ArrayList<>())
                        .addAll(d.getList("ids", Long.class));
            }
        }
        long[] result = null;
        for (var dimension : valuesByDimension.entrySet()) {
            List<long[]> parts = new ArrayList<>();
            for (String value : dimension.getValue()) {
                List<Long> ids = found.get(segment + "|" + LogSegments.key(dimension.getKey(), value));
                if (ids != null) {
                    parts.add(sortedDistinct(ids, upper));
                }
            }
            long[] union = union(parts);
            result = result == null ? union : intersect(result, union);
            if (result.length == 0) {
                break;
            }
        }
        if (result == null) {
            return new long[0];
        }
        // ascending so far: newest first
        for (int i = 0, j = result.length - 1; i < j; i++, j--) {
            long t = result[i];
            result[i] = result[j];
            result[j] = t;
        }
        return result;
    }

    void remove(long segment, Collection<String> keys) {
        List<String> ids = keys.stream()
                .flatMap(k -> ids(segment, k, Long.MAX_VALUE).stream())
                .toList();
        for (int i = 0; i < ids.size(); i += 200) {
            postings.deleteMany(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + 200))));
        }
    }

    private static long[] sortedDistinct(List<Long> ids, long upper) {
        long[] a = new long[ids.size()];
        int n = 0;
        for (Long id : ids) {
            if (id != null && id <= upper) {
                a[n++] = id;
            }
        }
        java.util.Arrays.sort(a, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || a[m - 1] != a[i]) {
                a[m++] = a[i];
            }
        }
        return java.util.Arrays.copyOf(a, m);
    }

    private static long[] union(List<long[]> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = parts.stream().mapToInt(p -> p.length).sum();
        long[] all = new long[total];
        int n = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, n, p.length);
            n += p.length;
        }
        java.util.Arrays.sort(all);
        int m = 0;
        for (int i = 0; i < all.length; i++) {
            if (m == 0 || all[m - 1] != all[i]) {
                all[m++] = all[i];
            }
        }
        return java.util.Arrays.copyOf(all, m);
    }

    private static long[] intersect(long[] a, long[] b) {
        long[] out = new long[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
