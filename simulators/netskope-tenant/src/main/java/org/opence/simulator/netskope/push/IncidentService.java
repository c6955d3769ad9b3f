package org.opence.simulator.netskope.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;

/** Incident updates written back by ticketing ({@code POST /api/v2/incidents/update}), kept for inspection. */
@ApplicationScoped
public class IncidentService {

    private static final List<String> REQUIRED = List.of("field", "object_id", "new_value");

    private final List<Map<String, Object>> updates = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> update(Map<String, Object> body) {
        if (body == null || !(body.get("payload") instanceof List<?> payload) || payload.isEmpty()) {
            throw ApiException.v2(400, "payload is required: a list of {field, object_id, old_value, new_value, user}");
        }
        for (Object item : payload) {
            Map<String, Object> change = (Map<String, Object>) item;
            for (String key : REQUIRED) {
                if (change.get(key) == null) {
                    throw ApiException.v2(400, "payload item lacks " + key);
                }
            }
        }
        payload.forEach(item -> updates.add(new LinkedHashMap<>((Map<String, Object>) item)));
        return Map.of("ok", 1, "updated", payload.size());
    }

    public synchronized List<Map<String, Object>> inspect() {
        return List.copyOf(updates);
    }

    public synchronized void clear() {
        updates.clear();
    }
}
