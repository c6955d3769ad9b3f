package org.opence.tenant;

import java.util.List;
import java.util.Set;

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
class TenantServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "tenant-service";
    }

    @Override
    protected List<String> ownedCollections() {
        return List.of("users", "api_tokens", "sessions", "tenants");
    }

    @Override
    protected String readableEndpoint() {
        return "/api/auth/me";
    }

    @Override
    protected Set<String> publicEndpoints() {
        return Set.of(
                "POST /api/auth/login",
                "POST /api/auth/refresh",
                "GET /api/auth/jwks",
                "GET /api/auth/sso",
                "GET /api/auth/sso/start",
                "GET /api/auth/sso/callback",
                "POST /api/auth/token");
    }

    @Override
    protected Set<String> selfServiceEndpoints() {
        return Set.of("POST /api/auth/logout", "POST /api/auth/first-login", "PUT /api/auth/password");
    }

    @Override
    protected Set<String> firstLoginEndpoints() {
        return Set.of("POST /api/auth/logout", "POST /api/auth/first-login", "GET /api/auth/me");
    }
}
