package org.opence.core.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.opence.common.logs.LogLevel;

import com.mongodb.client.model.Filters;

/**
 * A search of the platform log, already validated. Every filter given must match (AND); a filter with
 * several values matches any of them.
 *
 * @param levels levels wanted; all four (or null) means no level filter
 * @param modules modules wanted, null for any
 * @param plugin plugin id, null for any
 * @param configuration configuration name, null for any
 * @param text a piece of the message, any case; null for any
 * @param from entries at or after this time, null for no lower bound
 * @param to entries before this time, null for no upper bound
 * @param before only entries with a lower id (the {@code nextBefore} of the previous page), null from the newest
 * @param limit entries per page, 1 to 500
 */
public record LogQuery(
        Set<LogLevel> levels,
        Set<String> modules,
        String plugin,
        String configuration,
        String text,
        Instant from,
        Instant to,
        Long before,
        int limit) {

    public LogQuery {
        levels = levels == null || levels.isEmpty() ? EnumSet.allOf(LogLevel.class) : EnumSet.copyOf(levels);
        modules = modules == null || modules.isEmpty() ? null : Set.copyOf(modules);
    }

    /** The newest entries, no filter. */
    public static LogQuery newest(int limit) {
        return new LogQuery(null, null, null, null, null, null, null, null, limit);
    }

    /** The dimensions filtered on (those the postings index), with the values wanted. */
    Map<String, Set<String>> dimensions() {
        Map<String, Set<String>> dims = new LinkedHashMap<>();
        if (levels.size() < LogLevel.values().length) {
            Set<String> names = new java.util.TreeSet<>();
            levels.forEach(l -> names.add(l.name()));
            dims.put("level", names);
        }
        if (modules != null) {
            dims.put("module", modules);
        }
        if (plugin != null) {
            dims.put("plugin", Set.of(plugin));
        }
        if (configuration != null) {
            dims.put("configuration", Set.of(configuration));
        }
        return dims;
    }

    private Pattern textPattern() {
        return text == null ? null : Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE);
    }

    /** Whether a stored entry matches every filter (ids aside). */
    boolean matches(Document entry, Pattern text) {
        for (var dim : dimensions().entrySet()) {
            if (!dim.getValue().contains(entry.getString(dim.getKey()))) {
                return false;
            }
        }
        Date time = entry.getDate("time");
        if (from != null && (time == null || time.toInstant().isBefore(from))) {
            return false;
        }
        if (to != null && (time == null || !time.toInstant().isBefore(to))) {
            return false;
        }
        String message = entry.getString("message");
        return text == null || (message != null && text.matcher(message).find());
    }

    /** A matcher of stored entries, compiled once per search. */
    java.util.function.Predicate<Document> predicate() {
        Pattern pattern = textPattern();
        return d -> matches(d, pattern);
    }

    /** The same filters for the store to apply, with ids at most {@code upper}. */
    Bson filter(long upper) {
        List<Bson> parts = new ArrayList<>();
        parts.add(Filters.lte("_id", upper));
        dimensions()
                .forEach((dim, values) -> parts.add(
                        values.size() == 1 ? Filters.eq(dim, values.iterator().next()) : Filters.in(dim, values)));
        if (from != null) {
            parts.add(Filters.gte("time", Date.from(from)));
        }
        if (to != null) {
            parts.add(Filters.lt("time", Date.from(to)));
        }
        if (text != null) {
            // escaped by hand: both MongoDB (PCRE) and the embedded store (java.util.regex) read this
            parts.add(Filters.regex("message", text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0"), "i"));
        }
        return Filters.and(parts);
    }
}
