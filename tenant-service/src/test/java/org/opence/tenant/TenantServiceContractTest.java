package org.opence.tenant;

import java.util.List;

import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.ServiceContractTest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
class TenantServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "tenant-service";
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of("users", "api_tokens", "sessions", "tenants");
    }
}
