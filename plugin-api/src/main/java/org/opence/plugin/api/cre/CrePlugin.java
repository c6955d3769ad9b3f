package org.opence.plugin.api.cre;

import java.util.List;
import java.util.Map;

import org.opence.plugin.api.ActionDefinition;
import org.opence.plugin.api.ActionRequest;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.ValidationResult;

/**
 * A Risk Exchange plugin: reads records (with scores) of its entities, updates their scores, and runs
 * actions on them when rules match. Scores are normalised by the platform to 0–1000 (lower = riskier).
 */
public interface CrePlugin extends Plugin {

    /** The entities this source provides. */
    List<Entity> entities(PluginContext context) throws Exception;

    /** Reads the records of one entity. */
    List<Map<String, Object>> fetchRecords(PluginContext context, Entity entity) throws Exception;

    /** Fills in scores (and other fields) of the given records; returns them updated. */
    default List<Map<String, Object>> updateRecords(
            PluginContext context, Entity entity, List<Map<String, Object>> records) throws Exception {
        return records;
    }

    default List<ActionDefinition> actions(PluginContext context) {
        return List.of();
    }

    default List<ConfigField> actionParams(PluginContext context, String action) throws Exception {
        return actions(context).stream()
                .filter(a -> a.value().equals(action))
                .findFirst()
                .map(ActionDefinition::parameters)
                .orElse(List.of());
    }

    default ValidationResult validateAction(PluginContext context, ActionRequest action) throws Exception {
        return ValidationResult.ok();
    }

    /** Runs the action on one record. */
    default ActionResult execute(PluginContext context, Map<String, Object> record, ActionRequest action)
            throws Exception {
        throw new UnsupportedOperationException("this plugin has no actions");
    }

    /** Undoes an earlier action. */
    default ActionResult revert(
            PluginContext context, Map<String, Object> record, ActionRequest action, ActionResult done)
            throws Exception {
        throw new UnsupportedOperationException("this plugin cannot revert actions");
    }
}
