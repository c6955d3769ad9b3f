package org.opence.core.notification;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.error.ProblemException;
import org.opence.common.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;

/** Notifications and banners raised by the services; everyone signed in reads them. */
@Path("/api/notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final Notifications notifications;
    private final SecurityIdentity identity;

    public NotificationResource(Notifications notifications, SecurityIdentity identity) {
        this.notifications = notifications;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "Active notifications, newest first; includeResolved=true adds the resolved ones")
    public List<Notifications.View> list(
            @QueryParam("includeResolved") @DefaultValue("false") boolean includeResolved,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.Invalid.field("limit", "must be 1 to 1000");
        }
        return notifications.list(includeResolved, limit);
    }

    @POST
    @Path("/{key}/clear")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Clear an active notification; it comes back if its cause raises it again")
    public Response clear(@PathParam("key") String key) {
        if (!notifications.clear(key, identity.getPrincipal().getName())) {
            throw new ProblemException.NotFound("No active notification with the key '" + key + "'.");
        }
        return Response.noContent().build();
    }
}
