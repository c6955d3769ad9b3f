package org.opence.tenant.sso;

import java.util.List;
import java.util.Map;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bodies of {@code /api/auth/sso}. */
public final class SsoModels {

    private SsoModels() {}

    /**
     * OpenID Connect settings as the super-admin edits them.
     *
     * @param issuer the IdP's issuer URL; its {@code /.well-known/openid-configuration} must be reachable
     * @param clientSecret on update {@code null} keeps the stored one
     * @param scopes requested scopes; {@code openid} is always included
     * @param groupsClaim the ID-token claim that lists the user's groups (e.g. {@code groups}, {@code roles})
     * @param usernameClaim the claim used as the username (default {@code preferred_username}, then {@code email}, {@code sub})
     * @param roleMapping IdP group → role (admin or read-only); users in no mapped group are refused
     * @param localLoginAllowed whether local users other than the built-in admin may still sign in with a password
     */
    public record Settings(
            boolean enabled,

            @NotBlank(message = "is required: the IdP's issuer URL")
            @Size(max = 512, message = "must be at most 512 characters")
            String issuer,

            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters")
            String clientId,

            @Size(max = 1024, message = "must be at most 1024 characters")
            String clientSecret,

            @Size(max = 30, message = "must list at most 30 scopes")
            List<@Size(max = 100) String> scopes,

            @Size(max = 100, message = "must be at most 100 characters")
            String groupsClaim,

            @Size(max = 100, message = "must be at most 100 characters")
            String usernameClaim,

            @Size(max = 200, message = "must map at most 200 groups")
            Map<@Size(max = 255) String, String> roleMapping,

            Boolean localLoginAllowed) {}

    /** The settings as shown: never the client secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(
            boolean enabled,
            String issuer,
            String clientId,
            boolean hasClientSecret,
            List<String> scopes,
            String groupsClaim,
            String usernameClaim,
            Map<String, String> roleMapping,
            boolean localLoginAllowed,
            String callbackPath) {}

    /** What the sign-in page needs to know, without a session. */
    public record Availability(boolean enabled, boolean localLoginAllowed, String startPath) {}

    /** What the issuer to test is. */
    public record IssuerToTest(
            @NotBlank(message = "is required: the IdP's issuer URL")
            @Size(max = 512, message = "must be at most 512 characters")
            String issuer,

            @NotBlank(message = "is required: the client id registered at the IdP")
            @Size(max = 255, message = "must be at most 255 characters")
            String clientId) {}

    /** The issuer works: its endpoints from the discovery document and the signing keys it publishes. */
    public record IssuerTest(
            String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri, int signingKeys) {}
}
