package org.opence.cls;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.store.CollectionSpec;
import org.opence.common.store.IndexSpec;
import org.opence.common.store.OwnedCollections;

/** The collections cls-service owns in the shared database; no other service touches them. */
@ApplicationScoped
public class ClsCollections implements OwnedCollections {

    @Override
    public List<CollectionSpec> collections() {
        return List.of(
                CollectionSpec.of("cls_leases"),
                CollectionSpec.of("cls_configurations", IndexSpec.unique("name")),
                CollectionSpec.of("cls_mapping_files", IndexSpec.unique("name")),
                CollectionSpec.of("cls_siem_mappings", IndexSpec.unique("name")),
                CollectionSpec.of("cls_delivery"),
                CollectionSpec.of("cls_delivery_stats"),
                CollectionSpec.of("cls_history"),
                CollectionSpec.of("cls_dead_letters", IndexSpec.on("-parkedAt")));
    }
}
