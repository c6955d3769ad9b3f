package org.opence.mapping;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** A LEEF 2.0 mapping: the header and the attributes, written in the order of the map. */
public record LeefMapping(LeefHeader header, Map<String, FieldSpec> attributes) implements TypeMapping {

    /** What an attribute key may look like. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");

    public LeefMapping {
        Objects.requireNonNull(header, "header");
        attributes = CefMapping.ordered(attributes);
        for (String key : attributes.keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("LEEF attribute key '" + key + "' must match " + KEY);
            }
        }
    }

    @Override
    public Format format() {
        return Format.LEEF;
    }
}
