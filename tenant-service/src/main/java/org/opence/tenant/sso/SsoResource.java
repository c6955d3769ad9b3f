package org.opence.tenant.sso;

import java.net.URI;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.Roles;
import org.opence.tenant.auth.AuthModels;

/** Single sign-on with OpenID Connect; the flow runs through the gateway, whose address the IdP redirects back to. */
@Path("/api/auth/sso")
@Tag(name = "Single sign-on")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

    private final SsoService sso;

    public SsoResource(SsoService sso) {
        this.sso = sso;
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
    @Operation(summary = "Start an SSO sign-in: redirects the browser to the identity provider")
    public Response start(@Context HttpHeaders headers, @Context UriInfo uri) {
        return Response.seeOther(URI.create(sso.start(callbackUrl(headers, uri))))
                .build();
    }

    @GET
    @Path("/callback")
    @PermitAll
    @Operation(
            summary = "Where the identity provider sends the browser back; answers with the session's tokens",
            description =
                    "The gateway turns the tokens into the browser's session cookies and redirects to the console.")
    public AuthModels.Tokens callback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @QueryParam("error_description") String errorDescription) {
        return sso.callback(code, state, error, errorDescription);
    }

    /** The gateway's public address as the browser sees it (from X-Forwarded-*), plus the callback path. */
    static String callbackUrl(HttpHeaders headers, UriInfo uri) {
        String proto = headers.getHeaderString("X-Forwarded-Proto");
        String host = headers.getHeaderString("X-Forwarded-Host");
        if (proto == null || host == null) {
            URI base = uri.getBaseUri();
            proto = base.getScheme();
            host = base.getAuthority();
        }
        return proto + "://" + host + SsoService.CALLBACK_PATH;
    }
}
