package org.opence.common.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * Subscribes the service's {@link EventListener}s to one durable queue and dispatches by event type.
 * A listener may ask for a family of types with a trailing {@code .#}, e.g. {@code audit.#}.
 */
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
        List<EventListener> targets = new ArrayList<>();
        byType.forEach((pattern, listeners) -> {
            if (matches(pattern, event.type())) {
                targets.addAll(listeners);
            }
        });
        if (targets.isEmpty()) {
            LOG.debugf("No listener for event type %s (id %s); acknowledged without effect", event.type(), event.id());
        }
        for (EventListener listener : targets) {
            listener.on(event);
        }
    }

    /** Exact match, or {@code prefix.#} matching every type that starts with {@code prefix.}. */
    static boolean matches(String pattern, String type) {
        if (pattern.endsWith(".#")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }
}
