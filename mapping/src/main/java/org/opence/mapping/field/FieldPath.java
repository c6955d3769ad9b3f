package org.opence.mapping.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dotted path into a record, split once: {@code user}, {@code supporting_data.data_type},
 * {@code a.b.0.c}. A segment of digits indexes an array and names a field of an object; anything else
 * names a field. Resolving allocates nothing.
 */
public final class FieldPath {

    public static final int MAX_LENGTH = 512;

    private final String text;
    private final String[] names;
    private final int[] indexes;

    private FieldPath(String text, String[] names, int[] indexes) {
        this.text = text;
        this.names = names;
        this.indexes = indexes;
    }

    /**
     * @throws IllegalArgumentException when {@link #problem(String)} finds one
     */
    public static FieldPath of(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException("path '" + text + "' " + p);
        });
        List<String> parts = split(text);
        String[] names = new String[parts.size()];
        for (int i = 0; i < names.length; i++) {
            // Jackson interns field names, so an interned segment finds its key by identity
            names[i] = parts.get(i).intern();
        }
        int[] indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            indexes[i] = arrayIndex(names[i]);
        }
        return new FieldPath(text, names, indexes);
    }

    /** Why {@code text} is not a usable path ("must not be empty", ...), or empty when it is. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return Optional.of("must not have an empty segment (leading, trailing or doubled '.')");
        }
        return Optional.empty();
    }

    /** The node at this path, or null when some segment is absent; a JSON null is returned as is. */
    public JsonNode resolve(JsonNode root) {
        JsonNode node = root;
        for (int i = 0; i < names.length && node != null; i++) {
            if (node.isObject()) {
                node = node.get(names[i]);
            } else if (node.isArray() && indexes[i] >= 0) {
                node = node.get(indexes[i]);
            } else {
                return null;
            }
        }
        return node;
    }

    /** Number of segments. */
    public int length() {
        return names.length;
    }

    /** Segment {@code i} as a field name. */
    public String segment(int i) {
        return names[i];
    }

    /** Segment {@code i} as an array index, or -1 when it is not one. */
    public int index(int i) {
        return indexes[i];
    }

    /** The last segment: the field name the value is stored under. */
    public String leaf() {
        return names[names.length - 1];
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static int arrayIndex(String segment) {
        if (segment.length() > 9) {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }
}
