package org.opence.common.bus;

/** AMQP header names Open CE sets on messages. */
public final class BusHeaders {
    /** Schema version of the envelope's payload. */
    public static final String SCHEMA_VERSION = "x-ce-schema-version";
    /** Failed delivery attempts so far. */
    public static final String ATTEMPTS = "x-ce-attempts";
    /** Why the last attempt failed (set on retried and parked messages). */
    public static final String LAST_ERROR = "x-ce-last-error";
    /** Exchange and routing key the message was first published to, kept across retries. */
    public static final String ORIGINAL_EXCHANGE = "x-ce-original-exchange";

    public static final String ORIGINAL_ROUTING_KEY = "x-ce-original-routing-key";

    private BusHeaders() {}
}
