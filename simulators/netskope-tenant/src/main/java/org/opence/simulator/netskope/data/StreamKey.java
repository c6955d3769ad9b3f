package org.opence.simulator.netskope.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One data stream of the tenant: an event type or an alert subtype, named as the API spells it. */
public record StreamKey(Family family, String name) {

    public enum Family {
        EVENTS,
        ALERTS;

        public String path() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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

    /** The {@code alert_type} each subtype carries in its records (and the v1 {@code type} filter). */
    public static final Map<String, String> ALERT_TYPE_NAMES = Map.ofEntries(
            Map.entry("dlp", "DLP"),
            Map.entry("malware", "Malware"),
            Map.entry("policy", "policy"),
            Map.entry("compromisedcredential", "Compromised Credential"),
            Map.entry("malsite", "malsite"),
            Map.entry("quarantine", "Quarantine"),
            Map.entry("remediation", "Remediation"),
            Map.entry("securityassessment", "Security Assessment"),
            Map.entry("watchlist", "Watchlist"),
            Map.entry("uba", "uba"),
            Map.entry("ctep", "ctep"),
            Map.entry("device", "Device"),
            Map.entry("content", "Content"));

    public static Optional<StreamKey> of(Family family, String name) {
        List<String> names = family == Family.EVENTS ? EVENT_TYPES : ALERT_SUBTYPES;
        return names.contains(name) ? Optional.of(new StreamKey(family, name)) : Optional.empty();
    }

    public static List<StreamKey> all() {
        List<StreamKey> keys = new ArrayList<>();
        EVENT_TYPES.forEach(t -> keys.add(new StreamKey(Family.EVENTS, t)));
        ALERT_SUBTYPES.forEach(t -> keys.add(new StreamKey(Family.ALERTS, t)));
        return List.copyOf(keys);
    }

    /** {@code events.page}, {@code alerts.malware}: the key used in configuration and statistics. */
    public String id() {
        return family.path() + "." + name;
    }

    /** The Data Export endpoint path of this stream. */
    public String path() {
        return "/api/v2/events/dataexport/" + family.path() + "/" + name;
    }

    @Override
    public String toString() {
        return id();
    }
}
