package org.opence.core.system;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The state of the whole suite, as the first page of the UI shows it.
 *
 * @param status {@code UP} when every service is healthy and answered on the bus, else {@code DEGRADED}
 * @param summary one sentence for people
 * @param version core-service's version
 * @param installation which installation this is
 * @param checkedAt when this was measured
 * @param services one entry per service of the suite
 */
public record SystemStatus(
        String status,
        String summary,
        String version,
        Installation installation,
        Instant checkedAt,
        List<ServiceStatus> services) {

    /**
     * One service.
     *
     * @param health {@code UP}, {@code DOWN} or {@code UNREACHABLE}
     * @param detail what is wrong, when something is
     * @param checks each health check's status (MongoDB, RabbitMQ, ...)
     * @param bus the bus round trip; absent for services not on the bus (the gateway)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceStatus(
            String name,
            String health,
            String detail,
            String version,
            String instance,
            Map<String, String> checks,
            BusCheck bus) {

        public boolean healthy() {
            return "UP".equals(health) && (bus == null || bus.reached());
        }
    }

    /**
     * Whether a {@code system.ping} published on {@code ce.events} reached the service and its answer came back.
     *
     * @param roundTripMillis time from publishing the ping to receiving this service's pong
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BusCheck(boolean reached, Long roundTripMillis) {}
}
