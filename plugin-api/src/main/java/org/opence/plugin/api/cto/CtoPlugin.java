package org.opence.plugin.api.cto;

import java.util.List;

import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.ValidationResult;

/** A Ticket Orchestrator plugin: creates and updates tickets or notifications, and reads their states back. */
public interface CtoPlugin extends Plugin {

    /** Checks one wizard page of the configuration as the user finishes it. */
    default ValidationResult validateStep(PluginContext context, String step) throws Exception {
        return ValidationResult.ok();
    }

    /** Where tickets can go. */
    List<Queue> queues(PluginContext context) throws Exception;

    /** The fields a ticket of this destination has, for the mapping editor. */
    default List<String> availableFields(PluginContext context) throws Exception {
        return List.of();
    }

    /** The mapping a new queue starts with. */
    default List<FieldMapping> defaultMappings(PluginContext context) {
        return List.of();
    }

    /** Creates a ticket for the alert in the queue. */
    Task createTask(PluginContext context, Alert alert, List<FieldMapping> mappings, Queue queue) throws Exception;

    /** Adds a duplicate alert to an existing ticket (deduplication). */
    default Task updateTask(PluginContext context, Task task, Alert alert, Queue queue) throws Exception {
        return task;
    }

    /** The current states of the given tickets. */
    default List<Task> syncStates(PluginContext context, List<Task> tasks) throws Exception {
        return tasks;
    }
}
