package org.opence.plugin.api.cto;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert that a rule turned into a ticket request.
 *
 * @param id the alert's id at its source (kept as a string: some are 64-bit)
 * @param name alert name
 * @param type alert type (dlp, malware, uba, ...)
 * @param user the user concerned, if any
 * @param app the application concerned, if any
 * @param timestamp when it happened
 * @param raw every field of the original record
 */
public record Alert(
        String id, String name, String type, String user, String app, Instant timestamp, Map<String, Object> raw) {
    public Alert {
        Objects.requireNonNull(id, "id");
        raw = raw == null ? Map.of() : Map.copyOf(raw);
    }
}
