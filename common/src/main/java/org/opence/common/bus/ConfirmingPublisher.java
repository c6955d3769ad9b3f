package org.opence.common.bus;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Publishes on one channel in confirm mode. Each publish returns a future that completes only when
 * the broker has confirmed the message (it is then safe to move a checkpoint or ack the source) and
 * fails when the broker nacks it, returns it as unroutable, or the channel closes first.
 */
public final class ConfirmingPublisher implements AutoCloseable {

    private record Pending(CompletableFuture<Void> future, String messageId) {}

    private final Connection connection;
    private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private final Object publishLock = new Object();
    private volatile Channel channel;

    public ConfirmingPublisher(Connection connection) throws IOException {
        this.connection = connection;
        this.channel = openChannel();
    }

    private Channel openChannel() throws IOException {
        Channel ch = connection.createChannel();
        ch.confirmSelect();
        ch.addConfirmListener(
                (seq, multiple) -> settle(seq, multiple, null),
                (seq, multiple) -> settle(seq, multiple, new IOException("the broker refused (nacked) the message")));
        ch.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
        ch.addShutdownListener(this::failAll);
        return ch;
    }

    /**
     * Publishes and returns a future of the broker's confirm.
     *
     * @param mandatory when true, a message that reaches no queue fails with {@link UnroutableException}
     */
    public CompletableFuture<Void> publish(
            String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties props, byte[] body) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (publishLock) {
            reopenIfClosedByTheBroker();
            long seq = channel.getNextPublishSeqNo();
            pending.put(seq, new Pending(future, props.getMessageId()));
            try {
                channel.basicPublish(exchange, routingKey, mandatory, props, body);
            } catch (IOException | AlreadyClosedException e) {
                pending.remove(seq);
                future.completeExceptionally(e);
            }
        }
        return future;
    }

    /**
     * A channel error (e.g. a publish to a missing exchange) closes the channel for good while the
     * connection stays up; automatic recovery only reopens channels after a connection loss.
     */
    private void reopenIfClosedByTheBroker() {
        if (!channel.isOpen() && connection.isOpen()) {
            try {
                channel = openChannel();
            } catch (IOException | AlreadyClosedException e) {
                // the publish below fails and reports it
            }
        }
    }

    /** Messages published and not yet confirmed. */
    public int outstanding() {
        return pending.size();
    }

    private void settle(long seq, boolean multiple, Exception failure) {
        Map<Long, Pending> settled = multiple ? pending.headMap(seq, true) : singleton(seq);
        for (var entry : Map.copyOf(settled).entrySet()) {
            pending.remove(entry.getKey());
            Pending p = entry.getValue();
            if (failure != null) {
                p.future().completeExceptionally(failure);
            } else if (p.messageId() != null && returned.remove(p.messageId())) {
                p.future().completeExceptionally(new UnroutableException(p.messageId()));
            } else {
                p.future().complete(null);
            }
        }
    }

    private Map<Long, Pending> singleton(long seq) {
        Pending p = pending.get(seq);
        return p == null ? Map.of() : Map.of(seq, p);
    }

    private void failAll(ShutdownSignalException cause) {
        for (Long seq : pending.keySet()) {
            Pending p = pending.remove(seq);
            if (p != null) {
                p.future().completeExceptionally(new IOException("channel closed before the broker confirmed", cause));
            }
        }
        returned.clear();
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | ShutdownSignalException e) {
            // closing anyway; outstanding futures were failed by the shutdown listener
        }
    }
}
