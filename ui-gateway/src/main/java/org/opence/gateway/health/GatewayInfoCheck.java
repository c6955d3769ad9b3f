package org.opence.gateway.health;

import java.lang.management.ManagementFactory;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.opence.gateway.GatewayConfig;

/** Name, version and pid of the gateway in its health document, where the system status reads them. */
@Liveness
@ApplicationScoped
public class GatewayInfoCheck implements HealthCheck {

    private final GatewayConfig config;

    public GatewayInfoCheck(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("service")
                .up()
                .withData("name", "ui-gateway")
                .withData("version", config.version())
                .withData("instance", instance())
                .build();
    }

    /** host/pid, as every other service reports it. */
    private static String instance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
