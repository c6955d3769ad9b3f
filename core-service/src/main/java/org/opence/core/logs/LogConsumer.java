package org.opence.core.logs;

import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.PermanentFailure;
import org.opence.common.bus.RabbitBus;
import org.opence.common.logs.LogBatch;
import org.opence.common.logs.LogEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;

/**
 * Stores the {@code log.entries} batches every service publishes. They have a queue of their own,
 * {@code core-service.logs}, so a burst of log entries never delays the other events core-service
 * answers (settings requests, notifications, audit).
 */
@Startup
@ApplicationScoped
public class LogConsumer {

    private static final Logger LOG = Logger.getLogger(LogConsumer.class);

    private final LogStore store;
    private final ObjectMapper mapper;

    public LogConsumer(RabbitBus bus, LogStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
        bus.consume("logs", BusNames.EVENTS, List.of(LogBatch.EVENT), this::handle);
    }

    void handle(Envelope envelope) throws Exception {
        JsonNode list = envelope.payload() == null ? null : envelope.payload().get("entries");
        if (list == null || !list.isArray()) {
            throw new PermanentFailure("a log.entries message needs a payload {entries: [...]}");
        }
        List<LogEntry> entries = new ArrayList<>(list.size());
        int refused = 0;
        for (JsonNode node : list) {
            try {
                LogEntry entry = mapper.treeToValue(node, LogEntry.class);
                entries.add(entry.service() == null ? withService(entry, envelope.source()) : entry);
            } catch (Exception e) {
                refused++; // no level, an unknown level, a malformed time: this entry only
            }
        }
        if (refused > 0) {
            LOG.warnf(
                    "%d of %d log entries from %s were unreadable and not stored",
                    refused, list.size(), envelope.source());
        }
        store.add(envelope.id(), envelope.time(), entries);
    }

    private static LogEntry withService(LogEntry e, String source) {
        return new LogEntry(
                e.time(),
                e.level(),
                e.module(),
                e.plugin(),
                e.configuration(),
                e.message(),
                e.errorCode(),
                e.details(),
                e.resolution(),
                e.requestId(),
                source);
    }
}
