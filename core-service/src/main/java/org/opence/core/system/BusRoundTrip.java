package org.opence.core.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.status.ServiceIdentity;
import org.opence.common.status.SystemEvents;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Proves the bus works end to end: publishes a {@code system.ping} on {@code ce.events} and collects
 * the {@code system.pong} of each service, with the time each answer took.
 */
@ApplicationScoped
public class BusRoundTrip {

    /** One service's answer. */
    public record Answer(String service, String version, String instance, long roundTripMillis) {}

    private final RabbitBus bus;
    private final ServiceIdentity identity;
    private final ObjectMapper mapper;
    private final Map<String, Collector> inFlight = new ConcurrentHashMap<>();

    public BusRoundTrip(RabbitBus bus, ServiceIdentity identity, ObjectMapper mapper) {
        this.bus = bus;
        this.identity = identity;
        this.mapper = mapper;
        bus.consumePrivate(BusNames.EVENTS, List.of(SystemEvents.PONG), this::onPong);
    }

    private void onPong(Envelope envelope) throws Exception {
        SystemEvents.Pong pong = mapper.treeToValue(envelope.payload(), SystemEvents.Pong.class);
        Collector collector = pong == null ? null : inFlight.get(pong.pingId());
        if (collector != null) {
            collector.add(pong);
        }
    }

    /**
     * Pings every service and waits until all of {@code expected} answered or {@code timeout} passed.
     *
     * @return the answers received, by service name (first answer per service)
     */
    public Map<String, Answer> ping(Set<String> expected, Duration timeout) throws InterruptedException {
        String pingId = UUID.randomUUID().toString();
        Collector collector = new Collector(expected, System.nanoTime());
        inFlight.put(pingId, collector);
        try {
            Envelope ping = Envelope.of(
                    SystemEvents.PING, 1, identity.name(), mapper.valueToTree(new SystemEvents.Ping(pingId)));
            long deadline = System.nanoTime() + timeout.toNanos();
            bus.publish(BusNames.EVENTS, SystemEvents.PING, ping, false, SystemEvents.TTL_MILLIS)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            collector.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            return collector.answers();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return collector.answers();
        } finally {
            inFlight.remove(pingId);
        }
    }

    private static final class Collector {
        private final Set<String> expected;
        private final long startNanos;
        private final Map<String, Answer> answers = new ConcurrentHashMap<>();

        Collector(Set<String> expected, long startNanos) {
            this.expected = expected;
            this.startNanos = startNanos;
        }

        synchronized void add(SystemEvents.Pong pong) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            answers.putIfAbsent(pong.service(), new Answer(pong.service(), pong.version(), pong.instance(), millis));
            notifyAll();
        }

        synchronized void await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!answers.keySet().containsAll(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        Map<String, Answer> answers() {
            return Map.copyOf(answers);
        }
    }
}
