package org.opence.plugin.api.cto;

/**
 * How one field of the ticket is filled: from an alert field, or from a message with
 * {@code $placeholders} of alert fields.
 *
 * @param destinationField the ticket's field
 * @param sourceField the alert field to copy, or null when {@code template} is used
 * @param template text with {@code $field} placeholders, or null
 */
public record FieldMapping(String destinationField, String sourceField, String template) {}
