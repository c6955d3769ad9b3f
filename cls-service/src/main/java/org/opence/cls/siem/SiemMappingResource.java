package org.opence.cls.siem;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.Roles;

/** {@code /api/cls/siem-mappings}: tenant data → destinations under a rule; everyone reads, admins change. */
@Path("/api/cls/siem-mappings")
@Tag(name = "Log Shipper")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiemMappingResource {

    private final SiemMappings mappings;
    private final HistoricalPulls history;
    private final io.quarkus.security.identity.SecurityIdentity identity;

    public SiemMappingResource(
            SiemMappings mappings, HistoricalPulls history, io.quarkus.security.identity.SecurityIdentity identity) {
        this.mappings = mappings;
        this.history = history;
        this.identity = identity;
    }

    @POST
    @Path("/{name}/historical-pull")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Pull the mapping's tenant types again between two times (ISO-8601 'from' and 'to', within"
                    + " the last 90 days) and deliver them like live data")
    public Response historicalPull(
            @PathParam("name") String name, @NotNull(message = "a JSON body is required") HistoricalPulls.Request body)
            throws Exception {
        return Response.status(202)
                .entity(history.request(name, body, identity.getPrincipal().getName()))
                .build();
    }

    @GET
    @Path("/{name}/historical-pulls")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "The mapping's historical pulls, newest first, with their progress per type")
    public List<HistoricalPulls.Job> historicalPulls(@PathParam("name") String name) {
        return history.list(name);
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "All SIEM mappings")
    public List<SiemMappingModels.SiemMapping> list() {
        return mappings.list();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One SIEM mapping")
    public SiemMappingModels.SiemMapping get(@PathParam("name") String name) {
        return mappings.get(name);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a SIEM mapping; the tenant data it needs starts being pulled")
    public Response create(@NotNull(message = "a JSON body is required") SiemMappingModels.SiemMapping form) {
        return Response.status(201).entity(mappings.create(form)).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a SIEM mapping")
    public SiemMappingModels.SiemMapping update(
            @PathParam("name") String name,
            @NotNull(message = "a JSON body is required") SiemMappingModels.SiemMapping form) {
        return mappings.update(name, form);
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Delete a SIEM mapping")
    public Response delete(@PathParam("name") String name) {
        mappings.delete(name);
        return Response.noContent().build();
    }
}
