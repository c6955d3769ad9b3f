package org.opence.common.status;

/**
 * The bus round trip behind the system status: core-service publishes {@link #PING} on
 * {@code ce.events}; every service answers with {@link #PONG}.
 */
public final class SystemEvents {
    public static final String PING = "system.ping";
    public static final String PONG = "system.pong";
    /** Pings and pongs expire after this long: a late answer is no answer. */
    public static final String TTL_MILLIS = "10000";

    private SystemEvents() {}

    /** Payload of a ping. */
    public record Ping(String pingId) {}

    /** Payload of a pong: which ping it answers and who answered. */
    public record Pong(String pingId, String service, String version, String instance) {}
}
