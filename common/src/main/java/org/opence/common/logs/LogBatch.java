package org.opence.common.logs;

import java.util.List;

/**
 * The payload of a {@code log.entries} event on {@code ce.events} (schema version 1): entries of one
 * service, oldest first. core-service stores them.
 */
public record LogBatch(List<LogEntry> entries) {

    /** Event type and routing key. */
    public static final String EVENT = "log.entries";

    public LogBatch {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
