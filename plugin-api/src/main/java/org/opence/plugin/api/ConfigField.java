package org.opence.plugin.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One field of a plugin's configuration form. The UI renders forms from these; the platform checks
 * mandatory fields, types and choices before calling the plugin's own {@code validate}. Build fields
 * with the static factories and the {@code with…} methods:
 *
 * <pre>{@code
 * ConfigField.text("url", "Server URL").required().help("https://host:8088")
 * ConfigField.password("token", "HEC token").required()
 * ConfigField.choice("protocol", "Protocol", Choice.of("tcp", "TCP"), Choice.of("udp", "UDP")).withDefault("tcp")
 * }</pre>
 *
 * @param key the configuration key (letters, digits, {@code _}, {@code -}, {@code .})
 * @param label shown to the user
 * @param type how the value is entered and checked
 * @param mandatory whether a value is required
 * @param defaultValue used when the user gives none (a String, Number, Boolean or List of String)
 * @param choices allowed values of CHOICE and MULTICHOICE fields
 * @param editable false when the value cannot change after the configuration was created
 * @param helpText one or two sentences under the field
 * @param placeholder example shown in an empty field
 * @param fields the fields of a STEP
 */
public record ConfigField(
        String key,
        String label,
        FieldType type,
        boolean mandatory,
        Object defaultValue,
        List<Choice> choices,
        boolean editable,
        String helpText,
        String placeholder,
        List<ConfigField> fields) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    public ConfigField {
        Objects.requireNonNull(type, "type");
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("field key '" + key + "' must start with a letter and have at most 64"
                    + " letters, digits, _ - or .");
        }
        label = label == null || label.isBlank() ? key : label;
        choices = choices == null ? List.of() : List.copyOf(choices);
        fields = fields == null ? List.of() : List.copyOf(fields);
        if ((type == FieldType.CHOICE || type == FieldType.MULTICHOICE) && choices.isEmpty()) {
            throw new IllegalArgumentException("field '" + key + "' of type " + type + " needs at least one choice");
        }
        if (type != FieldType.STEP && !fields.isEmpty()) {
            throw new IllegalArgumentException("only a STEP has fields; '" + key + "' is " + type);
        }
    }

    public static ConfigField of(String key, String label, FieldType type) {
        return new ConfigField(key, label, type, false, null, List.of(), true, null, null, List.of());
    }

    public static ConfigField text(String key, String label) {
        return of(key, label, FieldType.TEXT);
    }

    public static ConfigField password(String key, String label) {
        return of(key, label, FieldType.PASSWORD);
    }

    public static ConfigField number(String key, String label) {
        return of(key, label, FieldType.NUMBER);
    }

    public static ConfigField bool(String key, String label) {
        return of(key, label, FieldType.BOOLEAN);
    }

    public static ConfigField email(String key, String label) {
        return of(key, label, FieldType.EMAIL);
    }

    public static ConfigField textarea(String key, String label) {
        return of(key, label, FieldType.TEXTAREA);
    }

    public static ConfigField choice(String key, String label, Choice... choices) {
        return new ConfigField(
                key, label, FieldType.CHOICE, false, null, List.of(choices), true, null, null, List.of());
    }

    public static ConfigField multichoice(String key, String label, Choice... choices) {
        return new ConfigField(
                key, label, FieldType.MULTICHOICE, false, null, List.of(choices), true, null, null, List.of());
    }

    /** A wizard page holding {@code fields}. */
    public static ConfigField step(String key, String label, ConfigField... fields) {
        return new ConfigField(key, label, FieldType.STEP, false, null, List.of(), true, null, null, List.of(fields));
    }

    public ConfigField required() {
        return new ConfigField(key, label, type, true, defaultValue, choices, editable, helpText, placeholder, fields);
    }

    public ConfigField withDefault(Object value) {
        return new ConfigField(key, label, type, mandatory, value, choices, editable, helpText, placeholder, fields);
    }

    public ConfigField readOnlyAfterCreation() {
        return new ConfigField(
                key, label, type, mandatory, defaultValue, choices, false, helpText, placeholder, fields);
    }

    public ConfigField help(String text) {
        return new ConfigField(key, label, type, mandatory, defaultValue, choices, editable, text, placeholder, fields);
    }

    public ConfigField placeholder(String text) {
        return new ConfigField(key, label, type, mandatory, defaultValue, choices, editable, helpText, text, fields);
    }

    /** Whether values of this field are secrets. */
    public boolean secret() {
        return type == FieldType.PASSWORD;
    }
}
