package org.opence.common.store;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A MongoDB collection a service owns, with its indexes, or a family of them.
 *
 * <p>A family ({@link #family}) is a set of collections whose names start with one prefix and that
 * the service creates and drops while it runs, e.g. one per time bucket ({@code log_entries_17}):
 * none exists at start-up, each is created when first written and its indexes when first used.
 *
 * @param name collection name, unique across the suite; for a family, the prefix of its members
 * @param indexes indexes created at start-up (of a family: on each member when first used) if missing
 * @param family whether {@code name} is the prefix of a family of collections
 */
public record CollectionSpec(String name, List<IndexSpec> indexes, boolean family) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,62}");
    private static final Pattern MEMBER_SUFFIX = Pattern.compile("[a-z0-9_]{1,40}");

    public CollectionSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("collection name '" + name
                    + "' must be lower case letters, digits and '_', starting with a letter");
        }
        if (family && !name.endsWith("_")) {
            throw new IllegalArgumentException("the prefix of a collection family must end with '_': " + name);
        }
        indexes = List.copyOf(indexes);
    }

    public CollectionSpec(String name, List<IndexSpec> indexes) {
        this(name, indexes, false);
    }

    public static CollectionSpec of(String name, IndexSpec... indexes) {
        return new CollectionSpec(name, List.of(indexes), false);
    }

    /** Collections named {@code <prefix><suffix>}, suffix of lower case letters, digits and '_'. */
    public static CollectionSpec family(String prefix, IndexSpec... indexes) {
        return new CollectionSpec(prefix, List.of(indexes), true);
    }

    /** Whether {@code collection} is this collection, or a member of this family. */
    public boolean covers(String collection) {
        if (!family) {
            return name.equals(collection);
        }
        return collection != null
                && collection.startsWith(name)
                && MEMBER_SUFFIX.matcher(collection.substring(name.length())).matches()
                && collection.length() <= 63;
    }
}
