package org.opence.common.bus;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * The parking queue of a consumer queue: messages whose retries ran out wait there, with the reason
 * of their last failure, until an operator replays them into the consumer queue or discards them.
 */
public final class ParkingLot {

    private final Connection connection;
    private final ConfirmingPublisher publisher;
    private final Duration confirmTimeout;

    public ParkingLot(Connection connection, ConfirmingPublisher publisher, Duration confirmTimeout) {
        this.connection = connection;
        this.publisher = publisher;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Moves up to {@code max} parked messages back into {@code queue} with their attempt count reset.
     * Each is removed from the parking queue only after the broker confirmed its copy.
     *
     * @return how many were replayed
     */
    public int replay(String queue, int max) throws IOException {
        int moved = 0;
        try (Channel ch = connection.createChannel()) {
            while (moved < max) {
                GetResponse parked = ch.basicGet(BusNames.parkingQueue(queue), false);
                if (parked == null) {
                    break;
                }
                Map<String, Object> headers = new HashMap<>(
                        parked.getProps().getHeaders() == null
                                ? Map.of()
                                : parked.getProps().getHeaders());
                headers.put(BusHeaders.ATTEMPTS, 0);
                AMQP.BasicProperties props =
                        parked.getProps().builder().headers(headers).build();
                try {
                    publisher
                            .publish("", queue, true, props, parked.getBody())
                            .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    ch.basicNack(parked.getEnvelope().getDeliveryTag(), false, true);
                    throw new IOException("replay of a parked message into " + queue + " was not confirmed", e);
                }
                ch.basicAck(parked.getEnvelope().getDeliveryTag(), false);
                moved++;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
        return moved;
    }

    /** Deletes up to {@code max} parked messages of {@code queue}; returns how many. */
    public int discard(String queue, int max) throws IOException {
        int dropped = 0;
        try (Channel ch = connection.createChannel()) {
            while (dropped < max) {
                GetResponse parked = ch.basicGet(BusNames.parkingQueue(queue), false);
                if (parked == null) {
                    break;
                }
                ch.basicAck(parked.getEnvelope().getDeliveryTag(), false);
                dropped++;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
        return dropped;
    }
}
