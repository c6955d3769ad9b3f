package org.opence.core.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.Roles;
import org.opence.common.settings.PlatformSettings;

import io.quarkus.security.identity.SecurityIdentity;

/** The suite's settings: everyone signed in reads them (the proxy password masked); the super-admin changes them. */
@Path("/api/settings")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final SettingsService settings;
    private final SecurityIdentity identity;

    private final ProxyTester proxyTester;

    public SettingsResource(SettingsService settings, SecurityIdentity identity, ProxyTester proxyTester) {
        this.proxyTester = proxyTester;
        this.settings = settings;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "Modules on/off, proxy (password masked), outbound TLS, log level, retention, update check")
    public PlatformSettings get() {
        return settings.view();
    }

    @PUT
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace the settings; every service applies them at once. A proxy password left out"
                    + " (or sent back masked) keeps the stored one; an empty one removes it")
    public PlatformSettings put(@NotNull(message = "a JSON body is required") PlatformSettings form) {
        return settings.update(form, identity);
    }

    @POST
    @Path("/proxy/test")
    @RolesAllowed(Roles.SUPER_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Test a proxy before (or after) saving it: one GET of url through the proxy and TLS choices"
                    + " given (a masked or left-out password is the stored one); ok when the site answered at all")
    public ProxyTester.Result testProxy(@NotNull(message = "a JSON body is required") ProxyTester.Form form) {
        return proxyTester.test(form);
    }
}
