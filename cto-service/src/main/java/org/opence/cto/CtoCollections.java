package org.opence.cto;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.store.CollectionSpec;
import org.opence.common.store.IndexSpec;
import org.opence.common.store.OwnedCollections;

/** The collections cto-service owns in the shared database; no other service touches them. */
@ApplicationScoped
public class CtoCollections implements OwnedCollections {

    @Override
    public List<CollectionSpec> collections() {
        return List.of(
                CollectionSpec.of("cto_leases"),
                CollectionSpec.of("cto_alerts", IndexSpec.on("-timestamp")),
                CollectionSpec.of("cto_tasks", IndexSpec.on("status")),
                CollectionSpec.of("cto_queues"),
                CollectionSpec.of("cto_configurations", IndexSpec.unique("name")),
                CollectionSpec.of("cto_rules", IndexSpec.unique("name")));
    }
}
