package org.opence.tenant.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.ClientAddresses;
import org.opence.common.security.Roles;
import org.opence.common.security.TokenClaims;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

/** Signing in and out. Only login, refresh and the key set are open without a token. */
@Path("/api/auth")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AuthService auth;
    private final SigningKeys keys;
    private final JsonWebToken token;
    private final ClientAddresses addresses;

    public AuthResource(AuthService auth, SigningKeys keys, JsonWebToken token, ClientAddresses addresses) {
        this.auth = auth;
        this.keys = keys;
        this.token = token;
        this.addresses = addresses;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(
            summary = "Sign in with username and password",
            description = "Returns an access token and a refresh token. With the default admin password the access"
                    + " token is only good for POST /api/auth/first-login (see 'pending'). Repeated failures make"
                    + " further attempts wait (429 with Retry-After), per client address and per account.")
    public AuthModels.Tokens login(
            @Valid @NotNull(message = "a JSON body is required") AuthModels.Login request,
            @Context HttpServerRequest http) {
        return auth.login(request.username(), request.password(), addresses.of(http));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token (once) for a new access token and refresh token")
    public AuthModels.Tokens refresh(@Valid @NotNull(message = "a JSON body is required") AuthModels.Refresh request) {
        return auth.refresh(request.refreshToken());
    }

    @POST
    @Path("/first-login")
    @Authenticated
    @Operation(summary = "Finish the first sign-in: accept the EULA and replace the temporary password")
    public AuthModels.Tokens firstLogin(
            @Valid @NotNull(message = "a JSON body is required") AuthModels.FirstLogin request) {
        return auth.firstLogin(token.getName(), token.getClaim(TokenClaims.SESSION), request);
    }

    @PUT
    @Path("/password")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "Change your own password; your other sessions end")
    public AuthModels.Tokens changePassword(
            @Valid @NotNull(message = "a JSON body is required") AuthModels.ChangePassword request) {
        return auth.changePassword(token.getName(), token.getClaim(TokenClaims.SESSION), request);
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "End this session: its access and refresh tokens stop working in every service",
            description = "204, or 200 with logoutUrl for a single sign-on session whose identity provider offers"
                    + " RP-initiated logout: open that URL to end the session there too.")
    public Response logout() {
        AuthModels.LoggedOut out = auth.logout(token.getClaim(TokenClaims.SESSION));
        return out.logoutUrl() == null
                ? Response.noContent().build()
                : Response.ok(out).build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who the token belongs to, its roles and what is pending")
    public AuthModels.Me me() {
        List<String> roles = new ArrayList<>(token.getGroups());
        roles.sort(null);
        Object pending = token.getClaim(TokenClaims.PENDING);
        List<String> steps = new ArrayList<>();
        if (pending instanceof Iterable<?> it) {
            it.forEach(s -> steps.add(String.valueOf(s).replace("\"", "")));
        }
        return new AuthModels.Me(
                token.getName(),
                token.getClaim(TokenClaims.ROLE),
                roles,
                steps,
                token.getClaim(TokenClaims.AUTH_METHOD));
    }

    @GET
    @Path("/jwks")
    @PermitAll
    @Operation(summary = "The public key that verifies access tokens, as a JSON Web Key Set")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
