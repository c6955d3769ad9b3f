package org.opence.gateway.proxy;

import java.util.Map;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.opence.gateway.GatewayTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The route table the gateway builds from its application.properties. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class ConfiguredRoutesTest {

    @Inject
    RouteTable routes;

    @Test
    void shouldSendATenantsIngestToCoreServiceAndTheRestOfTenantsToTenantService() {
        assertThat(owner("/api/tenants/acme/ingest")).isEqualTo("core-service");
        assertThat(owner("/api/tenants/acme/ingest/x")).isEqualTo("core-service");
        assertThat(owner("/api/tenants/acme")).isEqualTo("tenant-service");
        assertThat(owner("/api/tenants/acme/test")).isEqualTo("tenant-service");
        assertThat(owner("/api/tenants")).isEqualTo("tenant-service");
        assertThat(owner("/api/tenants/test")).isEqualTo("tenant-service");
        assertThat(owner("/api/tenants//ingest")).isNotEqualTo("core-service").isEqualTo("tenant-service");
    }

    @Test
    void shouldKeepEveryOtherPrefixWithItsService() {
        Map<String, String> owners = Map.ofEntries(
                Map.entry("/api/auth/login", "tenant-service"),
                Map.entry("/api/users", "tenant-service"),
                Map.entry("/api/settings/proxy", "core-service"),
                Map.entry("/api/plugins", "core-service"),
                Map.entry("/api/logs", "core-service"),
                Map.entry("/api/audit", "core-service"),
                Map.entry("/api/notifications", "core-service"),
                Map.entry("/api/system/status", "core-service"),
                Map.entry("/api/cte/configurations", "cte-service"),
                Map.entry("/api/cto", "cto-service"),
                Map.entry("/api/cre/x", "cre-service"),
                Map.entry("/api/cls", "cls-service"));
        owners.forEach((path, service) -> assertThat(owner(path)).as(path).isEqualTo(service));
        assertThat(routes.match("/api/unknown")).isEmpty();
        assertThat(routes.entries()).hasSize(14);
    }

    private String owner(String path) {
        return routes.match(path).map(RouteTable.Entry::service).orElse(null);
    }
}
