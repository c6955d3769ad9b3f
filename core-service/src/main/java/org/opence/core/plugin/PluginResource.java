package org.opence.core.plugin;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
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
import org.opence.common.error.ProblemException;
import org.opence.common.security.Roles;
import org.opence.core.CoreConfig;

/** The plugin catalogue; everyone signed in reads it, the super-admin uploads and deletes custom plugins. */
@Path("/api/plugins")
@Tag(name = "Plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    private final PluginCatalogue catalogue;
    private final CoreConfig config;

    public PluginResource(PluginCatalogue catalogue, CoreConfig config) {
        this.catalogue = catalogue;
        this.config = config;
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "Every installed plugin, built-in and custom, by module, with its manifest")
    public List<PluginModels.Entry> list() {
        return catalogue.list();
    }

    @POST
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Upload a custom plugin jar (the request body); module services load it without a restart")
    public Response upload(byte[] jar) {
        if (jar != null && jar.length > config.plugins().maxUploadBytes()) {
            throw new ProblemException.Invalid(
                    "The jar has " + jar.length + " bytes; the limit is "
                            + config.plugins().maxUploadBytes() + ".",
                    List.of(new org.opence.common.error.Problem.FieldError(
                            "body", "must be at most " + config.plugins().maxUploadBytes() + " bytes")));
        }
        return Response.status(201)
                .entity(catalogue.upload(jar == null ? new byte[0] : jar))
                .build();
    }

    @PUT
    @Path("/{pluginId}/state")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn a plugin off or on; configurations of a plugin that is off do not run")
    public PluginModels.Entry setState(
            @PathParam("pluginId") String pluginId,
            @jakarta.validation.constraints.NotNull(message = "a JSON body is required") PluginModels.State state) {
        return catalogue.setEnabled(pluginId, state.enabled());
    }

    @DELETE
    @Path("/{pluginId}")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Operation(summary = "Delete a custom plugin; module services unload it")
    public Response delete(@PathParam("pluginId") String pluginId) {
        catalogue.delete(pluginId);
        return Response.noContent().build();
    }
}
