package org.opence.common.logs;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the platform log (the Logging page), as services write it and as it travels on the
 * bus. Text fields are cut to their limits here, so one runaway message cannot fill a batch.
 *
 * @param time when it happened; the writer sets it when left out
 * @param module {@code core}, {@code cte}, {@code cto}, {@code cre}, {@code cls}, {@code tenant}, ...;
 *     the writer sets its own service's when left out
 * @param plugin plugin id, for entries a plugin wrote
 * @param configuration plugin configuration name, for entries a plugin wrote
 * @param errorCode stable code of an error, documented in docs/error-codes.md (plugins document theirs)
 * @param details what happened, in detail (status codes, the part of an answer that matters)
 * @param resolution what the operator can do about it
 * @param requestId the {@code X-Request-Id} of the API call that caused it, if any
 * @param service the service that wrote it, e.g. {@code cls-service}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEntry(
        Instant time,
        LogLevel level,
        String module,
        String plugin,
        String configuration,
        String message,
        String errorCode,
        String details,
        String resolution,
        String requestId,
        String service) {

    public static final int MAX_MESSAGE = 4_000;
    public static final int MAX_DETAILS = 16_000;
    public static final int MAX_RESOLUTION = 2_000;
    public static final int MAX_NAME = 200;

    public LogEntry {
        Objects.requireNonNull(level, "level");
        message = cut(message == null ? "" : message, MAX_MESSAGE);
        module = cut(module, MAX_NAME);
        plugin = cut(plugin, MAX_NAME);
        configuration = cut(configuration, MAX_NAME);
        errorCode = cut(errorCode, MAX_NAME);
        details = cut(details, MAX_DETAILS);
        resolution = cut(resolution, MAX_RESOLUTION);
        requestId = cut(requestId, MAX_NAME);
        service = cut(service, MAX_NAME);
    }

    /** An entry of this service, now, with only a level and a message. */
    public static LogEntry of(LogLevel level, String message) {
        return new LogEntry(Instant.now(), level, null, null, null, message, null, null, null, null, null);
    }

    /** An error an operator must act on. */
    public static LogEntry error(String errorCode, String message, String details, String resolution) {
        return new LogEntry(
                Instant.now(), LogLevel.error, null, null, null, message, errorCode, details, resolution, null, null);
    }

    /** The same entry with its code, details and resolution. */
    public LogEntry withCode(String errorCode, String details, String resolution) {
        return new LogEntry(
                time,
                level,
                module,
                plugin,
                configuration,
                message,
                errorCode,
                details,
                resolution,
                requestId,
                service);
    }

    /** Fields left out filled in: time now, the writer's module and service, the request id. */
    LogEntry completed(String defaultModule, String defaultService, String currentRequestId) {
        return new LogEntry(
                time == null ? Instant.now() : time,
                level,
                module == null ? defaultModule : module,
                plugin,
                configuration,
                message,
                errorCode,
                details,
                resolution,
                requestId == null ? currentRequestId : requestId,
                service == null ? defaultService : service);
    }

    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
