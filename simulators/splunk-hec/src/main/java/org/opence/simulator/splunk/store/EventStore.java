package org.opence.simulator.splunk.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.opence.simulator.splunk.config.SimulatorConfig;

/**
 * What the collector indexed, in memory: the latest {@code max-events} events for inspection, and
 * counters (per index, in total, dropped from memory, lost by a fault) that keep counting past that.
 */
@ApplicationScoped
public class EventStore {

    private final int maxEvents;
    private final ArrayDeque<IndexedEvent> kept = new ArrayDeque<>();
    private final Map<String, Long> indexedByIndex = new TreeMap<>();
    private long indexed;
    private long evicted;
    private long lost;

    @Inject
    public EventStore(SimulatorConfig config) {
        this(config.maxEvents());
    }

    EventStore(int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("splunk-sim.max-events must be at least 1");
        }
        this.maxEvents = maxEvents;
    }

    /** Indexes the events of one request together, so they stay next to each other in arrival order. */
    public synchronized void add(List<IndexedEvent> events) {
        for (IndexedEvent event : events) {
            kept.addLast(event);
            indexedByIndex.merge(event.index(), 1L, Long::sum);
            indexed++;
            if (kept.size() > maxEvents) {
                kept.removeFirst();
                evicted++;
            }
        }
    }

    /** Counts events a fault made the collector accept and then lose. */
    public synchronized void lost(int events) {
        lost += events;
    }

    /**
     * The newest {@code limit} kept events that match the filters ({@code null} matches all), oldest
     * first, and how many kept events match in all.
     */
    public synchronized Page find(String index, String sourcetype, int limit) {
        List<IndexedEvent> newestFirst = new ArrayList<>();
        int matching = 0;
        for (Iterator<IndexedEvent> it = kept.descendingIterator(); it.hasNext(); ) {
            IndexedEvent event = it.next();
            if ((index == null || index.equals(event.index()))
                    && (sourcetype == null || sourcetype.equals(event.sourcetype()))) {
                matching++;
                if (newestFirst.size() < limit) {
                    newestFirst.add(event);
                }
            }
        }
        Collections.reverse(newestFirst);
        return new Page(matching, newestFirst);
    }

    /** Forgets the events and their counters. */
    public synchronized void clear() {
        kept.clear();
        indexedByIndex.clear();
        indexed = 0;
        evicted = 0;
        lost = 0;
    }

    public synchronized Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("indexed", indexed);
        out.put("byIndex", new TreeMap<>(indexedByIndex));
        out.put("kept", kept.size());
        out.put("evicted", evicted);
        out.put("lost", lost);
        return out;
    }

    public int maxEvents() {
        return maxEvents;
    }

    /** A slice of the kept events: {@code total} matching, {@code events} the newest of them. */
    public record Page(int total, List<IndexedEvent> events) {}
}
