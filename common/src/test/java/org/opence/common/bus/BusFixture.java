package org.opence.common.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.opence.testsupport.RabbitBroker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.rabbitmq.client.Connection;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A real broker connection with a name prefix of its own; {@link #close()} removes what it declared. */
final class BusFixture implements AutoCloseable {

    final Connection connection = RabbitBroker.connect("common-bus-test");
    final BusNames names = new BusNames(RabbitBroker.uniquePrefix());
    final BusTopology topology = new BusTopology(connection, names, "classic");
    final EnvelopeCodec codec = new EnvelopeCodec(new ObjectMapper().findAndRegisterModules());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ConfirmingPublisher publisher;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    BusFixture() throws Exception {
        topology.declareExchanges();
        publisher = new ConfirmingPublisher(connection);
    }

    String queue(String purpose) {
        return names.queue("test-service", purpose);
    }

    RetryingConsumer consume(String purpose, String routingKey, RetryPolicy policy, MessageHandler handler)
            throws Exception {
        String queue = queue(purpose);
        topology.declareConsumerQueue(queue, BusNames.EVENTS, List.of(routingKey), policy);
        RetryingConsumer consumer = new RetryingConsumer(
                connection, queue, names, policy, 4, handler, codec, publisher, Duration.ofSeconds(5), meters);
        closeables.add(consumer);
        return consumer;
    }

    void publishEvent(String routingKey, Envelope envelope) throws Exception {
        publisher
                .publish(
                        names.exchange(BusNames.EVENTS),
                        routingKey,
                        true,
                        codec.properties(envelope, null),
                        codec.encode(envelope))
                .get();
    }

    static Envelope event(String type, String text) {
        return Envelope.of(
                type, 1, "test", JsonNodeFactory.instance.objectNode().put("text", text));
    }

    double count(String queue, String outcome) {
        var counter = meters.find("ce.bus.consumed")
                .tag("queue", queue)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        publisher.close();
        topology.deleteDeclared();
        connection.close();
    }
}
