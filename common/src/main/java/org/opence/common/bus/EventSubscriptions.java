package org.opence.common.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/** Subscribes the service's {@link EventListener}s to one durable queue and dispatches by event type. */
@Startup
@ApplicationScoped
public class EventSubscriptions {

    private static final Logger LOG = Logger.getLogger(EventSubscriptions.class);

    private final Map<String, List<EventListener>> byType = new HashMap<>();

    public EventSubscriptions(RabbitBus bus, Instance<EventListener> listeners) {
        for (EventListener listener : listeners) {
            for (String type : listener.eventTypes()) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(listener);
            }
        }
        if (!byType.isEmpty()) {
            bus.consume("events", BusNames.EVENTS, List.copyOf(byType.keySet()), this::dispatch);
        }
    }

    private void dispatch(Envelope event) throws Exception {
        List<EventListener> targets = byType.getOrDefault(event.type(), List.of());
        if (targets.isEmpty()) {
            LOG.debugf("No listener for event type %s (id %s); acknowledged without effect", event.type(), event.id());
        }
        for (EventListener listener : targets) {
            listener.on(event);
        }
    }
}
