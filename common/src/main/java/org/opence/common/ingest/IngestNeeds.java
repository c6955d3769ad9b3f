package org.opence.common.ingest;

import java.time.Instant;
import java.util.List;

/**
 * What tenant data a module needs, announced on {@code ce.events} so core-service's ingest pulls
 * exactly that: each tenant × kind × subtype once, whatever number of modules use it.
 */
public final class IngestNeeds {

    /** A module's whole set of needs; replaces what it announced before. */
    public static final String CHANGED = "ingest.needs.changed";
    /** core-service asks every module to announce its needs again (at its start-up). */
    public static final String REQUEST = "ingest.needs.request";

    private IngestNeeds() {}

    /**
     * One stream of tenant data.
     *
     * @param tenant the tenant's name in Open CE
     * @param kind {@code alerts} or {@code events}
     * @param subtype an alert subtype or event type as the Netskope API spells it
     */
    public record Need(String tenant, String kind, String subtype) {}

    /** The payload of {@link #CHANGED}. */
    public record Announcement(String module, List<Need> needs, Instant at) {}
}
