package org.opence.common.bus;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.opence.common.config.CeConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The service's one connection to RabbitMQ: declares the shared exchanges at start-up, publishes
 * with confirms, and runs consumers with retry and parking. Start-up fails at once, with a message
 * that says how to fix it, when the broker cannot be reached.
 */
@Startup
@ApplicationScoped
public class RabbitBus {

    private static final Logger LOG = Logger.getLogger(RabbitBus.class);

    private final CeConfig config;
    private final BusNames names;
    private final EnvelopeCodec codec;
    private final MeterRegistry meters;
    private final Connection connection;
    private final BusTopology topology;
    private final ConfirmingPublisher publisher;
    private final BusRecovery recovery = new BusRecovery();
    private final List<RetryingConsumer> consumers = new CopyOnWriteArrayList<>();

    public RabbitBus(CeConfig config, ObjectMapper mapper, MeterRegistry meters) {
        this.config = config;
        this.names = BusNames.from(config);
        this.codec = new EnvelopeCodec(mapper);
        this.meters = meters;
        io.micrometer.core.instrument.Gauge.builder(
                        "ce.bus.topology.recovery.failures", recovery, BusRecovery::failures)
                .description("parts of the bus topology not declared again after the connection came back")
                .register(meters);
        this.connection = connect(config, recovery);
        try {
            this.topology = new BusTopology(connection, names, config.bus().queueType());
            recovery.redeclareOnRecovery(connection, topology);
            topology.declareExchanges();
            this.publisher = new ConfirmingPublisher(connection);
        } catch (IOException e) {
            throw new IllegalStateException("Could not declare the bus topology on RabbitMQ: " + e.getMessage(), e);
        }
    }

    static Connection connect(CeConfig config, BusRecovery recovery) {
        String url = config.rabbitmq().url();
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(url);
        } catch (Exception e) {
            throw new IllegalStateException("CE_RABBITMQ_URL is not a valid AMQP URI (" + redact(url)
                    + "); expected e.g. amqp://user:password@host:5672/%2f");
        }
        factory.setConnectionTimeout((int) config.rabbitmq().connectTimeout().toMillis());
        recovery.configure(factory);
        try {
            return factory.newConnection(config.service().name());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot reach RabbitMQ at " + redact(url) + " (" + e.getMessage()
                            + "). Start the broker (e.g. 'rabbitmq-server -detached') or set CE_RABBITMQ_URL to a reachable one.",
                    e);
        }
    }

    /** The URI without its password, for messages and logs. */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url);
            String user = uri.getUserInfo() == null ? "" : uri.getUserInfo().split(":", 2)[0] + "@";
            return uri.getScheme() + "://" + user + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (Exception e) {
            return "<unparseable URI>";
        }
    }

    public BusNames names() {
        return names;
    }

    public String serviceName() {
        return config.service().name();
    }

    /** Parts of the topology that could not be declared or recovered again after a reconnect, since start. */
    public long topologyRecoveryFailures() {
        return recovery.failures();
    }

    public boolean isConnected() {
        return connection.isOpen();
    }

    public String brokerAddress() {
        return connection.getAddress().getHostAddress() + ":" + connection.getPort();
    }

    /**
     * Publishes an envelope; the future completes when the broker confirmed it.
     *
     * @param exchange one of the {@link BusNames} exchange constants (the prefix is added here)
     * @param mandatory fail with {@link UnroutableException} when no queue receives the message
     * @param expirationMillis per-message TTL, or {@code null} for a persistent message that never expires
     */
    public CompletableFuture<Void> publish(
            String exchange, String routingKey, Envelope envelope, boolean mandatory, String expirationMillis) {
        return publisher.publish(
                names.exchange(exchange),
                routingKey,
                mandatory,
                codec.properties(envelope, expirationMillis),
                codec.encode(envelope));
    }

    /**
     * Publishes a body already encoded as an envelope (e.g. a data batch streamed straight into its
     * JSON); the future completes when the broker confirmed it.
     */
    public CompletableFuture<Void> publishEncoded(
            String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        return publisher.publish(names.exchange(exchange), routingKey, false, properties, body);
    }

    /**
     * Consumes the durable queue {@code <service>.<purpose>} bound to {@code exchange} with
     * {@code routingKeys}, with the service's retry policy and prefetch.
     */
    public RetryingConsumer consume(String purpose, String exchange, List<String> routingKeys, MessageHandler handler) {
        String queue = names.queue(config.service().name(), purpose);
        RetryPolicy policy =
                new RetryPolicy(config.bus().retryDelays(), config.bus().maxAttempts());
        try {
            topology.declareConsumerQueue(queue, exchange, routingKeys, policy);
            RetryingConsumer consumer = new RetryingConsumer(
                    connection,
                    queue,
                    names,
                    policy,
                    config.bus().prefetch(),
                    handler,
                    codec,
                    publisher,
                    config.rabbitmq().confirmTimeout(),
                    meters);
            consumers.add(consumer);
            return consumer;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start consuming " + queue + ": " + e.getMessage(), e);
        }
    }

    /**
     * Consumes a private queue of this process (deleted with its connection), for replies. The handler
     * is called for every message; failures are logged, not retried: replies are only useful now.
     */
    public String consumePrivate(String exchange, List<String> routingKeys, MessageHandler handler) {
        try {
            // declared on the consuming channel, which stays open: after a broker restart, automatic
            // recovery declares the (server-named) queue again, binds it and resumes the consumer
            var channel = connection.createChannel();
            String queue = topology.declarePrivateQueue(channel, exchange, routingKeys);
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        try {
                            handler.handle(codec.decode(delivery.getBody()));
                        } catch (Exception e) {
                            LOG.warnf("Ignoring an unusable reply on %s: %s", queue, e.getMessage());
                        }
                    },
                    tag -> {});
            return queue;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a private consumer: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes an encoded message straight into a queue (the default exchange), e.g. a parked batch
     * replayed by an operator; the future completes when the broker confirmed it.
     */
    public CompletableFuture<Void> publishToQueue(String queue, AMQP.BasicProperties properties, byte[] body) {
        return publisher.publish("", queue, true, properties, body);
    }

    /**
     * A channel of the service's connection for a consumer that manages its own acknowledgements
     * (recovered with the connection after a broker restart). The caller closes it.
     */
    public com.rabbitmq.client.Channel openChannel() throws IOException {
        return connection.createChannel();
    }

    public EnvelopeCodec codec() {
        return codec;
    }

    public java.time.Duration confirmTimeout() {
        return config.rabbitmq().confirmTimeout();
    }

    public ParkingLot parkingLot() {
        return new ParkingLot(connection, publisher, config.rabbitmq().confirmTimeout());
    }

    public BusTopology topology() {
        return topology;
    }

    @PreDestroy
    void stop() {
        consumers.forEach(RetryingConsumer::close);
        publisher.close();
        if (config.bus().deleteOnShutdown()) {
            try {
                topology.deleteDeclared();
            } catch (IOException e) {
                LOG.warnf("Could not delete the test topology: %s", e.getMessage());
            }
        }
        try {
            connection.close();
        } catch (Exception e) {
            LOG.debugf(e, "Closing the RabbitMQ connection");
        }
    }
}
