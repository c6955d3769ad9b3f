package org.opence.simulator.netskope.control;

import java.util.Locale;

/**
 * A fault for the next {@code count} tenant API calls whose path starts with {@code pathPrefix}: answer
 * with {@code status} ({@code error}), wait {@code delayMillis} before answering ({@code delay}), or
 * close the connection without an answer ({@code drop}).
 */
public record FaultRule(String kind, int count, Integer status, Long delayMillis, String pathPrefix) {

    public FaultRule {
        kind = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("error") && !kind.equals("delay") && !kind.equals("drop")) {
            throw new IllegalArgumentException("kind must be error, delay or drop");
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
    }
}
