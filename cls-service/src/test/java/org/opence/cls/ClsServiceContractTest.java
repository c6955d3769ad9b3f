package org.opence.cls;

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
class ClsServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "cls-service";
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of(
                "cls_configurations", "cls_mapping_files", "cls_siem_mappings", "cls_delivery", "cls_dead_letters");
    }

    @Override
    protected String readableEndpoint() {
        return "/api/cls/status";
    }
}
