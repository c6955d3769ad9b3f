package org.opence.common.bus;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The versioned message every service puts on the bus. Consumers read {@code type} and
 * {@code schemaVersion} before the payload, so a payload can evolve without breaking older readers.
 *
 * @param type what the message is, e.g. {@code system.ping} or {@code tenant.alerts.batch}
 * @param schemaVersion version of the payload's schema for this type, starting at 1
 * @param id unique message id; consumers use it to drop duplicates of an at-least-once delivery
 * @param time when the message was created
 * @param source the service that created it
 * @param payload the content, as JSON
 */
public record Envelope(String type, int schemaVersion, String id, Instant time, String source, JsonNode payload) {

    public Envelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more, was " + schemaVersion);
        }
    }

    /** A new message with a random id, created now. */
    public static Envelope of(String type, int schemaVersion, String source, JsonNode payload) {
        return new Envelope(type, schemaVersion, UUID.randomUUID().toString(), Instant.now(), source, payload);
    }
}
