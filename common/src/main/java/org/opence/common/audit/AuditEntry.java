package org.opence.common.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change, as the audit trail keeps it.
 *
 * @param id unique; a redelivered entry is stored once
 * @param action what happened, e.g. {@code tenant.created}, {@code user.updated}
 * @param target what it happened to, e.g. {@code tenant:acme}
 * @param actor who did it (username, or {@code api-token:<name>})
 * @param from the client address the gateway saw
 * @param service which service made the change
 * @param before the state before (secrets masked), absent for creations
 * @param after the state after (secrets masked), absent for deletions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(
        String id,
        Instant at,
        String action,
        String target,
        String actor,
        String actorRole,
        String from,
        String requestId,
        String service,
        JsonNode before,
        JsonNode after) {

    /** Routing keys of audit entries on {@code ce.events} start with this. */
    public static final String EVENT_PREFIX = "audit.";
}
