package org.opence.cre;

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
class CreServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "cre-service";
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of("cre_entities", "cre_records", "cre_configurations", "cre_rules", "cre_action_log");
    }

    @Override
    protected String readableEndpoint() {
        return "/api/cre/status";
    }
}
