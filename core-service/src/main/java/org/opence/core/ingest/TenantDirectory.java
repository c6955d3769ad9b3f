package org.opence.core.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.PermanentFailure;
import org.opence.common.store.Store;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * core-service's copy of the Netskope tenants, kept from tenant-service's events (tokens stay
 * encrypted under the shared master key), so the ingest never reads another service's collection
 * and keeps pulling while tenant-service restarts.
 */
@ApplicationScoped
public class TenantDirectory implements EventListener {

    static final String COLLECTION = "ingest_tenants";
    static final String CHANGED = "config.tenant.changed";
    static final String SNAPSHOT = "tenant.directory.snapshot";
    static final String REQUEST = "tenant.directory.request";

    /** A tenant as the ingest needs it; tokens are ciphertext. */
    record Tenant(
            String name,
            String baseUrl,
            String v1Token,
            String v2Token,
            int initialRangeDays,
            boolean useSystemProxy,
            Instant updatedAt) {

        String api() {
            return v2Token != null ? "v2" : v1Token != null ? "v1" : "none";
        }
    }

    private final MongoCollection<Document> tenants;

    public TenantDirectory(Store store) {
        this.tenants = store.collection(COLLECTION);
    }

    @Override
    public List<String> eventTypes() {
        return List.of(CHANGED, SNAPSHOT);
    }

    @Override
    public void on(Envelope event) throws Exception {
        JsonNode payload = event.payload();
        if (SNAPSHOT.equals(event.type())) {
            Set<String> names = new HashSet<>();
            for (JsonNode t : payload.path("tenants")) {
                names.add(store(t));
            }
            tenants.deleteMany(Filters.nin("_id", names));
            return;
        }
        String name = payload.path("name").asText(null);
        if (name == null) {
            throw new PermanentFailure("a config.tenant.changed without a name");
        }
        JsonNode tenant = payload.path("tenant");
        if ("deleted".equals(payload.path("action").asText()) || tenant.isNull() || tenant.isMissingNode()) {
            tenants.deleteOne(Filters.eq("_id", name));
        } else {
            store(tenant);
        }
    }

    private String store(JsonNode t) throws PermanentFailure {
        String name = t.path("name").asText(null);
        String baseUrl = t.path("baseUrl").asText(null);
        if (name == null || baseUrl == null) {
            throw new PermanentFailure("a tenant record without name or baseUrl");
        }
        Document doc = new Document("_id", name)
                .append("baseUrl", baseUrl)
                .append("v1Token", text(t, "v1Token"))
                .append("v2Token", text(t, "v2Token"))
                .append("initialRangeDays", t.path("initialRangeDays").asInt(7))
                .append("useSystemProxy", t.path("useSystemProxy").asBoolean(false))
                .append("updatedAt", text(t, "updatedAt"));
        tenants.replaceOne(Filters.eq("_id", name), doc, new ReplaceOptions().upsert(true));
        return name;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    Optional<Tenant> find(String name) {
        return Optional.ofNullable(tenants.find(Filters.eq("_id", name)).first())
                .map(TenantDirectory::tenant);
    }

    List<Tenant> all() {
        List<Tenant> all = new ArrayList<>();
        tenants.find().forEach(d -> all.add(tenant(d)));
        return all;
    }

    private static Tenant tenant(Document d) {
        String updated = d.getString("updatedAt");
        return new Tenant(
                d.getString("_id"),
                d.getString("baseUrl"),
                d.getString("v1Token"),
                d.getString("v2Token"),
                d.getInteger("initialRangeDays", 7),
                d.getBoolean("useSystemProxy", false),
                updated == null ? Instant.EPOCH : Instant.parse(updated));
    }
}
