package org.opence.tenant.apitoken;

import java.time.Instant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bodies of {@code /api/auth/api-tokens}. */
public final class ApiTokenModels {

    private ApiTokenModels() {}

    /**
     * @param role admin or read-only
     * @param expiresInDays 1 to 365: every API token expires
     */
    public record Create(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @NotNull(message = "is required; allowed: admin, read-only")
            @Pattern(regexp = "admin|read-only", message = "must be admin or read-only")
            String role,

            @NotNull(message = "is required: 1 to 365 days")
            @Min(value = 1, message = "must be 1 to 365 days")
            @Max(value = 365, message = "must be 1 to 365 days")
            Integer expiresInDays) {}

    /** The new token; {@code clientSecret} is shown this once and cannot be read again. */
    public record Created(
            String clientId, String clientSecret, String name, String role, Instant createdAt, Instant expiresAt) {}

    /** A token as listed: never its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(
            String clientId,
            String name,
            String role,
            String createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt) {}
}
