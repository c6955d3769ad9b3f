package org.opence.core.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.error.ProblemException;
import org.opence.common.security.Roles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the pulling of one tenant goes, per data type: served by core-service (which pulls) under the
 * tenant's path; the gateway routes {@code /api/tenants/* /ingest} here.
 */
@Path("/api/tenants/{name}/ingest")
@Tag(name = "Tenant ingest")
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    /** One stream's figures and state. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stream(
            String kind,
            String subtype,
            List<String> neededBy,
            String state,
            long recordsPulled,
            long batchesPublished,
            long pages,
            long resentPages,
            long resentRecords,
            long unconfirmedRecords,
            long malformedElements,
            long cutPages,
            Instant lastPageAt,
            Long highWaterMark,
            Long lagSeconds,
            double backoffSeconds,
            String lastError,
            String pulledBy) {}

    /** The tenant's ingest. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String tenant, String api, boolean paused, String pauseReason, List<Stream> streams) {}

    private final TenantDirectory directory;
    private final Checkpoints checkpoints;
    private final IngestSupervisor supervisor;
    private final MalformedElements malformed;

    public IngestResource(
            TenantDirectory directory,
            Checkpoints checkpoints,
            IngestSupervisor supervisor,
            MalformedElements malformed) {
        this.directory = directory;
        this.checkpoints = checkpoints;
        this.supervisor = supervisor;
        this.malformed = malformed;
    }

    @GET
    @Path("/malformed")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(
            summary = "Elements of the tenant's pages that were no records (null, text, invalid JSON, cut),"
                    + " newest first, with where they stood and why")
    public MalformedElements.Listing malformed(
            @PathParam("name") String name,
            @QueryParam("kind") String kind,
            @QueryParam("subtype") String subtype,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return malformed.list(name, kind, subtype, limit);
    }

    @GET
    @Path("/malformed/{id}")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One element that was no record, with its bytes as they came (escaped text and base64)")
    public MalformedElements.Detail malformedElement(@PathParam("name") String name, @PathParam("id") String id) {
        return malformed.get(name, id);
    }

    @DELETE
    @Path("/malformed/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Discard one kept element (audited)")
    public Map<String, Long> discardElement(@PathParam("name") String name, @PathParam("id") String id) {
        return Map.of("elements", malformed.discard(name, id, null, null));
    }

    @POST
    @Path("/malformed/discard")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Discard the kept elements of the tenant, or of one data type (audited)")
    public Map<String, Long> discardElements(
            @PathParam("name") String name, @QueryParam("kind") String kind, @QueryParam("subtype") String subtype) {
        return Map.of("elements", malformed.discard(name, null, kind, subtype));
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(
            summary =
                    "Per data type of the tenant: records pulled, batches published, last page, lag, backoff, last error")
    public Status status(@PathParam("name") String name) {
        var tenant = directory.find(name);
        Map<StreamKey, Set<String>> wanted = supervisor.wanted();
        Map<String, Document> cps = new TreeMap<>();
        checkpoints.ofTenant(name).forEach(d -> cps.put(d.getString("_id"), d));
        boolean needed = wanted.keySet().stream().anyMatch(k -> k.tenant().equals(name));
        if (tenant.isEmpty() && !needed && cps.isEmpty()) {
            throw new ProblemException.NotFound("No tenant named '" + name + "' is known to the ingest.");
        }
        Map<String, Stream> streams = new TreeMap<>();
        for (var entry : wanted.entrySet()) {
            StreamKey key = entry.getKey();
            if (key.tenant().equals(name)) {
                Document cp = cps.remove(key.id());
                String state = tenant.isEmpty() ? "waiting" : null;
                String error = tenant.isEmpty() ? "no tenant named '" + name + "' is configured" : null;
                streams.put(
                        key.id(), stream(key.kind(), key.subtype(), List.copyOf(entry.getValue()), cp, state, error));
            }
        }
        for (Document cp : cps.values()) {
            streams.put(
                    cp.getString("_id"),
                    stream(cp.getString("dataType"), cp.getString("subType"), List.of(), cp, "idle", null));
        }
        return new Status(
                name,
                tenant.map(TenantDirectory.Tenant::api).orElse(null),
                supervisor.paused(),
                supervisor.pauseReason(),
                new ArrayList<>(streams.values()));
    }

    private static Stream stream(
            String kind, String subtype, List<String> neededBy, Document cp, String forcedState, String forcedError) {
        if (cp == null) {
            cp = new Document();
        }
        String state =
                forcedState != null ? forcedState : cp.getString("state") == null ? "starting" : cp.getString("state");
        if ("idle".equals(forcedState) || neededBy.isEmpty()) {
            state = "idle";
        }
        return new Stream(
                kind,
                subtype,
                neededBy,
                state,
                number(cp, "records"),
                number(cp, "batches"),
                number(cp, "pages"),
                number(cp, "resentPages"),
                number(cp, "resentRecords"),
                number(cp, "unconfirmedRecords"),
                number(cp, "malformed"),
                number(cp, "cutPages"),
                cp.getDate("lastPageAt") == null
                        ? null
                        : cp.getDate("lastPageAt").toInstant(),
                cp.get("highWaterMark") instanceof Number n ? n.longValue() : null,
                cp.get("lagSeconds") instanceof Number n ? n.longValue() : null,
                number(cp, "backoffMillis") / 1000.0,
                forcedError != null ? forcedError : cp.getString("lastError"),
                "idle".equals(state) ? null : cp.getString("owner"));
    }

    private static long number(Document d, String key) {
        return d.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
