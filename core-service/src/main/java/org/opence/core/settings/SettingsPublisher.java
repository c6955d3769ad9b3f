package org.opence.core.settings;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.settings.SettingsEvents;

import io.quarkus.runtime.StartupEvent;

/** Publishes the stored settings when core-service starts and whenever a service asks for them. */
@ApplicationScoped
public class SettingsPublisher implements EventListener {

    private final SettingsService settings;

    public SettingsPublisher(SettingsService settings) {
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent start) {
        Thread t = new Thread(() -> settings.publish(settings.stored()), "settings-publisher");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public List<String> eventTypes() {
        return List.of(SettingsEvents.REQUEST);
    }

    @Override
    public void on(Envelope event) {
        settings.publish(settings.stored());
    }
}
