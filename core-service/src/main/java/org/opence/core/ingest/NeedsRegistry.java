package org.opence.core.ingest;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.PermanentFailure;
import org.opence.common.ingest.IngestNeeds;
import org.opence.common.store.Store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * What each module announced it needs from the tenants, kept in core-service's store: a module that
 * is down keeps its needs, so its durable queues keep filling and it catches up when it is back.
 */
@ApplicationScoped
public class NeedsRegistry implements EventListener {

    static final String COLLECTION = "ingest_needs";

    private final MongoCollection<Document> needs;
    private final ObjectMapper mapper;

    public NeedsRegistry(Store store, ObjectMapper mapper) {
        this.needs = store.collection(COLLECTION);
        this.mapper = mapper;
    }

    @Override
    public List<String> eventTypes() {
        return List.of(IngestNeeds.CHANGED);
    }

    @Override
    public void on(Envelope event) throws Exception {
        var announcement = mapper.treeToValue(event.payload(), IngestNeeds.Announcement.class);
        if (announcement == null || announcement.module() == null || announcement.needs() == null) {
            throw new PermanentFailure("an ingest.needs.changed without module or needs");
        }
        List<Document> list = new ArrayList<>();
        for (IngestNeeds.Need need : announcement.needs()) {
            StreamKey key = StreamKey.of(need);
            if (need.tenant() == null || !key.valid()) {
                continue; // the module validated it; an unknown subtype from a newer module is ignored
            }
            list.add(new Document("tenant", need.tenant())
                    .append("kind", need.kind())
                    .append("subtype", need.subtype()));
        }
        Document current = needs.find(Filters.eq("_id", announcement.module())).first();
        Date at = Date.from(announcement.at() == null ? event.time() : announcement.at());
        if (current != null
                && current.getDate("at") != null
                && current.getDate("at").after(at)) {
            return; // an older announcement delivered late
        }
        needs.replaceOne(
                Filters.eq("_id", announcement.module()),
                new Document("_id", announcement.module()).append("needs", list).append("at", at),
                new ReplaceOptions().upsert(true));
    }

    /** Every stream some module needs, with the modules that need it. */
    Map<StreamKey, Set<String>> streams() {
        Map<StreamKey, Set<String>> streams = new TreeMap<>();
        needs.find().forEach(d -> {
            for (Document n : d.getList("needs", Document.class, List.of())) {
                streams.computeIfAbsent(
                                new StreamKey(n.getString("tenant"), n.getString("kind"), n.getString("subtype")),
                                k -> new TreeSet<>())
                        .add(d.getString("_id"));
            }
        });
        return streams;
    }
}
