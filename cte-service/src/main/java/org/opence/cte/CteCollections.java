package org.opence.cte;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.store.CollectionSpec;
import org.opence.common.store.IndexSpec;
import org.opence.common.store.OwnedCollections;

/** The collections cte-service owns in the shared database; no other service touches them. */
@ApplicationScoped
public class CteCollections implements OwnedCollections {

    @Override
    public List<CollectionSpec> collections() {
        return List.of(
                CollectionSpec.of("cte_leases"),
                CollectionSpec.of("indicators", IndexSpec.unique("value", "type"), IndexSpec.on("-lastSeen")),
                CollectionSpec.of("cte_tags", IndexSpec.unique("name")),
                CollectionSpec.of("cte_configurations", IndexSpec.unique("name")),
                CollectionSpec.of("cte_rules", IndexSpec.unique("name")));
    }
}
