package org.opence.simulator.netskope.control;

import java.util.Locale;

/**
 * A fault for the next {@code count} tenant API calls whose path starts with {@code pathPrefix}: answer
 * with {@code status} ({@code error}), wait {@code delayMillis} before answering ({@code delay}), close
 * the connection without an answer ({@code drop}), or answer a page of records that is damaged
 * ({@code corrupt}, data export and v1 pages only) in the way {@code corruption} names:
 *
 * <ul>
 *   <li>{@code non-objects}: null, a string, a number, a nested array and {@code true} between the
 *       records (before the first, after the one at {@code position}, after the last); no record is
 *       touched
 *   <li>{@code invalid-utf8}: the record at {@code position} holds bytes that are not UTF-8
 *   <li>{@code bad-json}: the record at {@code position} holds {@code NaN}, which JSON does not allow
 *   <li>{@code truncate}: the answer ends half-way through the record at {@code position}, with the HTTP
 *       answer itself complete (a {@code Content-Length} of what was sent)
 * </ul>
 *
 * A fault lets the first {@code after} calls it would hit pass (default 0). A {@code corrupt} fault waits
 * for a page with a record at {@code position} (default 1). The ids of the
 * records a corruption damaged (or cut off) are listed under {@code damaged} in
 * {@code /sim/stats}.
 */
public record FaultRule(
        String kind,
        int count,
        Integer status,
        Long delayMillis,
        String pathPrefix,
        String corruption,
        Integer position,
        Integer after) {

    /** The corruptions a {@code corrupt} fault may name. */
    public static final java.util.List<String> CORRUPTIONS =
            java.util.List.of("non-objects", "invalid-utf8", "bad-json", "truncate");

    public FaultRule {
        kind = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("error") && !kind.equals("delay") && !kind.equals("drop") && !kind.equals("corrupt")) {
            throw new IllegalArgumentException("kind must be error, delay, drop or corrupt");
        }
        if (kind.equals("corrupt")) {
            if (corruption == null || !CORRUPTIONS.contains(corruption)) {
                throw new IllegalArgumentException("corruption must be one of " + String.join(", ", CORRUPTIONS));
            }
            position = position == null ? 1 : position;
            if (position < 0) {
                throw new IllegalArgumentException("position must be 0 or more");
            }
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (kind.equals("error")) {
            status = status == null ? 503 : status;
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP error status (400..599)");
            }
        }
        if (kind.equals("delay") && (delayMillis == null || delayMillis < 1 || delayMillis > 600_000)) {
            throw new IllegalArgumentException("delayMillis must be within 1..600000 for a delay");
        }
        pathPrefix = pathPrefix == null || pathPrefix.isBlank() ? "/api/" : pathPrefix;
        after = after == null ? 0 : after;
        if (after < 0) {
            throw new IllegalArgumentException("after must be 0 or more");
        }
    }
}
