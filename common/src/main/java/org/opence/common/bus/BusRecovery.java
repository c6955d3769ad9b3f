package org.opence.common.bus;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.TopologyRecoveryException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;

/**
 * How a bus connection comes back after the broker restarted or the network broke. The client
 * recovers the connection, its channels, the consumers and this process's own server-named queues
 * (declared on channels that stay open). The durable exchanges, queues and bindings were declared on
 * short-lived channels, which the client's topology recovery cannot use (it logged "Caught an exception
 * when recovering topology … channel is already closed" for each of them, 15 to 33 lines a service):
 * they are left out of it, and {@link BusTopology#redeclare()} declares them again on a channel of the
 * new connection before the consumers come back, so a broker that lost its state gets them all again.
 * What still fails is logged once as a warning that names it, and counted.
 */
public final class BusRecovery {

    private static final Logger LOG = Logger.getLogger(BusRecovery.class);

    private final AtomicLong failures = new AtomicLong();

    /** Sets up automatic recovery on {@code factory}, with the filter and the quiet exception handler. */
    public void configure(ConnectionFactory factory) {
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setTopologyRecoveryFilter(new TopologyRecoveryFilter() {
            @Override
            public boolean filterExchange(RecordedExchange exchange) {
                return false; // every exchange of the bus is durable and declared again by BusTopology
            }

            @Override
            public boolean filterQueue(RecordedQueue queue) {
                return ownOnly(queue);
            }

            @Override
            public boolean filterBinding(RecordedBinding binding) {
                return binding.getDestination().startsWith("amq.gen-");
            }

            @Override
            public boolean filterConsumer(RecordedConsumer consumer) {
                return true;
            }
        });
        factory.setExceptionHandler(new ForgivingExceptionHandler() {
            @Override
            public void handleTopologyRecoveryException(
                    Connection connection, Channel channel, TopologyRecoveryException e) {
                failures.incrementAndGet();
                LOG.warnf(
                        "After the connection to RabbitMQ came back, %s could not be recovered: %s",
                        e.getRecordedEntity() == null ? "a part of the topology" : e.getRecordedEntity(),
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        });
    }

    /** Declares the topology again on every recovery of {@code connection}, before its consumers come back. */
    public void redeclareOnRecovery(Connection connection, BusTopology topology) {
        if (connection instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable r) {
                    LOG.info("The connection to RabbitMQ is back");
                }

                @Override
                public void handleRecoveryStarted(Recoverable r) {
                    LOG.info("The connection to RabbitMQ broke; reconnecting");
                }

                @Override
                public void handleTopologyRecoveryStarted(Recoverable r) {
                    failures.addAndGet(topology.redeclare());
                }
            });
        }
    }

    /** Parts of the topology that could not be declared or recovered again, since start. */
    public long failures() {
        return failures.get();
    }

    /** Queues of this process alone (server-named, exclusive or auto-delete): the client recovers them. */
    private static boolean ownOnly(RecordedQueue queue) {
        return queue.isServerNamed() || queue.isExclusive() || queue.isAutoDelete() || !queue.isDurable();
    }
}
