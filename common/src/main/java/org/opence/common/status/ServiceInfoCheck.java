package org.opence.common.status;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Puts the service's name, version and instance into its health document, where the system status reads them. */
@Liveness
@ApplicationScoped
public class ServiceInfoCheck implements HealthCheck {

    private final ServiceIdentity identity;

    public ServiceInfoCheck(ServiceIdentity identity) {
        this.identity = identity;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("service")
                .up()
                .withData("name", identity.name())
                .withData("version", identity.version())
                .withData("instance", identity.instance())
                .build();
    }
}
