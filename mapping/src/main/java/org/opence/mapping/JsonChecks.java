package org.opence.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Collects validation errors with their paths, and the checks every part of a mapping file needs. */
final class JsonChecks {

    private final List<ValidationError> errors = new ArrayList<>();

    List<ValidationError> errors() {
        return errors;
    }

    int count() {
        return errors.size();
    }

    JsonNode requiredObject(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || !node.isObject()) {
            error(path + "." + key, node == null ? "is required" : "must be an object");
            return null;
        }
        return node;
    }

    String text(JsonNode parent, String key, String path, boolean required) {
        JsonNode node = parent.get(key);
        String at = path.isEmpty() ? key : path + "." + key;
        if (node == null) {
            if (required) {
                error(at, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            error(at, "must be a string");
            return null;
        }
        return node.textValue();
    }

    void onlyKeys(JsonNode node, String path, List<String> allowed) {
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                error(path.isEmpty() ? key : path + "." + key, "unknown key; allowed: " + String.join(", ", allowed));
            }
        });
    }

    void error(String path, String message) {
        errors.add(new ValidationError(path, message));
    }
}
