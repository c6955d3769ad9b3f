package org.opence.tenant.auth;

import java.util.List;
import jakarta.validation.constraints.NotBlank;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Request and response bodies of {@code /api/auth}. */
public final class AuthModels {

    private AuthModels() {}

    public record Login(
            @NotBlank(message = "is required") String username,
            @NotBlank(message = "is required") String password) {}

    public record Refresh(@NotBlank(message = "is required") String refreshToken) {}

    /**
     * Finishing the first sign-in: accept the EULA (the built-in admin) and replace the temporary password.
     */
    public record FirstLogin(
            Boolean acceptEula,
            @NotBlank(message = "is required") String newPassword) {}

    public record ChangePassword(
            @NotBlank(message = "is required") String currentPassword,
            @NotBlank(message = "is required") String newPassword) {}

    /**
     * Tokens for a client. {@code pending} lists what must be done before the access token is good for
     * anything else ({@code eula}, {@code password}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tokens(
            String accessToken,
            String tokenType,
            long expiresIn,
            String refreshToken,
            String username,
            String role,
            List<String> pending) {}

    /** OAuth 2.0 token response (RFC 6749 §5.1) for the client-credentials exchange of API tokens. */
    public record OAuthToken(
            @com.fasterxml.jackson.annotation.JsonProperty("access_token")
            String accessToken,

            @com.fasterxml.jackson.annotation.JsonProperty("token_type")
            String tokenType,

            @com.fasterxml.jackson.annotation.JsonProperty("expires_in")
            long expiresIn) {}

    /** Who the caller is, from its token. */
    public record Me(String username, String role, List<String> roles, List<String> pending, String method) {}
}
