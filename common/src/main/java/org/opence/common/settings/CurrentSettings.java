package org.opence.common.settings;

import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.status.ServiceIdentity;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;

/**
 * The settings as this process applies them. Every instance listens on a private queue, so each
 * replica of each service gets every {@code settings.changed}; at start-up it asks core-service for
 * them. Until an answer arrives the defaults hold (modules on, no proxy, certificate checks on).
 */
@Startup
@ApplicationScoped
public class CurrentSettings {

    private static final Logger LOG = Logger.getLogger(CurrentSettings.class);

    private final ObjectMapper mapper;
    private final Event<SettingsApplied> applied;
    private volatile PlatformSettings current = PlatformSettings.defaults();
    private volatile boolean received;

    public CurrentSettings(
            RabbitBus bus, ObjectMapper mapper, Event<SettingsApplied> applied, ServiceIdentity identity) {
        this.mapper = mapper;
        this.applied = applied;
        bus.consumePrivate(BusNames.EVENTS, List.of(SettingsEvents.CHANGED), this::on);
        try {
            bus.publish(
                    BusNames.EVENTS,
                    SettingsEvents.REQUEST,
                    Envelope.of(
                            SettingsEvents.REQUEST,
                            1,
                            identity.name(),
                            mapper.valueToTree(Map.of("service", identity.name()))),
                    false,
                    null);
        } catch (RuntimeException e) {
            LOG.warnf("Could not ask for the settings: %s; they arrive with the next change", e.getMessage());
        }
    }

    void on(Envelope event) throws Exception {
        PlatformSettings next = mapper.treeToValue(event.payload(), PlatformSettings.class);
        if (next == null || next.modules() == null) {
            LOG.warnf("Ignoring settings.changed %s without settings", event.id());
            return;
        }
        PlatformSettings previous = received ? current : null;
        current = next;
        received = true;
        applied.fire(new SettingsApplied(previous, next));
    }

    public PlatformSettings get() {
        return current;
    }

    /** Whether settings from core-service arrived (false: the defaults hold). */
    public boolean received() {
        return received;
    }
}
