package org.opence.mapping.field;

import java.util.concurrent.atomic.LongAdder;

import org.opence.mapping.FieldSpec;
import org.opence.mapping.Transformation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@link FieldSpec} made ready to run: path split, default converted once, and a counter of values
 * that could not be converted. Immutable apart from the counter; safe to share between threads.
 *
 * <p>A value is absent when the path does not exist, holds JSON {@code null} or an empty string; an
 * absent value gives the default (or nothing). A value the transformation rejects is counted and also
 * gives the default.
 */
public final class CompiledField {

    private final String name;
    private final FieldPath path;
    private final Transformation transformation;
    private final String defaultText;
    private final LongAdder conversionProblems = new LongAdder();
    private final LongAdder missingValues = new LongAdder();

    /**
     * @param name where the field sits in its mapping file, e.g. {@code alerts.malware.extension.src}
     */
    public CompiledField(String name, FieldSpec spec) {
        this.name = name;
        this.path = spec.mappingField() == null ? null : FieldPath.of(spec.mappingField());
        this.transformation = spec.transformation();
        this.defaultText =
                spec.defaultValue() == null ? null : Transformations.apply(transformation, spec.defaultValue());
    }

    /** The text to write for {@code record}, or null when there is none. */
    public String value(JsonNode record) {
        JsonNode node = path == null ? null : path.resolve(record);
        if (node == null
                || node.isNull()
                || (node.isTextual() && node.textValue().isEmpty())) {
            return defaultText;
        }
        if (transformation == Transformation.STRING && node.isTextual()) {
            return node.textValue();
        }
        String converted = Transformations.apply(transformation, node);
        if (converted == null) {
            conversionProblems.increment();
            return defaultText;
        }
        return converted;
    }

    /** Counts a value the caller could not use after conversion (e.g. a CEF severity out of range). */
    public void countProblem() {
        conversionProblems.increment();
    }

    /**
     * The text for a place that must not stay empty (a CEF or LEEF header field): the value, else the
     * default, else {@code fallback}, counted as missing.
     */
    public String required(JsonNode record, String fallback) {
        String v = value(record);
        if (v == null || v.isEmpty()) {
            missingValues.increment();
            return fallback;
        }
        return v;
    }

    /** How many records had no value for this required field (and got the fallback) since it was compiled. */
    public long missingValues() {
        return missingValues.sum();
    }

    /** What this field maps from ({@code mapping_field}), or null when it only has a default. */
    public String source() {
        return path == null ? null : path.toString();
    }

    /** The converted default, or null. */
    public String defaultText() {
        return defaultText;
    }

    public String name() {
        return name;
    }

    /** How many values this field could not convert since it was compiled. */
    public long conversionProblems() {
        return conversionProblems.sum();
    }
}
