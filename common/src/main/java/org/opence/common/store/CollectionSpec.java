package org.opence.common.store;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A MongoDB collection a service owns, with its indexes.
 *
 * @param name collection name, unique across the suite
 * @param indexes indexes created at start-up if missing
 */
public record CollectionSpec(String name, List<IndexSpec> indexes) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,62}");

    public CollectionSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("collection name '" + name
                    + "' must be lower case letters, digits and '_', starting with a letter");
        }
        indexes = List.copyOf(indexes);
    }

    public static CollectionSpec of(String name, IndexSpec... indexes) {
        return new CollectionSpec(name, List.of(indexes));
    }
}
