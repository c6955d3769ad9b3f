package org.opence.cre;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.store.CollectionSpec;
import org.opence.common.store.IndexSpec;
import org.opence.common.store.OwnedCollections;

/** The collections cre-service owns in the shared database; no other service touches them. */
@ApplicationScoped
public class CreCollections implements OwnedCollections {

    @Override
    public List<CollectionSpec> collections() {
        return List.of(
                CollectionSpec.of("cre_leases"),
                CollectionSpec.of("cre_entities", IndexSpec.unique("name")),
                CollectionSpec.of("cre_records", IndexSpec.on("entity", "-updatedAt")),
                CollectionSpec.of("cre_configurations", IndexSpec.unique("name")),
                CollectionSpec.of("cre_rules", IndexSpec.unique("name")),
                CollectionSpec.of("cre_action_log", IndexSpec.on("-at")));
    }
}
