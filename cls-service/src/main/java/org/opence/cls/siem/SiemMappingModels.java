package org.opence.cls.siem;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** Bodies of {@code /api/cls/siem-mappings}. */
public final class SiemMappingModels {

    private SiemMappingModels() {}

    /**
     * What a SIEM mapping takes from the tenant.
     *
     * @param tenant the tenant's name in Open CE
     * @param alerts alert subtypes (e.g. malware); empty for none
     * @param events event types (e.g. page); empty for none
     */
    public record Source(String tenant, List<String> alerts, List<String> events) {}

    /**
     * A SIEM mapping: tenant data → one or more destination configurations, filtered by a rule,
     * written with a mapping file.
     *
     * @param rule a Mongo-style query on the records ({@code {"severity": {"$in": ["high"]}}}); null sends all
     * @param mappingFile the mapping file's name (a shipped default or the user's)
     * @param destinations names of CLS configurations (destination plugins)
     * @param retry what happens to records a destination does not take (default: limited, 20 attempts)
     * @param mute records not to send for a while (null: none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SiemMapping(
            String name,
            Source source,
            JsonNode rule,
            String mappingFile,
            List<String> destinations,
            Boolean enabled,
            Retry retry,
            Mute mute,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * A mute: until {@code until}, records that match {@code rule} (all records when it is null) are
     * not sent; they are counted as muted. After that time delivery goes on by itself.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mute(Instant until, JsonNode rule, String reason) {}

    /**
     * What happens to records a destination could not take: retried with growing delays, for ever
     * ({@code infinite}) or until {@code maxAttempts} failed deliveries, then parked ({@code limited}).
     * Parked records are kept, listed and can be replayed or discarded; nothing is dropped.
     */
    public record Retry(String strategy, Integer maxAttempts) {
        public static final String LIMITED = "limited";
        public static final String INFINITE = "infinite";
        public static final int DEFAULT_MAX_ATTEMPTS = 20;
        public static final Retry DEFAULT = new Retry(LIMITED, DEFAULT_MAX_ATTEMPTS);

        /** Failed deliveries before parking; -1 for ever. */
        public int attemptsBeforeParking() {
            return INFINITE.equals(strategy) ? -1 : maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        }
    }
}
