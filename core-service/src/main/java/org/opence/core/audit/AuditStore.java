package org.opence.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.opence.common.audit.AuditEntry;
import org.opence.common.store.Store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/** The {@code audit} collection: one document per entry, keyed by the entry's id so redeliveries are stored once. */
@ApplicationScoped
public class AuditStore {

    static final String COLLECTION = "audit";

    private final MongoCollection<Document> audit;
    private final ObjectMapper mapper;

    public AuditStore(Store store, ObjectMapper mapper) {
        this.audit = store.collection(COLLECTION);
        this.mapper = mapper;
    }

    /** Stores the entry; returns false when it was already there (a redelivery). */
    public boolean add(AuditEntry entry) {
        Document doc = Document.parse(mapper.valueToTree(entry).toString());
        doc.remove("id");
        doc.put("_id", entry.id());
        doc.put("at", Date.from(entry.at()));
        try {
            audit.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Newest first, filtered; {@code before} pages back from an entry's time. */
    public List<AuditEntry> find(AuditQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.action() != null) {
            filters.add(Filters.regex("action", "^" + Pattern.quote(query.action())));
        }
        if (query.actor() != null) {
            filters.add(Filters.eq("actor", query.actor()));
        }
        if (query.target() != null) {
            filters.add(Filters.eq("target", query.target()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte("at", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("at", Date.from(query.to())));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<AuditEntry> entries = new ArrayList<>();
        for (Document d : audit.find(filter).sort(Sorts.descending("at")).limit(query.limit())) {
            entries.add(toEntry(d));
        }
        return entries;
    }

    private AuditEntry toEntry(Document d) {
        Date at = d.getDate("at");
        d.remove("at");
        d.put("id", d.remove("_id"));
        try {
            AuditEntry parsed = mapper.readValue(d.toJson(), AuditEntry.class);
            return new AuditEntry(
                    parsed.id(),
                    at == null ? null : at.toInstant(),
                    parsed.action(),
                    parsed.target(),
                    parsed.actor(),
                    parsed.actorRole(),
                    parsed.from(),
                    parsed.requestId(),
                    parsed.service(),
                    parsed.before(),
                    parsed.after());
        } catch (Exception e) {
            throw new IllegalStateException("unreadable audit entry " + d.get("id"), e);
        }
    }

    /** Query parameters, already validated. */
    public record AuditQuery(String action, String actor, String target, Instant from, Instant to, int limit) {}
}
