package org.opence.plugin.api.cte;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A threat indicator as a source plugin reports it; the platform deduplicates, ages and shares it.
 *
 * @param value the hash, URL, address or name
 * @param type what kind of value it is (checked: an MD5 is 32 hex digits, a SHA-256 64)
 * @param severity how bad its source says it is
 * @param reputation 1 (worst) to 10 (best), 5 when unknown
 * @param tags free labels
 * @param firstSeen when the source first saw it (null: now)
 * @param lastSeen when the source last saw it (null: now)
 * @param comments free text
 * @param extendedInformation a link to more about it at the source
 */
public record Indicator(
        String value,
        IndicatorType type,
        Severity severity,
        int reputation,
        List<String> tags,
        Instant firstSeen,
        Instant lastSeen,
        String comments,
        String extendedInformation) {

    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public Indicator {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an indicator needs a value");
        }
        value = value.trim();
        if (type == IndicatorType.MD5 && !MD5.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an MD5 (32 hexadecimal digits)");
        }
        if (type == IndicatorType.SHA256 && !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a SHA-256 (64 hexadecimal digits)");
        }
        if (reputation < 1 || reputation > 10) {
            throw new IllegalArgumentException("reputation must be 1 to 10, was " + reputation);
        }
        severity = severity == null ? Severity.UNKNOWN : severity;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An indicator with default severity, reputation 5 and no tags. */
    public static Indicator of(String value, IndicatorType type) {
        return new Indicator(value, type, Severity.UNKNOWN, 5, List.of(), null, null, null, null);
    }
}
