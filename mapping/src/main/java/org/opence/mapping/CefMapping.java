package org.opence.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CEF mapping: the header and the extension, written as {@code key=value} pairs in the order of the
 * map. Extension keys are never escaped, so they are restricted to letters and digits.
 */
public record CefMapping(CefHeader header, Map<String, FieldSpec> extension) implements TypeMapping {

    /** What an extension key may look like. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9]+");

    public CefMapping {
        Objects.requireNonNull(header, "header");
        extension = ordered(extension);
        for (String key : extension.keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("CEF extension key '" + key + "' must match " + KEY);
            }
        }
    }

    @Override
    public Format format() {
        return Format.CEF;
    }

    static <V> Map<String, V> ordered(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v, k)));
        }
        return Collections.unmodifiableMap(copy);
    }
}
