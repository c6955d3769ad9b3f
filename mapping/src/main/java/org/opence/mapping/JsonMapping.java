package org.opence.mapping;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.opence.mapping.field.FieldPath;

/**
 * A JSON mapping: the dotted paths to keep (an empty list keeps every field) and optional new names for
 * some of them. A kept path that is not renamed is written under its dotted path as one flat key.
 */
public record JsonMapping(List<String> fields, Map<String, String> rename) implements TypeMapping {

    public JsonMapping {
        fields = fields == null ? List.of() : List.copyOf(fields);
        rename = CefMapping.ordered(rename);
        problem(fields, rename).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** Keeps every field of every record, unrenamed. */
    public static JsonMapping allFields() {
        return new JsonMapping(List.of(), Map.of());
    }

    @Override
    public Format format() {
        return Format.JSON;
    }

    /** The name {@code path} is written under. */
    public String outputName(String path) {
        return rename.getOrDefault(path, path);
    }

    private static Optional<String> problem(List<String> fields, Map<String, String> rename) {
        Set<String> seen = new HashSet<>();
        for (String field : fields) {
            Optional<String> p = FieldPath.problem(field);
            if (p.isPresent()) {
                return Optional.of("field '" + field + "' " + p.get());
            }
            if (!seen.add(field)) {
                return Optional.of("field '" + field + "' is listed twice");
            }
        }
        Set<String> outputs = new HashSet<>();
        for (Map.Entry<String, String> e : rename.entrySet()) {
            if (fields.isEmpty() ? e.getKey().contains(".") : !fields.contains(e.getKey())) {
                return Optional.of("rename of '" + e.getKey() + "': " + renameKeyRule(fields));
            }
            if (e.getValue().isBlank()) {
                return Optional.of("rename of '" + e.getKey() + "': the new name must not be blank");
            }
            if (!outputs.add(e.getValue())) {
                return Optional.of("rename of '" + e.getKey() + "': two fields renamed to '" + e.getValue() + "'");
            }
        }
        for (String field : fields) {
            if (!rename.containsKey(field) && !outputs.add(field)) {
                return Optional.of("field '" + field + "' clashes with a renamed field of the same name");
            }
        }
        return Optional.empty();
    }

    static String renameKeyRule(List<String> fields) {
        return fields.isEmpty()
                ? "when every field is kept, only top-level fields (no '.') can be renamed"
                : "must be one of the listed fields";
    }
}
