package org.opence.common.status;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opence.common.bus.RabbitBus;

/** Ready only while the RabbitMQ connection is open (it recovers by itself after a broker restart). */
@Readiness
@ApplicationScoped
public class BusHealthCheck implements HealthCheck {

    private final RabbitBus bus;

    public BusHealthCheck(RabbitBus bus) {
        this.bus = bus;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = bus.isConnected();
        var builder = HealthCheckResponse.named("RabbitMQ connection").status(up);
        if (up) {
            builder.withData("broker", bus.brokerAddress());
        }
        return builder.build();
    }
}
