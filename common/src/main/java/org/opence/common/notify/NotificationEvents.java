package org.opence.common.notify;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Raises and resolves operator notifications from any service: published on {@code ce.events} as
 * {@code notification.raised} / {@code notification.resolved}; core-service keeps them, de-duplicated
 * by key (one failing destination raises one notification whose count goes up).
 */
@ApplicationScoped
public class NotificationEvents {

    public static final String RAISED = "notification.raised";
    public static final String RESOLVED = "notification.resolved";
    private static final Logger LOG = Logger.getLogger(NotificationEvents.class);

    private final RabbitBus bus;
    private final ObjectMapper mapper;

    public NotificationEvents(RabbitBus bus, ObjectMapper mapper) {
        this.bus = bus;
        this.mapper = mapper;
    }

    /**
     * @param severity info, warning or error
     * @param banner shown on every page until resolved
     */
    public void raise(String key, String severity, boolean banner, String message) {
        ObjectNode payload = mapper.createObjectNode()
                .put("key", key)
                .put("severity", severity)
                .put("banner", banner)
                .put("message", message);
        send(RAISED, payload);
    }

    public void resolve(String key) {
        send(RESOLVED, mapper.createObjectNode().put("key", key));
    }

    private void send(String type, ObjectNode payload) {
        // best effort: a notification that cannot be published is logged, the work goes on
        bus.publish(BusNames.EVENTS, type, Envelope.of(type, 1, bus.serviceName(), payload), false, null)
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        LOG.warnf(
                                "Could not publish %s %s: %s",
                                type, payload.path("key").asText(), e.getMessage());
                    }
                });
    }
}
