package org.opence.simulator.splunk.ack;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.opence.simulator.splunk.config.SimulatorConfig;

/**
 * Indexer acknowledgement: ackIds count from 0 per channel, one per accepted request. An ackId reports
 * {@code true} once {@code ack-delay} has passed since its request, and is then released, so a later
 * query for it answers {@code false} like any unknown id. A request a fault lost never reports
 * {@code true}.
 */
@ApplicationScoped
public class AckRegistry {

    private static final long NEVER = Long.MAX_VALUE;

    private final LongSupplier clockMillis;
    private final long delayMillis;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    @Inject
    public AckRegistry(SimulatorConfig config) {
        this(System::currentTimeMillis, config.ackDelay());
    }

    AckRegistry(LongSupplier clockMillis, Duration delay) {
        this.clockMillis = clockMillis;
        this.delayMillis = delay.toMillis();
    }

    /** The ackId of a request accepted on the channel; {@code lost}: it never becomes {@code true}. */
    public long register(String channel, boolean lost) {
        long readyAt = lost ? NEVER : clockMillis.getAsLong() + delayMillis;
        return channels.computeIfAbsent(channel, c -> new Channel()).register(readyAt);
    }

    /** The status of each ackId, in the order asked, keyed by the id as text (the shape HEC answers). */
    public Map<String, Boolean> query(String channel, List<Long> ackIds) {
        Channel c = channels.get(channel);
        long now = clockMillis.getAsLong();
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Long id : ackIds) {
            out.put(String.valueOf(id), c != null && c.release(id, now));
        }
        return out;
    }

    /** Channels in use and ackIds not yet released, per channel. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        channels.forEach((name, c) -> out.put(name, c.describe()));
        return out;
    }

    public void clear() {
        channels.clear();
    }

    private static final class Channel {
        private long next;
        private final Map<Long, Long> readyAt = new HashMap<>();

        synchronized long register(long ready) {
            long id = next++;
            readyAt.put(id, ready);
            return id;
        }

        synchronized boolean release(long id, long now) {
            Long ready = readyAt.get(id);
            if (ready == null || ready == NEVER || now < ready) {
                return false;
            }
            readyAt.remove(id);
            return true;
        }

        synchronized Map<String, Long> describe() {
            return Map.of("nextAckId", next, "pending", (long) readyAt.size());
        }
    }
}
