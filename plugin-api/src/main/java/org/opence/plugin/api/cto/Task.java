package org.opence.plugin.api.cto;

import java.time.Instant;

/**
 * A ticket in the destination system.
 *
 * @param id the destination's id of the ticket
 * @param status its state, mapped to Open CE's
 * @param link a URL to open it
 * @param updatedAt when the destination last changed it
 */
public record Task(String id, TaskStatus status, String link, Instant updatedAt) {}
