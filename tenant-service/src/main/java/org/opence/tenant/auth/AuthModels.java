package org.opence.tenant.auth;

import java.util.List;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Request and response bodies of {@code /api/auth}. */
public final class AuthModels {

    private AuthModels() {}

    public record Login(
            @NotBlank(message = "is required") @Size(max = 128, message = "must be at most 128 characters")
            String username,

            @NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters")
            String password) {}

    public record Refresh(
            @NotBlank(message = "is required") @Size(max = 512, message = "must be at most 512 characters")
            String refreshToken) {}

    /**
     * Finishing the first sign-in: accept the EULA (the built-in admin) and replace the temporary password.
     */
    public record FirstLogin(
            Boolean acceptEula,

            @NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters")
            String newPassword) {}

    public record ChangePassword(
            @NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters")
            String currentPassword,

            @NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters")
            String newPassword) {}

    /**
     * Tokens for a client. {@code pending} lists what must be done before the access token is good for
     * anything else ({@code eula}, {@code password}). {@code csrfToken} is what a browser holding the
     * session in cookies repeats in {@code X-CSRF-Token} (the gateway moves it into the ce_csrf cookie).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tokens(
            String accessToken,
            String tokenType,
            long expiresIn,
            String refreshToken,
            String username,
            String role,
            List<String> pending,
            String csrfToken) {}

    /**
     * The end of a session. {@code logoutUrl} is set for a single sign-on session when the identity
     * provider offers RP-initiated logout: open it to end the session there too.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoggedOut(String logoutUrl) {}

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
