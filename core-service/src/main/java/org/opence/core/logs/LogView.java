package org.opence.core.logs;

import java.time.Instant;

import org.opence.common.logs.LogLevel;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A stored log entry as the API shows it. Lists leave {@code details} and {@code resolution} out
 * (read one entry for them); {@code hasDetails} says whether there are any.
 *
 * @param id the entry's id, in arrival order; the cursor of paging
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogView(
        String id,
        Instant time,
        LogLevel level,
        String module,
        String plugin,
        String configuration,
        String message,
        String errorCode,
        String details,
        String resolution,
        Boolean hasDetails,
        String requestId,
        String service) {}
