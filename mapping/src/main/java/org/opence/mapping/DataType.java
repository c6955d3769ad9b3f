package org.opence.mapping;

import java.util.List;
import java.util.Optional;

/**
 * The two Netskope data families a mapping file covers, each with the subtypes the Data Export API
 * spells (alert subtypes and event types).
 */
public enum DataType {
    ALERTS(
            "alerts",
            List.of(
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
                    "content")),
    EVENTS(
            "events",
            List.of(
                    "alert",
                    "application",
                    "audit",
                    "connection",
                    "incident",
                    "infrastructure",
                    "network",
                    "page",
                    "endpoint"));

    /** The subtype key that matches every subtype of a data type without a mapping of its own. */
    public static final String ANY_SUBTYPE = "*";

    private final String key;
    private final List<String> subtypes;

    DataType(String key, List<String> subtypes) {
        this.key = key;
        this.subtypes = subtypes;
    }

    /** The name in mapping files and routing keys: {@code alerts} or {@code events}. */
    public String key() {
        return key;
    }

    /** The known subtypes, in the order of the Netskope API documentation. */
    public List<String> subtypes() {
        return subtypes;
    }

    /** Whether {@code subtype} is a known subtype of this type or {@link #ANY_SUBTYPE}. */
    public boolean accepts(String subtype) {
        return ANY_SUBTYPE.equals(subtype) || subtypes.contains(subtype);
    }

    public static Optional<DataType> fromKey(String key) {
        for (DataType type : values()) {
            if (type.key.equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
