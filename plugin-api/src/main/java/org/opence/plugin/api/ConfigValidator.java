package org.opence.plugin.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a configuration against a plugin's field schema: mandatory fields present, values of the
 * right type, choices among the allowed ones, no unknown keys. The platform runs it before the
 * plugin's own {@code validate}, so plugins can rely on these checks having passed.
 */
public final class ConfigValidator {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Longest value of a one-line field (text, password, e-mail). */
    public static final int MAX_LINE = 8_192;
    /** Longest value of a textarea (certificates, lists, templates). */
    public static final int MAX_TEXTAREA = 262_144;

    private ConfigValidator() {}

    /** The problems of {@code configuration}; empty when it is acceptable. */
    public static List<FieldProblem> validate(List<ConfigField> schema, Map<String, Object> configuration) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (ConfigField field : flatten(schema)) {
            known.add(field.key());
            Object value = configuration.get(field.key());
            if (isEmpty(value)) {
                if (field.mandatory() && field.defaultValue() == null) {
                    problems.add(new FieldProblem(field.key(), "is required"));
                }
                continue;
            }
            String problem = checkType(field, value);
            if (problem != null) {
                problems.add(new FieldProblem(field.key(), problem));
            }
        }
        for (String key : configuration.keySet()) {
            if (!known.contains(key)) {
                problems.add(new FieldProblem(key, "is not a field of this plugin"));
            }
        }
        return problems;
    }

    /** The value fields of the schema, with the fields of steps in place of the steps. */
    public static List<ConfigField> flatten(List<ConfigField> schema) {
        List<ConfigField> all = new ArrayList<>();
        for (ConfigField field : schema) {
            if (field.type() == FieldType.STEP) {
                all.addAll(flatten(field.fields()));
            } else {
                all.add(field);
            }
        }
        return all;
    }

    private static String checkType(ConfigField field, Object value) {
        return switch (field.type()) {
            case TEXT, PASSWORD ->
                value instanceof String s
                        ? s.length() <= MAX_LINE ? null : "must be at most " + MAX_LINE + " characters"
                        : "must be text";
            case TEXTAREA ->
                value instanceof String s
                        ? s.length() <= MAX_TEXTAREA ? null : "must be at most " + MAX_TEXTAREA + " characters"
                        : "must be text";
            case NUMBER -> value instanceof Number || isNumeric(value) ? null : "must be a number";
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
            case EMAIL ->
                value instanceof String s
                                && s.length() <= 320
                                && EMAIL.matcher(s).matches()
                        ? null
                        : "must be an e-mail address";
            case CHOICE -> allowed(field, value) ? null : "must be one of " + keys(field);
            case MULTICHOICE ->
                value instanceof Collection<?> values && values.stream().allMatch(v -> allowed(field, v))
                        ? null
                        : "must be a list of values from " + keys(field);
            case STEP -> null;
        };
    }

    private static boolean isNumeric(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean allowed(ConfigField field, Object value) {
        return field.choices().stream().anyMatch(c -> c.key().equals(String.valueOf(value)));
    }

    private static List<String> keys(ConfigField field) {
        return field.choices().stream().map(Choice::key).toList();
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof Collection<?> c && c.isEmpty());
    }
}
