package org.opence.plugin.api;

import java.util.Objects;

/**
 * One allowed value of a choice field.
 *
 * @param key the value stored in the configuration
 * @param label what the user sees
 */
public record Choice(String key, String label) {
    public Choice {
        Objects.requireNonNull(key, "key");
        label = label == null ? key : label;
    }

    public static Choice of(String key, String label) {
        return new Choice(key, label);
    }
}
