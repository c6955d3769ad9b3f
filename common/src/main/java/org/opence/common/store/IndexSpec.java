package org.opence.common.store;

import java.util.List;

/**
 * An index on an owned collection.
 *
 * @param fields field paths in order; a leading {@code -} makes that field descending
 * @param unique whether two documents may share the indexed values
 */
public record IndexSpec(List<String> fields, boolean unique) {

    public IndexSpec {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one field");
        }
        fields = List.copyOf(fields);
    }

    public static IndexSpec on(String... fields) {
        return new IndexSpec(List.of(fields), false);
    }

    public static IndexSpec unique(String... fields) {
        return new IndexSpec(List.of(fields), true);
    }
}
