package org.opence.mapping;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a field's value is turned into before it is written; the labels are those of mapping files. */
public enum Transformation {
    STRING("String"),
    INTEGER("Integer"),
    FLOATING_POINT("Floating Point"),
    IP_ADDRESS("IP Address"),
    MAC_ADDRESS("MAC Address");

    /** The labels joined for error messages: {@code String, Integer, Floating Point, ...}. */
    public static final String ALLOWED =
            Arrays.stream(values()).map(Transformation::label).collect(Collectors.joining(", "));

    private final String label;

    Transformation(String label) {
        this.label = label;
    }

    /** The spelling in mapping files, e.g. {@code Floating Point}. */
    public String label() {
        return label;
    }

    public static Optional<Transformation> fromLabel(String label) {
        for (Transformation t : values()) {
            if (t.label.equals(label)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
