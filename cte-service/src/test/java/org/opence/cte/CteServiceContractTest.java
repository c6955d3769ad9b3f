package org.opence.cte;

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
class CteServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "cte-service";
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of("indicators", "cte_tags", "cte_configurations", "cte_rules");
    }

    @Override
    protected String readableEndpoint() {
        return "/api/cte/status";
    }
}
