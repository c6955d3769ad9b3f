package org.opence.common.store;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * at start-up, and refuses access to a collection the service does not own. Members of a declared
 * family ({@link CollectionSpec#family}) are created when first written, get the family's indexes
 * when first used, and may be listed and dropped.
 */
@Startup
@ApplicationScoped
public class Store {

    private static final Logger LOG = Logger.getLogger(Store.class);

    private final MongoDatabase database;
    private final Map<String, CollectionSpec> owned = new LinkedHashMap<>();
    private final List<CollectionSpec> families;
    private final Set<String> membersReady = ConcurrentHashMap.newKeySet();

    @Inject
    public Store(MongoClient client, CeConfig config, OwnedCollections collections) {
        this(client.getDatabase(config.mongodb().database()), collections);
    }

    /** A store on a database given directly (tools, benchmarks, tests). */
    public Store(MongoDatabase database, OwnedCollections collections) {
        this.database = database;
        for (CollectionSpec spec : collections.collections()) {
            if (owned.put(spec.name(), spec) != null) {
                throw new IllegalStateException("collection " + spec.name() + " is declared twice");
            }
        }
        this.families = owned.values().stream().filter(CollectionSpec::family).toList();
        for (CollectionSpec family : families) {
            for (CollectionSpec spec : owned.values()) {
                if (spec != family && family.covers(spec.name())) {
                    throw new IllegalStateException(
                            "collection " + spec.name() + " would also be a member of the family " + family.name());
                }
            }
        }
        ensureCollections();
    }

    private void ensureCollections() {
        Set<String> existing = new HashSet<>();
        database.listCollectionNames().into(existing);
        for (CollectionSpec spec : owned.values()) {
            if (spec.family()) {
                continue;
            }
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

    /** One of this service's collections, or a member of one of its families; any other name is a programming error. */
    public MongoCollection<Document> collection(String name) {
        CollectionSpec spec = owned.get(name);
        if (spec != null && !spec.family()) {
            return database.getCollection(name);
        }
        CollectionSpec family = familyOf(name);
        MongoCollection<Document> collection = database.getCollection(name);
        if (!family.indexes().isEmpty() && membersReady.add(name)) {
            for (IndexSpec index : family.indexes()) {
                collection.createIndex(keys(index), new IndexOptions().unique(index.unique()));
            }
        }
        return collection;
    }

    /** The members of a declared family that exist now, in no particular order. */
    public List<String> members(String familyPrefix) {
        CollectionSpec family = owned.get(familyPrefix);
        if (family == null || !family.family()) {
            throw new IllegalArgumentException("'" + familyPrefix + "' is not a collection family of this service");
        }
        List<String> names = new java.util.ArrayList<>();
        for (String name : database.listCollectionNames()) {
            if (family.covers(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Drops a member of a family (e.g. an expired time bucket) with its documents and indexes. */
    public void drop(String member) {
        familyOf(member);
        database.getCollection(member).drop();
        membersReady.remove(member);
    }

    private CollectionSpec familyOf(String name) {
        for (CollectionSpec family : families) {
            if (family.covers(name)) {
                return family;
            }
        }
        throw new IllegalArgumentException(
                "collection '" + name + "' is not owned by this service (owned: " + owned.keySet() + ")");
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
