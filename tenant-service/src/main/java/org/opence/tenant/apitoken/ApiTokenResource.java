package org.opence.tenant.apitoken;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.error.ProblemException;
import org.opence.common.security.Roles;
import org.opence.tenant.auth.AuthModels;

/** API tokens for automation, managed by the super-admin, and the token endpoint that exchanges them. */
@Path("/api/auth")
@Tag(name = "API tokens")
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokenResource {

    private final ApiTokenService tokens;
    private final JsonWebToken caller;

    public ApiTokenResource(ApiTokenService tokens, JsonWebToken caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    @GET
    @Path("/api-tokens")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Operation(summary = "All API tokens (never their secrets)")
    public List<ApiTokenModels.View> list() {
        return tokens.list();
    }

    @POST
    @Path("/api-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Operation(summary = "Create an API token; the secret is in this response only")
    public Response create(@Valid @NotNull(message = "a JSON body is required") ApiTokenModels.Create request) {
        return Response.status(201)
                .entity(tokens.create(request, caller.getName()))
                .build();
    }

    @DELETE
    @Path("/api-tokens/{clientId}")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Operation(summary = "Delete an API token; access tokens obtained with it stop working at once")
    public Response delete(@PathParam("clientId") String clientId) {
        tokens.delete(clientId);
        return Response.noContent().build();
    }

    @POST
    @Path("/token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(
            summary = "OAuth 2.0 client-credentials grant: exchange an API token for an access token",
            description = "Form fields grant_type=client_credentials, client_id, client_secret (or HTTP Basic).")
    public AuthModels.OAuthToken token(
            @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret,
            @HeaderParam("Authorization") String authorization) {
        if (!"client_credentials".equals(grantType)) {
            throw ProblemException.Invalid.field("grant_type", "must be client_credentials");
        }
        if (clientId == null && authorization != null && authorization.startsWith("Basic ")) {
            String[] basic = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            clientId = basic[0];
            clientSecret = basic.length > 1 ? basic[1] : null;
        }
        return tokens.exchange(clientId, clientSecret);
    }
}
