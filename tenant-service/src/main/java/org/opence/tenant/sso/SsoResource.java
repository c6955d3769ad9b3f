package org.opence.tenant.sso;

import java.net.URI;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.ClientAddresses;
import org.opence.common.security.Roles;
import org.opence.tenant.auth.AuthModels;

import io.vertx.core.http.HttpServerRequest;

/** Single sign-on with OpenID Connect; the flow runs through the gateway, whose address the IdP redirects back to. */
@Path("/api/auth/sso")
@Tag(name = "Single sign-on")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

    /** The header the gateway fills with the {@code ce_sso} cookie of the browser (cookies stay at the gateway). */
    public static final String BINDING_HEADER = "X-CE-SSO-Binding";

    private final SsoSettingsService sso;
    private final SsoSignIn signIn;
    private final ClientAddresses addresses;

    public SsoResource(SsoSettingsService sso, SsoSignIn signIn, ClientAddresses addresses) {
        this.sso = sso;
        this.signIn = signIn;
        this.addresses = addresses;
    }

    @GET
    @PermitAll
    @Operation(summary = "Whether SSO is on and local sign-in allowed (for the sign-in page)")
    public SsoModels.Availability availability() {
        return sso.availability();
    }

    @GET
    @Path("/settings")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Operation(summary = "The OIDC settings (never the client secret)")
    public SsoModels.View settings() {
        return sso.view();
    }

    @PUT
    @Path("/settings")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the OIDC settings; turning SSO on checks the issuer's discovery document")
    public SsoModels.View update(@Valid @NotNull(message = "a JSON body is required") SsoModels.Settings settings) {
        return sso.update(settings);
    }

    @POST
    @Path("/test")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Test an issuer before saving: reads its discovery document and key set",
            description = "400 with the problem on 'issuer' when the IdP cannot be used; nothing is saved")
    public SsoModels.IssuerTest test(
            @Valid @NotNull(message = "a JSON body is required") SsoModels.IssuerToTest issuer) {
        return sso.test(issuer);
    }

    @GET
    @Path("/start")
    @PermitAll
    @Operation(
            summary = "Start an SSO sign-in: redirects the browser to the identity provider",
            description = "Sets the ce_sso cookie that binds the sign-in to this browser; 429 when one address"
                    + " starts too many sign-ins a minute.")
    public Response start(@Context HttpServerRequest http) {
        SsoSignIn.Started started = signIn.start(addresses.of(http));
        NewCookie binding = new NewCookie.Builder(SsoSignIn.BINDING_COOKIE)
                .value(started.binding())
                .path("/api/auth/sso")
                .maxAge((int) started.lifetime().toSeconds())
                .secure(true)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        return Response.seeOther(URI.create(started.authorizationUrl()))
                .cookie(binding)
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/callback")
    @PermitAll
    @Operation(
            summary = "Where the identity provider sends the browser back; answers with the session's tokens",
            description = "Needs the browser's ce_sso cookie (the gateway passes it as " + BINDING_HEADER + ")."
                    + " The gateway turns the tokens into the browser's session cookies and redirects to the console.")
    public AuthModels.Tokens callback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @QueryParam("error_description") String errorDescription,
            @HeaderParam(BINDING_HEADER) String binding) {
        return signIn.callback(code, state, error, errorDescription, binding);
    }
}
