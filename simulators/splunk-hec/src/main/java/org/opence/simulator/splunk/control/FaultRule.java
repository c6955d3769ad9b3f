package org.opence.simulator.splunk.control;

import java.util.Locale;
import java.util.Set;

import org.opence.simulator.splunk.hec.Endpoints;

/**
 * A fault for the next {@code count} collector requests whose path starts with {@code pathPrefix}:
 * <ul>
 *   <li>{@code busy}: data requests (event, raw) answer 503 code 9 "Server is busy", and the health
 *       endpoint answers 503 code 18 while the fault is pending;
 *   <li>{@code error}: answer with {@code status} (default 503) and a HEC body;
 *   <li>{@code delay}: answer only after {@code delayMillis};
 *   <li>{@code drop}: close the connection without an answer;
 *   <li>{@code lose-acks}: accept data requests (200, with an ackId when the token has acknowledgement)
 *       but lose their events: nothing is indexed and the ackId never turns {@code true}.
 * </ul>
 */
public record FaultRule(String kind, int count, Integer status, Long delayMillis, String pathPrefix) {

    static final Set<String> KINDS = Set.of("busy", "error", "delay", "drop", "lose-acks");

    public FaultRule {
        kind = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of busy, error, delay, drop, lose-acks");
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
        pathPrefix = pathPrefix == null || pathPrefix.isBlank() ? Endpoints.PREFIX : pathPrefix;
    }

    /** Whether the fault hits a request to this endpoint (busy and lose-acks only hit data requests). */
    boolean hits(String path, String endpoint) {
        if (!path.startsWith(pathPrefix)) {
            return false;
        }
        return switch (kind) {
            case "busy", "lose-acks" -> Endpoints.takesData(endpoint);
            default -> true;
        };
    }
}
