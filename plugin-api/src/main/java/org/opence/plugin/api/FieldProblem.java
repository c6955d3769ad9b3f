package org.opence.plugin.api;

/**
 * One thing wrong with a configuration.
 *
 * @param field the field's key (for a step's field, {@code step.key})
 * @param message what is wrong and what is allowed, for the user
 */
public record FieldProblem(String field, String message) {}
