package org.opence.core.system;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.store.Store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

import io.quarkus.runtime.Startup;

/** Creates the installation record on the first start; every later start reads the same one. */
@Startup
@ApplicationScoped
public class InstallationStore {

    static final String COLLECTION = "installation";
    private static final String ID = "installation";

    private final Store store;
    private final Installation installation;

    public InstallationStore(Store store) {
        this.store = store;
        this.installation = loadOrCreate();
    }

    private Installation loadOrCreate() {
        var collection = store.collection(COLLECTION);
        Document existing = collection.find(new Document("_id", ID)).first();
        if (existing == null) {
            Document created = new Document("_id", ID)
                    .append("installationId", UUID.randomUUID().toString())
                    .append("installedAt", Date.from(Instant.now()));
            try {
                collection.insertOne(created);
                existing = created;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // another replica created it first: use theirs
                existing = collection.find(new Document("_id", ID)).first();
            }
        }
        return new Installation(
                existing.getString("installationId"),
                existing.getDate("installedAt").toInstant());
    }

    public Installation installation() {
        return installation;
    }
}
