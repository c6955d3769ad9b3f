package org.opence.cto;

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
class CtoServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "cto-service";
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of("cto_alerts", "cto_tasks", "cto_queues", "cto_configurations", "cto_rules");
    }

    @Override
    protected String readableEndpoint() {
        return "/api/cto/status";
    }
}
