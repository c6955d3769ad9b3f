package org.opence.plugin.api.cte;

import java.util.List;

import org.opence.plugin.api.ActionDefinition;
import org.opence.plugin.api.ActionRequest;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.ValidationResult;

/**
 * A Threat Exchange plugin: a source (it pulls), a destination (it pushes), or both, as its manifest's
 * capabilities say. Methods a plugin does not support keep their defaults.
 */
public interface CtePlugin extends Plugin {

    /**
     * Pulls indicators seen since the last successful run ({@link PluginContext#lastRunAt()}); keep
     * finer checkpoints in {@link PluginContext#storage()}.
     */
    default List<Indicator> pull(PluginContext context) throws Exception {
        throw new UnsupportedOperationException("this plugin does not pull");
    }

    /** Pushes indicators to the destination with the chosen action. */
    default PushResult push(PluginContext context, List<Indicator> indicators, ActionRequest action) throws Exception {
        throw new UnsupportedOperationException("this plugin does not push");
    }

    /** The actions rules may choose for this destination. */
    default List<ActionDefinition> actions(PluginContext context) {
        return List.of();
    }

    /** The parameter fields of one action, when they depend on the destination (e.g. its list names). */
    default List<ConfigField> actionFields(PluginContext context, String action) throws Exception {
        return actions(context).stream()
                .filter(a -> a.value().equals(action))
                .findFirst()
                .map(ActionDefinition::parameters)
                .orElse(List.of());
    }

    /** Checks an action's parameters before a rule is saved. */
    default ValidationResult validateAction(PluginContext context, ActionRequest action) throws Exception {
        return ValidationResult.ok();
    }

    /** Of the given indicators from this source, the ones the source has since retracted. */
    default List<Indicator> retracted(PluginContext context, List<Indicator> indicators) throws Exception {
        return List.of();
    }

    /** Removes what the action created at the destination when a rule is deleted. */
    default void cleanup(PluginContext context, ActionRequest action) throws Exception {}
}
