package org.opence.plugin.api;

import java.util.List;

/**
 * An action a plugin offers to rules (e.g. "add to URL list", "block user").
 *
 * @param value stable identifier
 * @param label shown to the user
 * @param parameters the fields the user fills in when choosing it
 */
public record ActionDefinition(String value, String label, List<ConfigField> parameters) {
    public ActionDefinition {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
