package org.opence.core.notification;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.PermanentFailure;
import org.opence.common.notify.NotificationEvents;

import com.fasterxml.jackson.databind.JsonNode;

/** Keeps the notifications other services raise and resolve through the bus. */
@ApplicationScoped
public class NotificationListener implements EventListener {

    private final Notifications notifications;

    public NotificationListener(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public List<String> eventTypes() {
        return List.of(NotificationEvents.RAISED, NotificationEvents.RESOLVED);
    }

    @Override
    public void on(Envelope event) throws Exception {
        JsonNode p = event.payload();
        String key = p == null ? "" : p.path("key").asText("");
        if (key.isBlank() || key.length() > 300) {
            throw new PermanentFailure("a notification needs a key of 1 to 300 characters");
        }
        if (NotificationEvents.RESOLVED.equals(event.type())) {
            notifications.resolve(key);
            return;
        }
        Notifications.Severity severity;
        try {
            severity = Notifications.Severity.valueOf(p.path("severity").asText("warning"));
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("notification severity must be info, warning or error");
        }
        String message = p.path("message").asText("");
        notifications.raise(
                key,
                severity,
                p.path("banner").asBoolean(false),
                event.source(),
                message.length() > 2000 ? message.substring(0, 2000) + "…" : message);
    }
}
