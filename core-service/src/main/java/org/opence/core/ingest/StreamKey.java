package org.opence.core.ingest;

import org.opence.common.ingest.IngestNeeds;
import org.opence.common.ingest.NetskopeDataTypes;

/** One stream of tenant data: a tenant × kind ({@code alerts}/{@code events}) × subtype. */
record StreamKey(String tenant, String kind, String subtype) implements Comparable<StreamKey> {

    static StreamKey of(IngestNeeds.Need need) {
        return new StreamKey(need.tenant(), need.kind(), need.subtype());
    }

    /** Stable id: checkpoint {@code _id}, lease name, thread name. */
    String id() {
        return tenant + ":" + kind + ":" + subtype;
    }

    String routingKey() {
        return NetskopeDataTypes.routingKey(tenant, kind, subtype);
    }

    boolean valid() {
        return NetskopeDataTypes.subtypes(kind).contains(subtype);
    }

    @Override
    public int compareTo(StreamKey o) {
        return id().compareTo(o.id());
    }
}
