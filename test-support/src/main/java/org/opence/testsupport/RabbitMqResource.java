package org.opence.testsupport;

import java.util.Map;

import com.rabbitmq.client.Connection;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at the real local RabbitMQ with a name prefix of its own, short retry
 * delays, and deletion of everything it declared when it stops, so runs never see each other.
 */
public class RabbitMqResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (Connection probe = RabbitBroker.connect("test-probe")) {
            // reachable: the service under test can connect too
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "ce.rabbitmq.url", RabbitBroker.url(),
                "ce.bus.prefix", RabbitBroker.uniquePrefix(),
                "ce.bus.delete-on-shutdown", "true",
                "ce.bus.retry-delays", "100ms,200ms",
                "ce.bus.max-attempts", "3");
    }

    @Override
    public void stop() {}
}
