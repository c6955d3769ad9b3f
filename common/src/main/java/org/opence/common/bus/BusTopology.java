package org.opence.common.bus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Declares the exchanges and queues a service uses. Declarations are idempotent, so every service
 * declares what it needs at start-up and no separate provisioning step exists. Everything declared
 * is remembered: to declare it again when the connection comes back after a broker restart (a broker
 * that lost its state gets the whole topology again; {@link #redeclare()}), and so that a test run can
 * remove it again.
 *
 * <p>Declarations run on short-lived channels, so the client's own topology recovery, which replays a
 * declaration on the channel that made it, cannot recover them (it logs "channel is already closed"
 * for each): {@link RabbitBus} leaves durable exchanges, queues and their bindings out of it and calls
 * {@link #redeclare()} instead, before the consumers are recovered.
 */
public final class BusTopology {

    private static final Logger LOG = Logger.getLogger(BusTopology.class);

    private record Binding(String queue, String exchange, String routingKey) {}

    private final Connection connection;
    private final BusNames names;
    private final String queueType;
    private final Map<String, BuiltinExchangeType> exchanges = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> queues = new LinkedHashMap<>();
    private final Set<Binding> bindings = new LinkedHashSet<>();

    public BusTopology(Connection connection, BusNames names, String queueType) {
        this.connection = connection;
        this.names = names;
        this.queueType = queueType;
    }

    /** The shared exchanges: {@code ce.data}, {@code ce.events} (topic), {@code ce.retry}, {@code ce.parked} (direct). */
    public void declareExchanges() throws IOException {
        withChannel(ch -> {
            exchange(ch, BusNames.DATA, BuiltinExchangeType.TOPIC);
            exchange(ch, BusNames.EVENTS, BuiltinExchangeType.TOPIC);
            exchange(ch, BusNames.RETRY, BuiltinExchangeType.DIRECT);
            exchange(ch, BusNames.PARKED, BuiltinExchangeType.DIRECT);
        });
    }

    /**
     * A durable consumer queue bound to {@code exchange} with {@code routingKeys}, one delay queue per
     * retry step that dead-letters back into it after its delay, and its parking queue.
     */
    public void declareConsumerQueue(String queue, String exchange, List<String> routingKeys, RetryPolicy policy)
            throws IOException {
        declareQueueWithRetries(queue, exchange, routingKeys, policy);
        withChannel(ch -> {
            String parked = BusNames.parkingQueue(queue);
            queue(ch, parked, durableArgs());
            bind(ch, parked, names.exchange(BusNames.PARKED), queue);
        });
    }

    /**
     * A durable queue bound to {@code exchange} with {@code routingKeys} and its delay queues, without a
     * parking queue: for consumers that park in the store (where operators list, replay and discard
     * single batches).
     */
    public void declareQueueWithRetries(String queue, String exchange, List<String> routingKeys, RetryPolicy policy)
            throws IOException {
        withChannel(ch -> {
            queue(ch, queue, durableArgs());
            for (String key : routingKeys) {
                bind(ch, queue, names.exchange(exchange), key);
            }
            for (int step = 1; step <= policy.delays().size(); step++) {
                String retryQueue = BusNames.retryQueue(queue, step);
                Map<String, Object> args = durableArgs();
                args.put("x-message-ttl", policy.delays().get(step - 1).toMillis());
                args.put("x-dead-letter-exchange", "");
                args.put("x-dead-letter-routing-key", queue);
                queue(ch, retryQueue, args);
                bind(ch, retryQueue, names.exchange(BusNames.RETRY), retryQueue);
            }
        });
    }

    /** Removes bindings of a queue (it keeps what it holds). */
    public void unbind(String queue, String exchange, List<String> routingKeys) throws IOException {
        withChannel(ch -> {
            for (String key : routingKeys) {
                ch.queueUnbind(queue, names.exchange(exchange), key);
                synchronized (this) {
                    bindings.remove(new Binding(queue, names.exchange(exchange), key));
                }
            }
        });
    }

    /** Deletes a queue and its delay queues, with what they hold. */
    public void deleteWithRetries(String queue, int retrySteps) throws IOException {
        withChannel(ch -> {
            ch.queueDelete(queue);
            forget(queue);
            for (int step = 1; step <= retrySteps; step++) {
                ch.queueDelete(BusNames.retryQueue(queue, step));
                forget(BusNames.retryQueue(queue, step));
            }
        });
    }

    /** A queue of this process only (exclusive, deleted with the connection), for replies such as pongs. */
    public String declarePrivateQueue(Channel channel, String exchange, List<String> routingKeys) throws IOException {
        String name = channel.queueDeclare().getQueue();
        for (String key : routingKeys) {
            channel.queueBind(name, names.exchange(exchange), key);
        }
        return name;
    }

    /** Messages waiting in a queue (0 if it does not exist). */
    public long messageCount(String queue) throws IOException {
        long[] count = new long[1];
        try {
            withChannel(ch -> count[0] = ch.queueDeclarePassive(queue).getMessageCount());
        } catch (IOException e) {
            return 0;
        }
        return count[0];
    }

    /** Deletes every queue this instance declared and, when a prefix isolates them, the exchanges too. */
    public void deleteDeclared() throws IOException {
        List<String> declaredQueues = declaredQueues();
        List<String> declaredExchanges;
        synchronized (this) {
            declaredExchanges = new ArrayList<>(exchanges.keySet());
        }
        withChannel(ch -> {
            for (String q : declaredQueues) {
                ch.queueDelete(q);
            }
        });
        if (!names.prefix().isEmpty()) {
            withChannel(ch -> {
                for (String ex : declaredExchanges) {
                    ch.exchangeDelete(ex);
                }
            });
        }
        synchronized (this) {
            queues.clear();
            bindings.clear();
            exchanges.clear();
        }
    }

    public synchronized List<String> declaredQueues() {
        return new ArrayList<>(queues.keySet());
    }

    /**
     * Declares everything declared so far again, each on its own (one that fails is logged and the rest
     * still declared): after a broker restart, before the consumers come back.
     *
     * @return how many declarations failed
     */
    public int redeclare() {
        Map<String, BuiltinExchangeType> ex;
        Map<String, Map<String, Object>> qs;
        List<Binding> bs;
        synchronized (this) {
            ex = new LinkedHashMap<>(exchanges);
            qs = new LinkedHashMap<>(queues);
            bs = new ArrayList<>(bindings);
        }
        List<ChannelWork> work = new ArrayList<>();
        ex.forEach((name, type) -> work.add(ch -> ch.exchangeDeclare(name, type, true)));
        qs.forEach((name, args) -> work.add(ch -> ch.queueDeclare(name, true, false, false, args)));
        bs.forEach(b -> work.add(ch -> ch.queueBind(b.queue(), b.exchange(), b.routingKey())));
        int failed = 0;
        Channel ch = null;
        try {
            for (ChannelWork w : work) {
                try {
                    if (ch == null || !ch.isOpen()) {
                        ch = connection.createChannel();
                    }
                    w.run(ch);
                } catch (IOException | RuntimeException e) {
                    failed++;
                    LOG.warnf("Could not declare part of the bus topology again: %s", e.getMessage());
                }
            }
        } finally {
            if (ch != null && ch.isOpen()) {
                try {
                    ch.close();
                } catch (IOException | TimeoutException | RuntimeException e) {
                    LOG.debugf("closing the declaration channel: %s", e.getMessage());
                }
            }
        }
        LOG.infof(
                "Bus topology declared again after the connection came back: %d exchange(s), %d queue(s),"
                        + " %d binding(s)%s",
                ex.size(), qs.size(), bs.size(), failed == 0 ? "" : ", " + failed + " failed");
        return failed;
    }

    private void exchange(Channel ch, String name, BuiltinExchangeType type) throws IOException {
        String full = names.exchange(name);
        ch.exchangeDeclare(full, type, true);
        synchronized (this) {
            exchanges.put(full, type);
        }
    }

    private void queue(Channel ch, String name, Map<String, Object> args) throws IOException {
        ch.queueDeclare(name, true, false, false, args);
        synchronized (this) {
            queues.put(name, args);
        }
    }

    private void bind(Channel ch, String queue, String exchange, String routingKey) throws IOException {
        ch.queueBind(queue, exchange, routingKey);
        synchronized (this) {
            bindings.add(new Binding(queue, exchange, routingKey));
        }
    }

    private synchronized void forget(String queue) {
        queues.remove(queue);
        bindings.removeIf(b -> b.queue().equals(queue));
    }

    private Map<String, Object> durableArgs() {
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", queueType);
        return args;
    }

    private interface ChannelWork {
        void run(Channel channel) throws IOException;
    }

    private void withChannel(ChannelWork work) throws IOException {
        try (Channel ch = connection.createChannel()) {
            work.run(ch);
        } catch (TimeoutException e) {
            throw new IOException("timed out closing a declaration channel", e);
        }
    }
}
