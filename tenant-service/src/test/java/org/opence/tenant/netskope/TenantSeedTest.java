package org.opence.tenant.netskope;

import java.nio.file.Files;
import java.nio.file.Path;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitMqResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class TenantSeedTest {

    @Inject
    TenantSeed seed;

    @Inject
    TenantService tenants;

    @Test
    void shouldCreateTheMissingTenantsOnceSkipInvalidOnesAndNeverOverwrite() throws Exception {
        tenants.create(new TenantModels.Form("kept", "kept-original", null, "v2-original", 3, false));
        Path file = Files.createTempFile("seed", ".json");
        Files.writeString(file, """
                {"tenants": [
                  {"name": "seeded", "tenantName": "http://127.0.0.1:8091", "v2Token": "demo-v2-token", "initialRangeDays": 1},
                  {"name": "Bad Name", "tenantName": "x", "v2Token": "t"},
                  {"name": "kept", "tenantName": "kept-changed", "v2Token": "other"}
                ]}""");

        assertThat(seed.seed(file)).isEqualTo(1);
        assertThat(seed.seed(file)).as("a second start creates nothing").isZero();

        var seeded = tenants.get("seeded");
        assertThat(seeded.baseUrl()).isEqualTo("http://127.0.0.1:8091");
        assertThat(seeded.hasV2Token()).isTrue();
        assertThat(seeded.initialRangeDays()).isEqualTo(1);
        assertThat(tenants.get("kept").baseUrl()).isEqualTo("https://kept-original.goskope.com");
        assertThat(tenants.list()).noneMatch(t -> t.name().equals("Bad Name"));
    }

    @Test
    void shouldIgnoreAMissingOrBrokenFile() throws Exception {
        assertThat(seed.seed(Path.of("/nonexistent/seed.json"))).isZero();
        Path broken = Files.createTempFile("seed", ".json");
        Files.writeString(broken, "{not json");
        assertThat(seed.seed(broken)).isZero();
    }
}
