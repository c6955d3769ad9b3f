package org.opence.simulator.splunk.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.enterprise.context.ApplicationScoped;

/** Requests per endpoint and outcome ({@code success}, {@code invalid-token}, {@code fault-drop}, ...) and bytes. */
@ApplicationScoped
public class RequestStats {

    private final Map<String, Map<String, AtomicLong>> byEndpoint = new ConcurrentHashMap<>();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesDecoded = new AtomicLong();

    public void outcome(String endpoint, String outcome) {
        byEndpoint
                .computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new AtomicLong())
                .incrementAndGet();
    }

    /** Bytes of a request body as received (compressed or not). */
    public void received(long bytes) {
        bytesReceived.addAndGet(bytes);
    }

    /** Bytes of a request body after decompression. */
    public void decoded(long bytes) {
        bytesDecoded.addAndGet(bytes);
    }

    public long get(String endpoint, String outcome) {
        Map<String, AtomicLong> counters = byEndpoint.get(endpoint);
        AtomicLong c = counters == null ? null : counters.get(outcome);
        return c == null ? 0 : c.get();
    }

    public Map<String, Map<String, Long>> requests() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byEndpoint.forEach((endpoint, counters) -> {
            Map<String, Long> copy = new TreeMap<>();
            counters.forEach((k, v) -> copy.put(k, v.get()));
            out.put(endpoint, copy);
        });
        return out;
    }

    public Map<String, Long> bytes() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("received", bytesReceived.get());
        out.put("decoded", bytesDecoded.get());
        return out;
    }

    public void clear() {
        byEndpoint.clear();
        bytesReceived.set(0);
        bytesDecoded.set(0);
    }
}
