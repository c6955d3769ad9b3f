package org.opence.core.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.audit.AuditEntry;
import org.opence.common.error.ProblemException;
import org.opence.common.security.Roles;

/** The audit trail of every change in the suite; admins and the super-admin read it. */
@Path("/api/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditStore store;

    public AuditResource(AuditStore store) {
        this.store = store;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Audit entries, newest first; filter by action prefix, actor, target and time range")
    public List<AuditEntry> list(
            @QueryParam("action") String action,
            @QueryParam("actor") String actor,
            @QueryParam("target") String target,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.Invalid.field("limit", "must be 1 to 1000");
        }
        return store.find(
                new AuditStore.AuditQuery(action, actor, target, instant("from", from), instant("to", to), limit));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.Invalid.field(field, "must be an ISO-8601 instant, e.g. 2026-11-27T05:00:00Z");
        }
    }
}
