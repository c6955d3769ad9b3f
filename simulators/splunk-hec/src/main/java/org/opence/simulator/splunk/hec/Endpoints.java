package org.opence.simulator.splunk.hec;

/** The collector's endpoints by the name statistics and faults use for them. */
public final class Endpoints {

    public static final String PREFIX = "/services/collector";
    public static final String EVENT = "event";
    public static final String RAW = "raw";
    public static final String ACK = "ack";
    public static final String HEALTH = "health";

    private Endpoints() {}

    /** {@code event} for {@code /services/collector}, {@code .../event} and {@code .../event/1.0}, and so on. */
    public static String of(String path) {
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        if (rest.isEmpty() || rest.equals("/") || rest.startsWith("/event")) {
            return EVENT;
        }
        if (rest.startsWith("/raw")) {
            return RAW;
        }
        if (rest.startsWith("/ack")) {
            return ACK;
        }
        if (rest.startsWith("/health")) {
            return HEALTH;
        }
        return "other";
    }

    /** Whether the endpoint takes data to index (the ones a busy collector refuses). */
    public static boolean takesData(String endpoint) {
        return endpoint.equals(EVENT) || endpoint.equals(RAW);
    }
}
