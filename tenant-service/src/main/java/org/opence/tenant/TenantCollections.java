package org.opence.tenant;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.store.CollectionSpec;
import org.opence.common.store.IndexSpec;
import org.opence.common.store.OwnedCollections;

/** The collections tenant-service owns in the shared database; no other service touches them. */
@ApplicationScoped
public class TenantCollections implements OwnedCollections {

    @Override
    public List<CollectionSpec> collections() {
        return List.of(
                CollectionSpec.of("users", IndexSpec.unique("username")),
                CollectionSpec.of("api_tokens", IndexSpec.unique("clientId")),
                CollectionSpec.of("sessions", IndexSpec.on("userId")),
                CollectionSpec.of("tenants", IndexSpec.unique("name")),
                CollectionSpec.of("sso_settings"),
                CollectionSpec.of("sso_flows", IndexSpec.on("createdAt")),
                CollectionSpec.of("signin_throttle", IndexSpec.on("lastFailureAt")));
    }
}
