package org.opence.common.plugin.config;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bodies of {@code /api/<module>/configurations}. */
public final class ConfigurationModels {

    /** Shortest poll interval: 10 seconds. */
    public static final long MIN_POLL_SECONDS = 10;
    /** Longest poll interval: one year. */
    public static final long MAX_POLL_SECONDS = 365L * 24 * 3600;

    private ConfigurationModels() {}

    /**
     * A plugin configuration as the form sends it.
     *
     * @param pollIntervalSeconds how often a pulling plugin runs: 10 s to 1 year (default 300)
     * @param configuration values by field key; a password left out on update keeps the stored one
     */
    public record Form(
            @NotBlank(message = "is required")
            @Pattern(
                    regexp = "[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}",
                    message = "must be 1 to 100 letters, digits, spaces, _ . or -, starting with a letter or digit")
            String name,

            @NotBlank(message = "is required: the id of an installed plugin of this module")
            @Size(max = 100, message = "must be at most 100 characters")
            String pluginId,

            Boolean enabled,
            Long pollIntervalSeconds,

            @Size(max = 200, message = "must have at most 200 fields")
            Map<String, Object> configuration,

            @Valid TenantSource tenantSource) {

        public Form(
                String name,
                String pluginId,
                Boolean enabled,
                Long pollIntervalSeconds,
                Map<String, Object> configuration) {
            this(name, pluginId, enabled, pollIntervalSeconds, configuration, null);
        }
    }

    /**
     * The Netskope tenant data a configuration consumes; core-service's ingest pulls it once for every
     * enabled configuration that names it and publishes it on {@code ce.data}.
     *
     * @param tenant the tenant's name in Open CE
     * @param alerts alert subtypes as the Netskope API spells them (e.g. {@code malware}, {@code malsite})
     * @param events event types (e.g. {@code page}, {@code application})
     */
    public record TenantSource(
            @Size(max = 63, message = "must be at most 63 characters")
            String tenant,

            @Size(max = 50, message = "must list at most 50 subtypes")
            List<String> alerts,

            @Size(max = 50, message = "must list at most 50 types")
            List<String> events) {}

    /** A configuration as shown: password values masked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(
            String name,
            String pluginId,
            String pluginName,
            String pluginVersion,
            boolean enabled,
            long pollIntervalSeconds,
            Map<String, Object> configuration,
            TenantSource tenantSource,
            Health health,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * How its runs go.
     *
     * @param lastRunSummary what the last successful run did, e.g. "pulled 120 indicators"
     * @param runs how many runs were recorded
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(
            Instant lastRunAt,
            Instant lastSuccessAt,
            String lastError,
            boolean healthy,
            String lastRunSummary,
            long runs) {}
}
