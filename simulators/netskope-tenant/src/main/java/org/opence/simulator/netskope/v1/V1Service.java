package org.opence.simulator.netskope.v1;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;
import org.opence.simulator.netskope.auth.AccessGuard;
import org.opence.simulator.netskope.auth.V1Errors;
import org.opence.simulator.netskope.control.ServedStats;
import org.opence.simulator.netskope.data.StreamKey;
import org.opence.simulator.netskope.data.StreamKey.Family;
import org.opence.simulator.netskope.data.TenantData;

/** The legacy v1 alerts/events calls: a time window, then {@code skip}/{@code limit} paging within it. */
@ApplicationScoped
public class V1Service {

    static final int MAX_LIMIT = 10_000;
    static final int DEFAULT_LIMIT = 5_000;
    private static final Set<Long> TIME_PERIODS = Set.of(3600L, 86_400L, 604_800L, 2_592_000L);

    private final TenantData data;
    private final AccessGuard guard;
    private final ServedStats stats;

    public V1Service(TenantData data, AccessGuard guard, ServedStats stats) {
        this.data = data;
        this.guard = guard;
        this.stats = stats;
    }

    public Map<String, Object> query(Family family, Map<String, String> params) {
        String path = "/api/v1/" + family.path();
        guard.checkV1(params.get("token"), path);
        List<StreamKey> streams = streams(family, params.get("type"));
        long[] window = window(params);
        long skip = number(params, "skip", 0);
        long limit = number(params, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit >= MAX_LIMIT) {
            throw badRequest("limit must be between 1 and " + (MAX_LIMIT - 1));
        }
        if (skip < 0) {
            throw badRequest("skip must not be negative");
        }
        List<Map<String, Object>> records = data.window(streams, window[0], window[1], skip, (int) limit);
        stats.served(path, records.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("msg", "");
        body.put("data", records);
        return body;
    }

    private static List<StreamKey> streams(Family family, String type) {
        if (family == Family.EVENTS) {
            if (type == null || type.isBlank()) {
                throw badRequest("type is required: one of " + StreamKey.EVENT_TYPES);
            }
            return List.of(StreamKey.of(family, type.toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> badRequest("Invalid type '" + type + "': one of " + StreamKey.EVENT_TYPES)));
        }
        if (type == null || type.isBlank()) {
            return StreamKey.all().stream().filter(k -> k.family() == family).toList();
        }
        String wanted = type.trim();
        return StreamKey.ALERT_TYPE_NAMES.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(wanted.replace(" ", ""))
                        || e.getValue().equalsIgnoreCase(wanted))
                .map(e -> new StreamKey(family, e.getKey()))
                .findFirst()
                .map(List::of)
                .orElseThrow(() -> badRequest("Invalid alert type '" + type + "'"));
    }

    private long[] window(Map<String, String> params) {
        boolean hasStart = params.get("starttime") != null;
        boolean hasEnd = params.get("endtime") != null;
        if (hasStart || hasEnd) {
            if (!(hasStart && hasEnd)) {
                throw badRequest("starttime and endtime go together");
            }
            long start = number(params, "starttime", 0);
            long end = number(params, "endtime", 0);
            if (end < start) {
                throw badRequest("endtime must not be before starttime");
            }
            return new long[] {start, end};
        }
        if (params.get("timeperiod") != null) {
            long period = number(params, "timeperiod", 0);
            if (!TIME_PERIODS.contains(period)) {
                throw badRequest("timeperiod must be one of 3600, 86400, 604800, 2592000");
            }
            long now = (long) Math.floor(data.now());
            return new long[] {now - period, now};
        }
        throw badRequest("give starttime and endtime, or timeperiod");
    }

    private static long number(Map<String, String> params, String name, long fallback) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw badRequest(name + " must be a whole number");
        }
    }

    private static ApiException badRequest(String message) {
        return new ApiException(400, V1Errors.body("General Error", message), Map.of());
    }
}
