package org.opence.mapping;

import java.util.Objects;

import org.opence.mapping.field.FieldPath;
import org.opence.mapping.field.Transformations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Where one output value comes from: a dotted path into the record ({@code mapping_field}), a constant
 * used when the path is absent or holds no usable value ({@code default_value}), and how the value is
 * converted ({@code transformation}). At least one of path and constant is set.
 *
 * @param mappingField dotted path such as {@code user} or {@code supporting_data.data_values.0}; may be null
 * @param defaultValue a JSON string, number or boolean; may be null
 * @param transformation never null ({@link Transformation#STRING} when a file does not name one)
 */
public record FieldSpec(String mappingField, JsonNode defaultValue, Transformation transformation) {

    public FieldSpec {
        if (transformation == null) {
            transformation = Transformation.STRING;
        }
        if (mappingField == null && defaultValue == null) {
            throw new IllegalArgumentException("a field needs mapping_field or default_value");
        }
        if (mappingField != null) {
            FieldPath.problem(mappingField).ifPresent(p -> {
                throw new IllegalArgumentException("mapping_field " + p);
            });
        }
        if (defaultValue != null) {
            if (!defaultValue.isValueNode() || defaultValue.isNull()) {
                throw new IllegalArgumentException("default_value must be a string, number or boolean");
            }
            defaultValue = canonical(defaultValue);
            if (Transformations.apply(transformation, defaultValue) == null) {
                throw new IllegalArgumentException(
                        "default_value " + defaultValue + " is not a valid " + transformation.label());
            }
        }
    }

    /**
     * The node Jackson's parser makes for the same JSON text (int, long or big integer; double), so a
     * file built in code equals the same file read back from its JSON.
     */
    private static JsonNode canonical(JsonNode value) {
        if (value.isIntegralNumber()) {
            if (value.canConvertToInt()) {
                return IntNode.valueOf(value.intValue());
            }
            return value.canConvertToLong()
                    ? LongNode.valueOf(value.longValue())
                    : BigIntegerNode.valueOf(value.bigIntegerValue());
        }
        if (value.isNumber()) {
            return DoubleNode.valueOf(value.doubleValue());
        }
        return value;
    }

    /** A value taken from {@code path}, as text. */
    public static FieldSpec field(String path) {
        return new FieldSpec(path, null, Transformation.STRING);
    }

    /** A value taken from {@code path} and converted. */
    public static FieldSpec field(String path, Transformation transformation) {
        return new FieldSpec(path, null, transformation);
    }

    /** A value taken from {@code path}, or {@code fallback} when the record has none. */
    public static FieldSpec field(String path, String fallback) {
        return new FieldSpec(path, TextNode.valueOf(Objects.requireNonNull(fallback)), Transformation.STRING);
    }

    /** The same text on every record. */
    public static FieldSpec constant(String value) {
        return new FieldSpec(null, TextNode.valueOf(Objects.requireNonNull(value)), Transformation.STRING);
    }

    /** The same integer on every record. */
    public static FieldSpec constant(long value) {
        return new FieldSpec(null, LongNode.valueOf(value), Transformation.INTEGER);
    }

    /** The same boolean on every record. */
    public static FieldSpec constant(boolean value) {
        return new FieldSpec(null, BooleanNode.valueOf(value), Transformation.STRING);
    }
}
