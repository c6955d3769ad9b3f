package org.opence.plugins.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.opence.plugin.api.FieldProblem;

/**
 * Reads typed values from a configuration map and collects what is wrong with them, so every bad
 * field is reported at once. Missing values get the fallback: a context built by hand (tests, older
 * configurations) may lack the manifest's defaults.
 */
final class ConfigReader {

    private final Map<String, Object> values;
    private final List<FieldProblem> problems = new ArrayList<>();

    ConfigReader(Map<String, Object> values) {
        this.values = values;
    }

    void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** The text, trimmed; {@code fallback} when absent. */
    String text(String key, String fallback) {
        Object value = values.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    /** The text exactly as given (secrets may start or end with spaces on purpose). */
    String raw(String key) {
        Object value = values.get(key);
        return value == null ? "" : value.toString();
    }

    boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(key, "must be true or false");
        return fallback;
    }

    int integer(String key, int fallback, int min, int max) {
        Object value = values.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        String rule = "must be a whole number from " + min + " to " + max;
        double number;
        try {
            number = value instanceof Number n
                    ? n.doubleValue()
                    : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            problem(key, rule);
            return fallback;
        }
        if (number != Math.rint(number) || number < min || number > max) {
            problem(key, rule);
            return fallback;
        }
        return (int) number;
    }

    /** One of the allowed keys; {@code allowed} lists them for the message. */
    <E> E choice(String key, E fallback, Function<String, E> lookup, String allowed) {
        String text = text(key, "");
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return lookup.apply(text);
        } catch (IllegalArgumentException e) {
            problem(key, "must be " + allowed);
            return fallback;
        }
    }
}
