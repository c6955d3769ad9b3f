package org.opence.core.ingest;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.opence.common.store.Store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Where each stream stands, in {@code ingest_checkpoints}: the position (v2: whether a page is in
 * flight; v1: the time window, the offset in it and the ids last published), the counters, and the
 * state shown by {@code /api/tenants/{name}/ingest} on any replica.
 */
@ApplicationScoped
public class Checkpoints {

    static final String COLLECTION = "ingest_checkpoints";

    private final MongoCollection<Document> checkpoints;

    public Checkpoints(Store store) {
        this.checkpoints = store.collection(COLLECTION);
    }

    Document load(StreamKey key) {
        Document d = checkpoints.find(Filters.eq("_id", key.id())).first();
        return d == null ? new Document("_id", key.id()) : d;
    }

    List<Document> ofTenant(String tenant) {
        List<Document> all = new ArrayList<>();
        checkpoints.find(Filters.eq("tenant", tenant)).forEach(all::add);
        return all;
    }

    /** Before a v2 call that may move the tenant's position: what we asked for. */
    void inFlight(StreamKey key, String operation, String index) {
        update(key, Updates.set("inFlight", operation), Updates.set("index", index));
    }

    /** The call was refused before the tenant handed anything (429): nothing is in flight. */
    void notInFlight(StreamKey key) {
        update(key, Updates.set("inFlight", null));
    }

    /** A page is on the bus (confirmed): the position moves, the counters grow. */
    void published(StreamKey key, Page page, Bson... position) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("started", true),
                Updates.set("inFlight", null),
                Updates.inc("records", (long) page.records()),
                Updates.inc("batches", (long) page.batches()),
                Updates.inc("pages", 1L),
                Updates.inc("resentPages", page.resent() ? 1L : 0L),
                Updates.inc("resentRecords", page.resent() ? (long) page.records() : 0L),
                Updates.inc("malformed", (long) page.malformed()),
                Updates.inc("cutPages", page.cut() ? 1L : 0L),
                Updates.set("lastPageAt", new Date()),
                Updates.set("lastPageRecords", page.records()),
                Updates.set("state", "running"),
                Updates.set("lastError", null),
                Updates.set("backoffMillis", 0L)));
        if (page.highWaterMark() != null) {
            updates.add(Updates.set("highWaterMark", page.highWaterMark()));
        }
        updates.add(Updates.set("lagSeconds", page.lagSeconds()));
        updates.addAll(List.of(position));
        update(key, updates.toArray(Bson[]::new));
    }

    /** A page's publish was not confirmed: its records may be on the bus and will come again. */
    void unconfirmed(StreamKey key, int records) {
        update(key, Updates.inc("unconfirmedRecords", (long) records));
    }

    void state(StreamKey key, String state, String lastError, long backoffMillis, String owner) {
        update(
                key,
                Updates.set("state", state),
                Updates.set("lastError", lastError),
                Updates.set("backoffMillis", backoffMillis),
                Updates.set("owner", owner),
                Updates.set("stateAt", new Date()));
    }

    void reset(StreamKey key) {
        checkpoints.deleteOne(Filters.eq("_id", key.id()));
    }

    private void update(StreamKey key, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        all.add(Updates.setOnInsert("tenant", key.tenant()));
        all.add(Updates.setOnInsert("dataType", key.kind()));
        all.add(Updates.setOnInsert("subType", key.subtype()));
        checkpoints.updateOne(Filters.eq("_id", key.id()), Updates.combine(all), new UpdateOptions().upsert(true));
    }

    /** What a published page adds to the counters. */
    record Page(
            int records, int batches, boolean resent, Long highWaterMark, long lagSeconds, int malformed, boolean cut) {

        static Page of(PageTranscoder.Page page, boolean resent, Long highWaterMark, long lagSeconds) {
            return new Page(
                    page.records(),
                    page.batches().size(),
                    resent,
                    highWaterMark,
                    lagSeconds,
                    page.malformed().size(),
                    page.wasCut());
        }
    }
}
