package org.opence.core.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.Roles;

/** The state of the whole suite. */
@Path("/api/system")
@Tag(name = "System")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    private final SystemStatusService status;

    public SystemResource(SystemStatusService status) {
        this.status = status;
    }

    @GET
    @Path("/status")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(
            summary = "Health and version of every service, and a bus round trip through each",
            description = "Probes every service's health endpoint and publishes a system.ping on ce.events that"
                    + " each service must answer; status is UP only when all did.")
    public SystemStatus status() throws InterruptedException {
        return status.measure();
    }
}
