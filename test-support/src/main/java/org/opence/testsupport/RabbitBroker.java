package org.opence.testsupport;

import java.util.UUID;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The real RabbitMQ broker the tests use, from {@code CE_RABBITMQ_URL} (default the local broker).
 * Tests isolate themselves with a unique name prefix rather than a broker of their own.
 */
public final class RabbitBroker {

    public static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2f";

    private RabbitBroker() {}

    public static String url() {
        String env = System.getenv("CE_RABBITMQ_URL");
        return env == null || env.isBlank() ? DEFAULT_URL : env;
    }

    /** A prefix no other test run uses, e.g. {@code t-3f9a1c.}. */
    public static String uniquePrefix() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /** Opens a connection or fails with a message that says how to start the broker. */
    public static Connection connect(String name) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(url());
            factory.setConnectionTimeout(5000);
            return factory.newConnection(name);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "The tests need a running RabbitMQ at " + url().replaceAll("//[^@]*@", "//")
                            + " (start it with 'rabbitmq-server -detached' or set CE_RABBITMQ_URL): " + e,
                    e);
        }
    }
}
