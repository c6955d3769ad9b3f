package org.opence.simulator.netskope.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.enterprise.context.ApplicationScoped;

/** What the tenant has served, per endpoint path: calls by outcome and records handed out. */
@ApplicationScoped
public class ServedStats {

    private final Map<String, Map<String, AtomicLong>> byPath = new ConcurrentHashMap<>();
    private final Map<String, java.util.List<String>> damaged = new ConcurrentHashMap<>();

    public void served(String path, int records) {
        counter(path, "200").incrementAndGet();
        counter(path, "records").addAndGet(records);
    }

    public void refused(String path, int status) {
        counter(path, String.valueOf(status)).incrementAndGet();
    }

    public void fault(String path, String kind) {
        counter(path, "fault-" + kind).incrementAndGet();
    }

    /** Records a corrupt answer damaged or cut off, by their {@code _id}. */
    public void damaged(String path, java.util.List<String> ids) {
        damaged.computeIfAbsent(path, p -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()))
                .addAll(ids);
    }

    /** Per path, the ids of records corrupt answers damaged or cut off. */
    public Map<String, java.util.List<String>> damaged() {
        Map<String, java.util.List<String>> out = new TreeMap<>();
        damaged.forEach((path, ids) -> {
            synchronized (ids) {
                out.put(path, java.util.List.copyOf(ids));
            }
        });
        return out;
    }

    public long get(String path, String what) {
        Map<String, AtomicLong> counters = byPath.get(path);
        AtomicLong c = counters == null ? null : counters.get(what);
        return c == null ? 0 : c.get();
    }

    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        byPath.forEach((path, counters) -> {
            Map<String, Long> copy = new TreeMap<>();
            counters.forEach((k, v) -> copy.put(k, v.get()));
            out.put(path, copy);
        });
        return out;
    }

    public void clear() {
        byPath.clear();
        damaged.clear();
    }

    private AtomicLong counter(String path, String what) {
        return byPath.computeIfAbsent(path, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(what, w -> new AtomicLong());
    }
}
