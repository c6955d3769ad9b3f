package org.opence.common.store;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.config.CeConfig;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.runtime.Startup;

/**
 * Access to this service's own collections in the shared database. Creates them and their indexes
 * at start-up, and refuses access to a collection the service does not own.
 */
@Startup
@ApplicationScoped
public class Store {

    private static final Logger LOG = Logger.getLogger(Store.class);

    private final MongoDatabase database;
    private final Map<String, CollectionSpec> owned = new LinkedHashMap<>();

    @Inject
    public Store(MongoClient client, CeConfig config, OwnedCollections collections) {
        this(client.getDatabase(config.mongodb().database()), collections);
    }

    Store(MongoDatabase database, OwnedCollections collections) {
        this.database = database;
        for (CollectionSpec spec : collections.collections()) {
            if (owned.put(spec.name(), spec) != null) {
                throw new IllegalStateException("collection " + spec.name() + " is declared twice");
            }
        }
        ensureCollections();
    }

    private void ensureCollections() {
        Set<String> existing = new HashSet<>();
        database.listCollectionNames().into(existing);
        for (CollectionSpec spec : owned.values()) {
            if (!existing.contains(spec.name())) {
                database.createCollection(spec.name());
            }
            MongoCollection<Document> collection = database.getCollection(spec.name());
            for (IndexSpec index : spec.indexes()) {
                collection.createIndex(keys(index), new IndexOptions().unique(index.unique()));
            }
        }
        LOG.debugf("Collections ready: %s", owned.keySet());
    }

    private static org.bson.conversions.Bson keys(IndexSpec index) {
        List<org.bson.conversions.Bson> parts = index.fields().stream()
                .map(f -> f.startsWith("-") ? Indexes.descending(f.substring(1)) : Indexes.ascending(f))
                .toList();
        return parts.size() == 1 ? parts.get(0) : Indexes.compoundIndex(parts);
    }

    /** One of this service's collections; any other name is a programming error. */
    public MongoCollection<Document> collection(String name) {
        if (!owned.containsKey(name)) {
            throw new IllegalArgumentException(
                    "collection '" + name + "' is not owned by this service (owned: " + owned.keySet() + ")");
        }
        return database.getCollection(name);
    }

    public Set<String> ownedNames() {
        return owned.keySet();
    }

    /** Round trip to the database, for checks that need more than the driver's health check. */
    public boolean ping() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
