package org.opence.tenant.user;

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

/** Local users; only the super-admin manages them. */
@Path("/api/users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPER_ADMIN)
public class UserResource {

    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @GET
    @Operation(summary = "All users (without password hashes)")
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("/{username}")
    @Operation(summary = "One user")
    public UserView get(@PathParam("username") String username) {
        return users.get(username);
    }

    @POST
    @Operation(summary = "Create a user; the password given is temporary and must be replaced at the first sign-in")
    public Response create(@Valid @NotNull(message = "a JSON body is required") UserRequests.Create request) {
        UserView created = users.create(request);
        return Response.status(201).entity(created).build();
    }

    @PUT
    @Path("/{username}")
    @Operation(summary = "Change a user's role, enable or disable, or set a new temporary password")
    public UserView update(
            @PathParam("username") String username,
            @Valid @NotNull(message = "a JSON body is required") UserRequests.Update request) {
        return users.update(username, request);
    }

    @DELETE
    @Path("/{username}")
    @Operation(summary = "Delete a user and end their sessions")
    public Response delete(@PathParam("username") String username) {
        users.delete(username);
        return Response.noContent().build();
    }
}
