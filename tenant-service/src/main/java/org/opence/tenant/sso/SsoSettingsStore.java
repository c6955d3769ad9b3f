package org.opence.tenant.sso;

import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.store.Store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/** The one OIDC settings document ({@code sso_settings}); the client secret inside is encrypted. */
@ApplicationScoped
public class SsoSettingsStore {

    private static final String ID = "oidc";

    private final MongoCollection<Document> settings;

    public SsoSettingsStore(Store store) {
        this.settings = store.collection("sso_settings");
    }

    public Optional<Document> load() {
        return Optional.ofNullable(settings.find(Filters.eq("_id", ID)).first());
    }

    public void save(Document doc) {
        doc.put("_id", ID);
        settings.replaceOne(Filters.eq("_id", ID), doc, new ReplaceOptions().upsert(true));
    }

    /** Whether local users other than the built-in admin may sign in with a password. */
    public boolean localLoginAllowed() {
        return load().map(d -> !d.getBoolean("enabled", false) || d.getBoolean("localLoginAllowed", true))
                .orElse(true);
    }
}
