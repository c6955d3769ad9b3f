package org.opence.common.bus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Declares the exchanges and queues a service uses. Declarations are idempotent, so every service
 * declares what it needs at start-up and no separate provisioning step exists. Everything declared
 * is remembered so that a test run can remove it again.
 */
public final class BusTopology {

    private final Connection connection;
    private final BusNames names;
    private final String queueType;
    private final Set<String> declaredQueues = new LinkedHashSet<>();
    private final Set<String> declaredExchanges = new LinkedHashSet<>();

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
            ch.queueDeclare(parked, true, false, false, durableArgs());
            declaredQueues.add(parked);
            ch.queueBind(parked, names.exchange(BusNames.PARKED), queue);
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
            ch.queueDeclare(queue, true, false, false, durableArgs());
            declaredQueues.add(queue);
            for (String key : routingKeys) {
                ch.queueBind(queue, names.exchange(exchange), key);
            }
            for (int step = 1; step <= policy.delays().size(); step++) {
                String retryQueue = BusNames.retryQueue(queue, step);
                Map<String, Object> args = durableArgs();
                args.put("x-message-ttl", policy.delays().get(step - 1).toMillis());
                args.put("x-dead-letter-exchange", "");
                args.put("x-dead-letter-routing-key", queue);
                ch.queueDeclare(retryQueue, true, false, false, args);
                declaredQueues.add(retryQueue);
                ch.queueBind(retryQueue, names.exchange(BusNames.RETRY), retryQueue);
            }
        });
    }

    /** Removes bindings of a queue (it keeps what it holds). */
    public void unbind(String queue, String exchange, List<String> routingKeys) throws IOException {
        withChannel(ch -> {
            for (String key : routingKeys) {
                ch.queueUnbind(queue, names.exchange(exchange), key);
            }
        });
    }

    /** Deletes a queue and its delay queues, with what they hold. */
    public void deleteWithRetries(String queue, int retrySteps) throws IOException {
        withChannel(ch -> {
            ch.queueDelete(queue);
            for (int step = 1; step <= retrySteps; step++) {
                ch.queueDelete(BusNames.retryQueue(queue, step));
            }
        });
        declaredQueues.remove(queue);
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
        declaredQueues.clear();
        declaredExchanges.clear();
    }

    public List<String> declaredQueues() {
        return new ArrayList<>(declaredQueues);
    }

    private void exchange(Channel ch, String name, BuiltinExchangeType type) throws IOException {
        String full = names.exchange(name);
        ch.exchangeDeclare(full, type, true);
        declaredExchanges.add(full);
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
