package org.opence.tenant.netskope;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

/** Netskope tenants: everyone signed in reads, admins change and test. */
@Path("/api/tenants")
@Tag(name = "Netskope tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantService tenants;

    public TenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "All tenants (tokens are never returned; hasV1Token/hasV2Token say which are set)")
    public List<TenantModels.View> list() {
        return tenants.list();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One tenant")
    public TenantModels.View get(@PathParam("name") String name) {
        return tenants.get(name);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a tenant; at least one of v1Token and v2Token (v2 is preferred when both are given)")
    public Response create(@Valid @NotNull(message = "a JSON body is required") TenantModels.Form form) {
        return Response.status(201).entity(tenants.create(form)).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a tenant; a token left out (null) stays as stored, an empty token is removed")
    public TenantModels.View update(
            @PathParam("name") String name,
            @Valid @NotNull(message = "a JSON body is required") TenantModels.Form form) {
        return tenants.update(name, form);
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a tenant")
    public Response delete(@PathParam("name") String name) {
        tenants.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("/{name}/test")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary =
                    "Test the stored tokens of a tenant: says for each token what failed (DNS, TLS, 401, 403 with the scope)")
    public TenantModels.TestResult test(@PathParam("name") String name) {
        return tenants.test(name);
    }

    @POST
    @Path("/test")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Test a tenant form before saving it")
    public TenantModels.TestResult testForm(
            @Valid @NotNull(message = "a JSON body is required") TenantModels.Form form) {
        return tenants.test(form);
    }
}
