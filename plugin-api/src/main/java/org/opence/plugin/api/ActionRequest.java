package org.opence.plugin.api;

import java.util.Map;

/**
 * An action a rule asks a plugin to perform, with the parameters the user filled in.
 *
 * @param action the action's value, as the plugin listed it
 * @param parameters values of the action's parameter fields
 */
public record ActionRequest(String action, Map<String, Object> parameters) {
    public ActionRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
