package org.opence.common.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.opence.testsupport.RabbitBroker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bus connection that breaks (a TCP relay written here cuts it, as a failing network or a broker
 * restart would) comes back with its topology: durable exchanges, queues and bindings declared again
 * by {@link BusTopology#redeclare()} (so even a broker that lost them has them again), consumers
 * resumed, and not one topology recovery failure (the client's own recovery failed on every durable
 * declaration, which had been made on a channel closed long before).
 */
class TopologyRecoveryTest {

    @Test
    void shouldComeBackWithItsTopologyWhenTheConnectionBreaksEvenIfTheBrokerLostIt() throws Exception {
        try (Relay relay = new Relay(5672);
                Connection admin = RabbitBroker.connect("recovery-admin")) {
            // Given a bus connection through the relay, with a consumer queue bound to ce.events
            BusRecovery recovery = new BusRecovery();
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri("amqp://guest:guest@127.0.0.1:" + relay.port() + "/%2f");
            factory.setNetworkRecoveryInterval(200);
            recovery.configure(factory);
            Connection connection = factory.newConnection("recovery-test");
            BusNames names = new BusNames(RabbitBroker.uniquePrefix());
            BusTopology topology = new BusTopology(connection, names, "classic");
            recovery.redeclareOnRecovery(connection, topology);
            CountDownLatch recovered = new CountDownLatch(1);
            ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable r) {
                    recovered.countDown();
                }

                @Override
                public void handleRecoveryStarted(Recoverable r) {}
            });
            try {
                topology.declareExchanges();
                String queue = names.queue("test-service", "recovery");
                topology.declareConsumerQueue(
                        queue,
                        BusNames.EVENTS,
                        List.of("recovery.ping"),
                        new RetryPolicy(List.of(java.time.Duration.ofSeconds(1)), 2));
                BlockingQueue<String> received = new LinkedBlockingQueue<>();
                var channel = connection.createChannel();
                channel.basicConsume(
                        queue,
                        true,
                        (tag, delivery) -> received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
                        tag -> {});
                try (var adminChannel = admin.createChannel()) {
                    adminChannel.basicPublish(
                            names.exchange(BusNames.EVENTS), "recovery.ping", null, "before".getBytes());
                    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("before");

                    // When the broker loses the exchange (and with it the binding) and the network breaks
                    adminChannel.exchangeDelete(names.exchange(BusNames.EVENTS));
                    relay.cut();
                    assertThat(recovered.await(20, TimeUnit.SECONDS))
                            .as("recovered")
                            .isTrue();

                    // Then the exchange and the binding are back, the consumer receives, and nothing failed
                    adminChannel.exchangeDeclarePassive(names.exchange(BusNames.EVENTS));
                    adminChannel.basicPublish(
                            names.exchange(BusNames.EVENTS), "recovery.ping", null, "after".getBytes());
                    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
                }
                assertThat(recovery.failures()).isZero();
                assertThat(relay.connections())
                        .as("connections through the relay")
                        .isGreaterThanOrEqualTo(2);
            } finally {
                topology.deleteDeclared();
                connection.abort();
            }
        }
    }

    /** Relays TCP to the broker; {@link #cut()} closes every relayed connection, both ways, at once. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final int target;
        private volatile int accepted;

        Relay(int target) throws IOException {
            this.target = target;
            Thread acceptor = new Thread(this::accept, "relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted;
        }

        void cut() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket broker = new Socket("127.0.0.1", target);
                    sockets.add(client);
                    sockets.add(broker);
                    accepted++;
                    pipe(client, broker);
                    pipe(broker, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(
                    () -> {
                        byte[] buffer = new byte[16 * 1024];
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            int n;
                            while ((n = in.read(buffer)) > 0) {
                                out.write(buffer, 0, n);
                                out.flush();
                            }
                        } catch (IOException e) {
                            // cut, or closed by the other side
                        } finally {
                            try {
                                to.close();
                            } catch (IOException ignored) {
                                // already closed
                            }
                        }
                    },
                    "relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            cut();
            server.close();
        }
    }
}
