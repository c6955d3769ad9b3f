package org.opence.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opence.mapping.field.FieldPath;
import org.opence.mapping.field.Transformations;
import org.opence.mapping.format.CefSeverity;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the mapping of one data type and subtype in the format of its file. */
final class TypeMappingParser {

    private static final List<String> CEF_KEYS = List.of("header", "extension");
    private static final List<String> LEEF_KEYS = List.of("header", "attributes");
    private static final List<String> LEEF_HEADER_KEYS =
            List.of("vendor", "product", "version", "eventId", "delimiter");
    private static final List<String> JSON_KEYS = List.of("fields", "rename");

    private final JsonChecks checks;

    TypeMappingParser(JsonChecks checks) {
        this.checks = checks;
    }

    TypeMapping parse(JsonNode node, String path, Format format) {
        if (!node.isObject()) {
            checks.error(path, "must be an object");
            return null;
        }
        int before = checks.count();
        TypeMapping mapping =
                switch (format) {
                    case CEF -> cef(node, path);
                    case LEEF -> leef(node, path);
                    case JSON -> json(node, path);
                };
        return checks.count() == before ? mapping : null;
    }

    private CefMapping cef(JsonNode node, String path) {
        checks.onlyKeys(node, path, CEF_KEYS);
        JsonNode header = checks.requiredObject(node, "header", path);
        Map<String, FieldSpec> parts = new LinkedHashMap<>();
        if (header != null) {
            checks.onlyKeys(header, path + ".header", CefHeader.KEYS);
            for (String key : CefHeader.KEYS) {
                FieldSpec spec = requiredField(header, key, path + ".header");
                if (spec != null && key.equals("severity") && spec.defaultValue() != null) {
                    String severity = CefSeverity.normalise(Transformations.text(spec.defaultValue()));
                    if (severity == null) {
                        checks.error(path + ".header.severity.default_value", "must be " + CefSeverity.ACCEPTED);
                    }
                }
                parts.put(key, spec);
            }
        }
        Map<String, FieldSpec> extension = fieldMap(node, "extension", path, CefMapping.KEY.pattern());
        if (header == null || parts.containsValue(null) || extension == null) {
            return null;
        }
        return new CefMapping(
                new CefHeader(
                        parts.get("deviceVendor"),
                        parts.get("deviceProduct"),
                        parts.get("deviceVersion"),
                        parts.get("deviceEventClassId"),
                        parts.get("name"),
                        parts.get("severity")),
                extension);
    }

    private LeefMapping leef(JsonNode node, String path) {
        checks.onlyKeys(node, path, LEEF_KEYS);
        JsonNode header = checks.requiredObject(node, "header", path);
        Map<String, FieldSpec> parts = new LinkedHashMap<>();
        char delimiter = LeefHeader.DEFAULT_DELIMITER;
        if (header != null) {
            checks.onlyKeys(header, path + ".header", LEEF_HEADER_KEYS);
            LeefHeader.KEYS.forEach(key -> parts.put(key, requiredField(header, key, path + ".header")));
            String text = checks.text(header, "delimiter", path + ".header", false);
            if (text != null) {
                Character c = LeefDelimiters.parse(text);
                String problem = c == null ? LeefDelimiters.SYNTAX : LeefHeader.delimiterProblem(c);
                if (problem != null) {
                    checks.error(path + ".header.delimiter", problem);
                } else {
                    delimiter = c;
                }
            }
        }
        Map<String, FieldSpec> attributes = fieldMap(node, "attributes", path, LeefMapping.KEY.pattern());
        if (header == null || parts.containsValue(null) || attributes == null) {
            return null;
        }
        return new LeefMapping(
                new LeefHeader(
                        parts.get("vendor"),
                        parts.get("product"),
                        parts.get("version"),
                        parts.get("eventId"),
                        delimiter),
                attributes);
    }

    private JsonMapping json(JsonNode node, String path) {
        int before = checks.count();
        checks.onlyKeys(node, path, JSON_KEYS);
        List<String> fields = new ArrayList<>();
        JsonNode list = node.get("fields");
        if (list != null && !list.isArray()) {
            checks.error(path + ".fields", "must be an array of dotted paths (empty = every field)");
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                String itemPath = path + ".fields[" + i + "]";
                JsonNode item = list.get(i);
                if (!item.isTextual()) {
                    checks.error(itemPath, "must be a string");
                } else if (fields.contains(item.textValue())) {
                    checks.error(itemPath, "'" + item.textValue() + "' is listed twice");
                } else {
                    FieldPath.problem(item.textValue()).ifPresent(p -> checks.error(itemPath, p));
                    fields.add(item.textValue());
                }
            }
        }
        Map<String, String> rename = new LinkedHashMap<>();
        JsonNode renames = node.get("rename");
        if (renames != null && !renames.isObject()) {
            checks.error(path + ".rename", "must be an object of field → new name");
        } else if (renames != null) {
            renames.fields().forEachRemaining(e -> {
                String itemPath = path + ".rename." + e.getKey();
                if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                    checks.error(itemPath, "must be a non-blank string");
                } else if (rename.containsValue(e.getValue().textValue())) {
                    checks.error(
                            itemPath,
                            "another field is already renamed to '"
                                    + e.getValue().textValue() + "'");
                } else if (fields.isEmpty() ? e.getKey().contains(".") : !fields.contains(e.getKey())) {
                    checks.error(itemPath, JsonMapping.renameKeyRule(fields));
                } else {
                    rename.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        for (String field : fields) {
            if (!rename.containsKey(field) && rename.containsValue(field)) {
                checks.error(path + ".fields", "'" + field + "' clashes with a field renamed to the same name");
            }
        }
        return checks.count() == before ? new JsonMapping(fields, rename) : null;
    }

    private Map<String, FieldSpec> fieldMap(JsonNode node, String key, String path, String keyPattern) {
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        JsonNode object = node.get(key);
        if (object == null) {
            return map;
        }
        if (!object.isObject()) {
            checks.error(path + "." + key, "must be an object of key → field");
            return null;
        }
        int before = checks.count();
        object.fields().forEachRemaining(e -> {
            if (!e.getKey().matches(keyPattern)) {
                checks.error(path + "." + key + "." + e.getKey(), "key must match " + keyPattern);
            }
            map.put(
                    e.getKey(),
                    FieldSpecParser.parse(e.getValue(), path + "." + key + "." + e.getKey(), checks.errors()));
        });
        return checks.count() == before ? map : null;
    }

    private FieldSpec requiredField(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null) {
            checks.error(path + "." + key, "is required");
            return null;
        }
        return FieldSpecParser.parse(node, path + "." + key, checks.errors());
    }
}
