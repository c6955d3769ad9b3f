package org.opence.core.audit;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.audit.AuditEntry;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.PermanentFailure;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Stores every {@code audit.*} entry any service publishes. */
@ApplicationScoped
public class AuditListener implements EventListener {

    private final AuditStore store;
    private final ObjectMapper mapper;

    public AuditListener(AuditStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    @Override
    public List<String> eventTypes() {
        return List.of(AuditEntry.EVENT_PREFIX + "#");
    }

    @Override
    public void on(Envelope event) throws Exception {
        AuditEntry entry = mapper.treeToValue(event.payload(), AuditEntry.class);
        if (entry == null || entry.id() == null || entry.at() == null || entry.action() == null) {
            throw new PermanentFailure("an audit entry needs id, at and action");
        }
        store.add(entry);
    }
}
