package org.opence.simulator.netskope.dataexport;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;
import org.opence.simulator.netskope.config.SimulatorConfig;
import org.opence.simulator.netskope.control.ServedStats;
import org.opence.simulator.netskope.data.StreamKey;
import org.opence.simulator.netskope.data.TenantData;

/**
 * The Data Export iterator: per endpoint and {@code index}, the tenant remembers where the consumer is
 * and which page it last handed out, so {@code next} continues and {@code resend} repeats.
 */
@ApplicationScoped
public class IteratorService {

    private final TenantData data;
    private final ServedStats stats;
    private final int pageSize;
    private final int waitTime;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();

    public IteratorService(TenantData data, ServedStats stats, SimulatorConfig config) {
        if (config.pageSize() < 1 || config.pageSize() > 10_000) {
            throw new IllegalArgumentException("netskope-sim.page-size must be within 1..10000");
        }
        this.data = data;
        this.stats = stats;
        this.pageSize = config.pageSize();
        this.waitTime = config.waitTime();
    }

    public Page fetch(StreamKey stream, String index, String operation) {
        if (index == null || index.isBlank()) {
            throw new ApiException(400, Map.of("ok", 0, "message", "Missing parameter: index"), Map.of());
        }
        if (operation == null || operation.isBlank()) {
            throw new ApiException(400, Map.of("ok", 0, "message", "Missing parameter: operation"), Map.of());
        }
        String key = stream.id() + "|" + index;
        // one consumer per index: calls on the same index are served one after the other
        Position position = positions.computeIfAbsent(key, k -> new Position());
        synchronized (position) {
            Page page =
                    switch (operation) {
                        case "next" -> nextPage(stream, position, position.started ? position.next : 0);
                        case "head" -> nextPage(stream, position, 0);
                        case "tail" -> tail(stream, position);
                        case "resend" -> resend(stream, position);
                        default -> nextPage(stream, position, fromEpoch(stream, operation));
                    };
            stats.served(stream.path(), page.result().size());
            return page;
        }
    }

    private long fromEpoch(StreamKey stream, String operation) {
        long epoch;
        try {
            epoch = Long.parseLong(operation);
        } catch (NumberFormatException e) {
            throw new ApiException(
                    400,
                    Map.of(
                            "ok",
                            0,
                            "message",
                            "Invalid operation '" + operation + "': use an epoch second, head, tail, next or resend"),
                    Map.of());
        }
        return data.timeline(stream).countBefore(epoch);
    }

    private Page nextPage(StreamKey stream, Position position, long from) {
        long available = data.available(stream);
        long start = Math.min(from, available);
        long end = Math.min(start + pageSize, available);
        List<Map<String, Object>> records = data.records(stream, start, end);
        position.started = true;
        position.lastFrom = start;
        position.lastTo = end;
        position.next = end;
        long hwm = records.isEmpty()
                ? (long) Math.floor(data.now())
                : data.timeline(stream).timestamp(end - 1);
        position.lastHwm = hwm;
        int wait = end - start == pageSize ? 0 : waitTime;
        position.lastWait = wait;
        return new Page(records, wait, hwm);
    }

    private Page tail(StreamKey stream, Position position) {
        long available = data.available(stream);
        position.started = true;
        position.lastFrom = available;
        position.lastTo = available;
        position.next = available;
        position.lastHwm = (long) Math.floor(data.now());
        position.lastWait = waitTime;
        return new Page(List.of(), waitTime, position.lastHwm);
    }

    private Page resend(StreamKey stream, Position position) {
        if (!position.started) {
            // nothing was handed to this index yet: there is no page to repeat
            return new Page(List.of(), 0, (long) Math.floor(data.now()));
        }
        return new Page(data.records(stream, position.lastFrom, position.lastTo), position.lastWait, position.lastHwm);
    }

    /** Forget every index (control API). */
    public void reset() {
        positions.clear();
    }

    /** Index positions for the inspection API: {@code stream|index -> next record number}. */
    public Map<String, Long> describe() {
        Map<String, Long> out = new TreeMap<>();
        positions.forEach((k, p) -> out.put(k, p.next));
        return out;
    }

    public record Page(List<Map<String, Object>> result, int waitTime, long timestampHwm) {}

    private static final class Position {
        boolean started;
        long next;
        long lastFrom;
        long lastTo;
        long lastHwm;
        int lastWait;
    }
}
