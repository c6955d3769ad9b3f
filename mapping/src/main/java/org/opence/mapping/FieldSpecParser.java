package org.opence.mapping;

import java.util.List;

import org.opence.mapping.field.FieldPath;
import org.opence.mapping.field.Transformations;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one {@code {mapping_field, default_value, transformation}} object, reporting every problem. */
final class FieldSpecParser {

    private static final List<String> KEYS = List.of("mapping_field", "default_value", "transformation");

    private FieldSpecParser() {}

    /** The field spec at {@code path}, or null after adding its problems to {@code errors}. */
    static FieldSpec parse(JsonNode node, String path, List<ValidationError> errors) {
        if (!node.isObject()) {
            errors.add(new ValidationError(path, "must be an object with mapping_field and/or default_value"));
            return null;
        }
        int before = errors.size();
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                errors.add(new ValidationError(path + "." + key, "unknown key; allowed: " + String.join(", ", KEYS)));
            }
        });
        String mappingField = null;
        JsonNode field = node.get("mapping_field");
        if (field != null && !field.isNull()) {
            if (!field.isTextual()) {
                errors.add(new ValidationError(path + ".mapping_field", "must be a string (a dotted path)"));
            } else {
                mappingField = field.textValue();
                FieldPath.problem(mappingField)
                        .ifPresent(p -> errors.add(new ValidationError(path + ".mapping_field", p)));
            }
        }
        Transformation transformation = Transformation.STRING;
        JsonNode t = node.get("transformation");
        if (t != null && !t.isNull()) {
            transformation =
                    t.isTextual() ? Transformation.fromLabel(t.textValue()).orElse(null) : null;
            if (transformation == null) {
                errors.add(new ValidationError(path + ".transformation", "must be one of " + Transformation.ALLOWED));
            }
        }
        JsonNode defaultValue = node.get("default_value");
        if (defaultValue != null && defaultValue.isNull()) {
            defaultValue = null;
        }
        if (defaultValue != null) {
            if (!defaultValue.isValueNode()) {
                errors.add(new ValidationError(path + ".default_value", "must be a string, number or boolean"));
            } else if (transformation != null && Transformations.apply(transformation, defaultValue) == null) {
                errors.add(new ValidationError(
                        path + ".default_value", defaultValue + " is not a valid " + transformation.label()));
            }
        }
        if (field == null && defaultValue == null) {
            errors.add(new ValidationError(path, "needs mapping_field or default_value (or both)"));
        }
        if (errors.size() != before) {
            return null;
        }
        return new FieldSpec(mappingField, defaultValue, transformation);
    }
}
