package org.opence.tenant.netskope;

import java.time.Instant;
import java.util.List;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bodies of {@code /api/tenants}. Tokens go in, never out. */
public final class TenantModels {

    private TenantModels() {}

    /**
     * A Netskope tenant as the form has it.
     *
     * @param name how Open CE calls it (lower case letters, digits, - and _), used in routing keys
     * @param tenantName the tenant's subdomain ({@code acme} for acme.goskope.com) or its full URL
     * @param v1Token legacy token; on update {@code null} keeps the stored one and {@code ""} removes it
     * @param v2Token REST API v2 token, preferred when both are given; same update rules
     * @param initialRangeDays history pulled on the first pull, 1 to 60 days (default 7)
     * @param useSystemProxy whether calls to the tenant go through the proxy of the settings
     */
    public record Form(
            @NotBlank(message = "is required")
            @Pattern(
                    regexp = "[a-z0-9][a-z0-9_-]{0,62}",
                    message = "must be 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit")
            String name,

            @NotBlank(message = "is required: the subdomain (acme for acme.goskope.com) or the tenant's full URL")
            @Size(max = 255, message = "must be at most 255 characters")
            String tenantName,

            @Size(max = 1024, message = "must be at most 1024 characters")
            String v1Token,

            @Size(max = 1024, message = "must be at most 1024 characters")
            String v2Token,

            @Min(value = 1, message = "must be 1 to 60 days") @Max(value = 60, message = "must be 1 to 60 days")
            Integer initialRangeDays,

            Boolean useSystemProxy) {}

    /** A tenant as shown: which tokens are set, never the tokens. */
    public record View(
            String name,
            String tenantName,
            String baseUrl,
            boolean hasV1Token,
            boolean hasV2Token,
            String api,
            int initialRangeDays,
            boolean useSystemProxy,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * One token's connection test.
     *
     * @param token v1 or v2
     * @param stage where it stopped: ok, dns, connect, tls, timeout, auth, scope, http
     * @param detail what happened, in words
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String token, boolean ok, String stage, String detail) {}

    /** The whole test: ok only when every given token works. */
    public record TestResult(boolean ok, String baseUrl, List<Check> checks) {}
}
