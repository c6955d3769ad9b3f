package org.opence.common.bus;

import org.opence.common.config.CeConfig;

/**
 * Every exchange and queue name on the bus, in one place. All names carry the configured prefix
 * (empty in production) so that test runs sharing one broker stay apart.
 */
public final class BusNames {

    /** Topic exchange for tenant data batches; routing key {@code tenant.<tenant>.<alerts|events>.<subtype>}. */
    public static final String DATA = "ce.data";
    /** Topic exchange for domain events, e.g. {@code config.cls.configuration.changed}, {@code system.ping}. */
    public static final String EVENTS = "ce.events";
    /** Direct exchange that feeds the delay queues of failed deliveries; routing key = delay queue name. */
    public static final String RETRY = "ce.retry";
    /** Direct exchange that feeds the parking queues; routing key = name of the consumer queue. */
    public static final String PARKED = "ce.parked";

    private final String prefix;

    public BusNames(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public static BusNames from(CeConfig config) {
        return new BusNames(config.bus().prefix().orElse(""));
    }

    public String prefix() {
        return prefix;
    }

    public String exchange(String name) {
        return prefix + name;
    }

    /** The durable queue a service consumes, e.g. {@code cls-service.data}. */
    public String queue(String service, String purpose) {
        return prefix + service + "." + purpose;
    }

    /** The delay queue of step {@code step} (1-based) of a consumer queue. */
    public static String retryQueue(String queue, int step) {
        return queue + ".retry." + step;
    }

    /** The parking queue of a consumer queue: where messages go when retries are exhausted. */
    public static String parkingQueue(String queue) {
        return queue + ".parked";
    }
}
