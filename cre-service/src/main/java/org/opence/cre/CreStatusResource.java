package org.opence.cre;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.Roles;
import org.opence.common.settings.ModuleSwitch;
import org.opence.common.status.ModuleStatus;
import org.opence.common.status.ServiceIdentity;

/** The Risk Exchange module's own status. */
@Path("/api/cre")
@Tag(name = "Risk Exchange")
@Produces(MediaType.APPLICATION_JSON)
public class CreStatusResource {

    private final ServiceIdentity identity;
    private final ModuleSwitch moduleSwitch;

    public CreStatusResource(ServiceIdentity identity, ModuleSwitch moduleSwitch) {
        this.identity = identity;
        this.moduleSwitch = moduleSwitch;
    }

    @GET
    @Path("/status")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "The module, its service, version and instance")
    public ModuleStatus status() {
        return ModuleStatus.of("cre", moduleSwitch.on(), identity);
    }
}
