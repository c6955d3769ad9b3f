package org.opence.common.plugin.config;

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
import org.opence.common.security.Roles;
import org.opence.plugin.api.ValidationResult;

/**
 * {@code /api/<module>/configurations}, the same in every module service: each service extends this
 * with its own {@code @Path}. Everyone signed in reads; admins change.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class ConfigurationResource {

    private final PluginConfigurations configurations;

    protected ConfigurationResource(PluginConfigurations configurations) {
        this.configurations = configurations;
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "All configurations of this module's plugins (passwords masked)")
    public List<ConfigurationModels.View> list() {
        return configurations.list();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One configuration, with the health of its runs")
    public ConfigurationModels.View get(@PathParam("name") String name) {
        return configurations.get(name);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a configuration; checked against the plugin's fields, then by the plugin")
    public Response create(@Valid @NotNull(message = "a JSON body is required") ConfigurationModels.Form form) {
        return Response.status(201).entity(configurations.create(form)).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a configuration; a password left out keeps the stored one")
    public ConfigurationModels.View update(
            @PathParam("name") String name,
            @Valid @NotNull(message = "a JSON body is required") ConfigurationModels.Form form) {
        return configurations.update(name, form);
    }

    @POST
    @Path("/{name}/enable")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Turn a configuration on")
    public ConfigurationModels.View enable(@PathParam("name") String name) {
        return configurations.setEnabled(name, true);
    }

    @POST
    @Path("/{name}/disable")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Turn a configuration off: it keeps its settings and stops running")
    public ConfigurationModels.View disable(@PathParam("name") String name) {
        return configurations.setEnabled(name, false);
    }

    @POST
    @Path("/{name}/validate")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Ask the plugin to check the stored configuration again")
    public ValidationResult validate(@PathParam("name") String name) {
        return configurations.validate(name);
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a configuration")
    public Response delete(@PathParam("name") String name) {
        configurations.delete(name);
        return Response.noContent().build();
    }
}
