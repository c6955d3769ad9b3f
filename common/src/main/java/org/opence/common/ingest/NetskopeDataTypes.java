package org.opence.common.ingest;

import java.util.ArrayList;
import java.util.List;

import org.opence.common.error.Problem;

/**
 * The data a Netskope tenant exports through its Data Export iterator, as the API spells it: event
 * types under {@code /api/v2/events/dataexport/events/{type}} and alert subtypes under
 * {@code /api/v2/events/dataexport/alerts/{subtype}}.
 */
public final class NetskopeDataTypes {

    public static final String ALERTS = "alerts";
    public static final String EVENTS = "events";

    public static final List<String> EVENT_TYPES = List.of(
            "alert", "application", "audit", "connection", "incident", "infrastructure", "network", "page", "endpoint");

    public static final List<String> ALERT_SUBTYPES = List.of(
            "dlp",
            "malware",
            "policy",
            "compromisedcredential",
            "malsite",
            "quarantine",
            "remediation",
            "securityassessment",
            "watchlist",
            "uba",
            "ctep",
            "device",
            "content");

    private NetskopeDataTypes() {}

    /** The subtypes of a kind ({@code alerts} or {@code events}); empty for anything else. */
    public static List<String> subtypes(String kind) {
        return switch (kind == null ? "" : kind) {
            case ALERTS -> ALERT_SUBTYPES;
            case EVENTS -> EVENT_TYPES;
            default -> List.of();
        };
    }

    /**
     * One error per unknown subtype in {@code given}, named {@code <prefix><kind>[i]}, e.g.
     * {@code source.alerts[1]: 'viruses' is not one of dlp, malware, ...}.
     */
    public static List<Problem.FieldError> unknownSubtypes(String prefix, String kind, List<String> given) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> allowed = subtypes(kind);
        for (int i = 0; given != null && i < given.size(); i++) {
            if (!allowed.contains(given.get(i))) {
                errors.add(new Problem.FieldError(
                        prefix + kind + "[" + i + "]",
                        "'" + given.get(i) + "' is not one of " + String.join(", ", allowed)));
            }
        }
        return errors;
    }

    /** The routing key on {@code ce.data} of a tenant's batches of one kind and subtype. */
    public static String routingKey(String tenant, String kind, String subtype) {
        return "tenant." + tenant + "." + kind + "." + subtype;
    }
}
