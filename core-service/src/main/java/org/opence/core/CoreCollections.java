package org.opence.core;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.store.CollectionSpec;
import org.opence.common.store.IndexSpec;
import org.opence.common.store.OwnedCollections;

/** The collections core-service owns in the shared database; no other service touches them. */
@ApplicationScoped
public class CoreCollections implements OwnedCollections {

    @Override
    public List<CollectionSpec> collections() {
        return List.of(
                CollectionSpec.of("installation"),
                CollectionSpec.of("settings"),
                CollectionSpec.of("plugins", IndexSpec.unique("pluginId")),
                CollectionSpec.of("plugin_states"),
                // the platform log (org.opence.core.logs): entries in segments of ids, a catalog, postings
                CollectionSpec.of("log_state"),
                CollectionSpec.of("log_segments"),
                CollectionSpec.of("log_postings"),
                CollectionSpec.family("log_entries_"),
                CollectionSpec.family("log_batches_"),
                CollectionSpec.of("audit", IndexSpec.on("-at")),
                CollectionSpec.of("notifications", IndexSpec.on("-createdAt")),
                CollectionSpec.of("ingest_checkpoints", IndexSpec.unique("tenant", "dataType", "subType")),
                CollectionSpec.of("ingest_tenants"),
                CollectionSpec.of("ingest_needs"),
                CollectionSpec.of("ingest_leases"),
                CollectionSpec.of("ingest_history"),
                // elements of tenant pages that were no records, kept with their bytes
                CollectionSpec.of("ingest_malformed", IndexSpec.on("tenant", "-at")),
                CollectionSpec.of("core_leases"));
    }
}
