package org.opence.mapping;

import java.util.List;
import java.util.Objects;

/**
 * The LEEF 2.0 header ({@code LEEF:2.0|Vendor|Product|Version|EventID|Delimiter|}); the delimiter
 * separates the attributes and defaults to a tab.
 */
public record LeefHeader(FieldSpec vendor, FieldSpec product, FieldSpec version, FieldSpec eventId, char delimiter) {

    /** The JSON keys of the header fields, in the order they are written ({@code delimiter} is extra). */
    public static final List<String> KEYS = List.of("vendor", "product", "version", "eventId");

    public static final char DEFAULT_DELIMITER = '\t';

    public LeefHeader {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(eventId, "eventId");
        String problem = delimiterProblem(delimiter);
        if (problem != null) {
            throw new IllegalArgumentException("delimiter " + problem);
        }
    }

    public LeefHeader(FieldSpec vendor, FieldSpec product, FieldSpec version, FieldSpec eventId) {
        this(vendor, product, version, eventId, DEFAULT_DELIMITER);
    }

    public List<FieldSpec> inOrder() {
        return List.of(vendor, product, version, eventId);
    }

    /** Why {@code c} cannot separate LEEF attributes, or null when it can. */
    static String delimiterProblem(char c) {
        if (Character.isLetterOrDigit(c) || c == '=' || c == '|' || c == '\\' || c == '\r' || c == '\n' || c == '_') {
            return "must not be a letter, digit, '_', '=', '|', '\\' or a line break";
        }
        return null;
    }
}
