package org.opence.cls.delivery;

import java.util.ArrayList;
import java.util.List;

import org.opence.common.bus.BusNames;
import org.opence.common.ingest.NetskopeDataTypes;

/**
 * One SIEM mapping sending to one destination configuration. Each route has its own durable queue
 * bound to the tenant data the mapping takes, so a slow or failing destination holds back only its
 * own queue.
 *
 * @param mapping the SIEM mapping's name
 * @param destination the destination configuration's name
 */
public record DeliveryRoute(String mapping, String destination) {

    /** Separates the two names in keys and queue names; neither name may contain it. */
    static final String SEPARATOR = "|";

    public String key() {
        return mapping + SEPARATOR + destination;
    }

    /** {@code cls-service.deliver.<mapping>|<destination>} (with the bus prefix). */
    public String queue(BusNames names) {
        return names.queue("cls-service", "deliver." + key());
    }

    /** Routing keys on {@code ce.data} for a tenant's alert subtypes and event types. */
    static List<String> routingKeys(String tenant, List<String> alerts, List<String> events) {
        List<String> keys = new ArrayList<>();
        alerts.forEach(a -> keys.add("tenant." + tenant + "." + NetskopeDataTypes.ALERTS + "." + a));
        events.forEach(e -> keys.add("tenant." + tenant + "." + NetskopeDataTypes.EVENTS + "." + e));
        return keys;
    }

    static DeliveryRoute fromKey(String key) {
        int at = key.indexOf(SEPARATOR);
        return new DeliveryRoute(key.substring(0, at), key.substring(at + 1));
    }
}
