package org.opence.core;

import java.util.List;

import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.ServiceContractTest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class CoreServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "core-service";
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of(
                "installation",
                "settings",
                "plugins",
                "log_state",
                "log_segments",
                "log_postings",
                "audit",
                "notifications",
                "ingest_checkpoints",
                "core_leases");
    }

    @Override
    protected String readableEndpoint() {
        return "/api/system/status";
    }
}
