package org.opence.common.bus;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Consumes one durable queue with manual acknowledgement and a bounded prefetch. A message is acked
 * only after its handler returned, or after it was safely (confirmed) moved to a delay queue for a
 * retry or to the parking queue; if even that move fails it is requeued. Nothing is dropped.
 */
public final class RetryingConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RetryingConsumer.class);
    private static final int MAX_REASON_LENGTH = 1000;

    private final String queue;
    private final BusNames names;
    private final RetryPolicy policy;
    private final MessageHandler handler;
    private final EnvelopeCodec codec;
    private final ConfirmingPublisher republisher;
    private final Duration confirmTimeout;
    private final Channel channel;
    private String consumerTag;
    private final Counter acked;
    private final Counter retried;
    private final Counter parked;
    private final Counter requeued;

    public RetryingConsumer(
            Connection connection,
            String queue,
            BusNames names,
            RetryPolicy policy,
            int prefetch,
            MessageHandler handler,
            EnvelopeCodec codec,
            ConfirmingPublisher republisher,
            Duration confirmTimeout,
            MeterRegistry meters)
            throws IOException {
        this.queue = queue;
        this.names = names;
        this.policy = policy;
        this.handler = handler;
        this.codec = codec;
        this.republisher = republisher;
        this.confirmTimeout = confirmTimeout;
        this.acked = counter(meters, "acked");
        this.retried = counter(meters, "retried");
        this.parked = counter(meters, "parked");
        this.requeued = counter(meters, "requeued");
        this.channel = connection.createChannel();
        channel.basicQos(prefetch);
        start();
    }

    private synchronized void start() throws IOException {
        consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(
                    String tag, com.rabbitmq.client.Envelope delivery, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                onDelivery(delivery, props, body);
            }
        });
    }

    /**
     * Stops taking messages (e.g. the module was turned off): the ones being handled finish, the rest
     * wait in the durable queue, unacknowledged ones go back to it.
     */
    public synchronized void pause() {
        if (consumerTag == null) {
            return;
        }
        try {
            channel.basicCancel(consumerTag);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            LOG.warnf("Could not pause the consumer of %s: %s", queue, e.getMessage());
        }
        consumerTag = null;
    }

    /** Takes messages again after {@link #pause()}. */
    public synchronized void resume() {
        if (consumerTag != null) {
            return;
        }
        try {
            start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not resume the consumer of " + queue, e);
        }
    }

    public synchronized boolean paused() {
        return consumerTag == null;
    }

    private Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("ce.bus.consumed")
                .description("Messages consumed, by queue and outcome")
                .tag("queue", queue)
                .tag("outcome", outcome)
                .register(meters);
    }

    private void onDelivery(com.rabbitmq.client.Envelope delivery, AMQP.BasicProperties props, byte[] body)
            throws IOException {
        long tag = delivery.getDeliveryTag();
        int failures = attempts(props);
        Envelope envelope;
        try {
            envelope = codec.decode(body);
        } catch (Exception e) {
            moveOrRequeue(tag, delivery, props, body, failures, "unreadable message: " + e.getMessage(), true);
            return;
        }
        try {
            handler.handle(envelope);
            channel.basicAck(tag, false);
            acked.increment();
        } catch (PermanentFailure e) {
            moveOrRequeue(tag, delivery, props, body, failures + 1, e.getMessage(), true);
        } catch (Exception e) {
            int now = failures + 1;
            LOG.debugf(e, "Delivery of %s from %s failed (attempt %d)", envelope.id(), queue, now);
            moveOrRequeue(tag, delivery, props, body, now, describe(e), policy.exhausted(now));
        }
    }

    private void moveOrRequeue(
            long tag,
            com.rabbitmq.client.Envelope delivery,
            AMQP.BasicProperties props,
            byte[] body,
            int failures,
            String reason,
            boolean park)
            throws IOException {
        Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
        headers.put(BusHeaders.ATTEMPTS, failures);
        headers.put(BusHeaders.LAST_ERROR, truncate(reason));
        headers.putIfAbsent(BusHeaders.ORIGINAL_EXCHANGE, delivery.getExchange());
        headers.putIfAbsent(BusHeaders.ORIGINAL_ROUTING_KEY, delivery.getRoutingKey());
        AMQP.BasicProperties moved = props.builder()
                .headers(headers)
                .expiration(null)
                .deliveryMode(2)
                .build();
        String exchange = names.exchange(park ? BusNames.PARKED : BusNames.RETRY);
        String key = park ? queue : BusNames.retryQueue(queue, policy.step(failures));
        try {
            republisher.publish(exchange, key, true, moved, body).get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            channel.basicAck(tag, false);
            if (park) {
                parked.increment();
                LOG.warnf(
                        "Parked message %s from %s after %d failure(s): %s",
                        props.getMessageId(), queue, failures, reason);
            } else {
                retried.increment();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf(e, "Could not move message %s from %s to %s; requeueing it", props.getMessageId(), queue, key);
            requeued.increment();
            channel.basicNack(tag, false, true);
        }
    }

    static int attempts(AMQP.BasicProperties props) {
        Object value = props.getHeaders() == null ? null : props.getHeaders().get(BusHeaders.ATTEMPTS);
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String reason) {
        String r = reason == null ? "unknown" : reason;
        return r.length() <= MAX_REASON_LENGTH ? r : r.substring(0, MAX_REASON_LENGTH) + "…";
    }

    public String queue() {
        return queue;
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (Exception e) {
            LOG.debugf(e, "Closing consumer channel of %s", queue);
        }
    }
}
