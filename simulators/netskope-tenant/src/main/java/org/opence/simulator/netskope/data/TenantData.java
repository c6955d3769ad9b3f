package org.opence.simulator.netskope.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.config.SimulatorConfig;

/** The tenant's data: every stream's timeline and records, and record ranges by time. */
@ApplicationScoped
public class TenantData {

    private final SimClock clock;
    private final RecordFactory factory;
    private final Population population;
    private final Map<StreamKey, Timeline> timelines = new LinkedHashMap<>();

    public TenantData(SimulatorConfig config, SimClock clock) {
        this.clock = clock;
        this.population = new Population(config.seed(), config.users());
        this.factory = new RecordFactory(config.seed(), population);
        RateTable live = new RateTable(config.rates());
        RateTable history = new RateTable(config.historyRates());
        long start = clock.startEpoch();
        long historyStart = start - Math.round(config.historyHours() * 3600);
        for (StreamKey key : StreamKey.all()) {
            timelines.put(key, new Timeline(historyStart, start, history.rate(key), live.rate(key)));
        }
    }

    public double now() {
        return clock.now();
    }

    public Timeline timeline(StreamKey stream) {
        return timelines.get(stream);
    }

    /** Records that exist right now. */
    public long available(StreamKey stream) {
        return timelines.get(stream).available(clock.now());
    }

    public Map<String, Object> record(StreamKey stream, long n) {
        return factory.create(stream, n, timelines.get(stream).timestamp(n));
    }

    /**
     * Records {@code from} to {@code toExclusive} as a list that builds each record when it is read, so
     * a page of 10,000 records is written out one record at a time instead of being held whole (whole
     * pages of nine streams at once kept the simulator's heap full and its CPU in garbage collection).
     */
    public List<Map<String, Object>> records(StreamKey stream, long from, long toExclusive) {
        int size = (int) Math.max(0, toExclusive - from);
        return new java.util.AbstractList<>() {
            @Override
            public Map<String, Object> get(int index) {
                java.util.Objects.checkIndex(index, size);
                return record(stream, from + index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    public Population population() {
        return population;
    }

    /**
     * Records of several streams with a timestamp in {@code [startTime, endTime]}, ordered by time (ties
     * by stream order, then record number), after skipping {@code skip} and at most {@code limit}.
     */
    public List<Map<String, Object>> window(
            List<StreamKey> streams, long startTime, long endTime, long skip, int limit) {
        double now = clock.now();
        record Cursor(StreamKey stream, int order, long next, long end, long ts) {}
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparingLong(Cursor::ts)
                .thenComparingInt(Cursor::order)
                .thenComparingLong(Cursor::next));
        for (int i = 0; i < streams.size(); i++) {
            StreamKey stream = streams.get(i);
            Timeline t = timelines.get(stream);
            long end = Math.min(t.available(now), t.countBefore(endTime + 1));
            long first = t.countBefore(startTime);
            if (first < end) {
                queue.add(new Cursor(stream, i, first, end, t.timestamp(first)));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(Math.min(limit, 10_000));
        long skipped = 0;
        while (!queue.isEmpty() && out.size() < limit) {
            Cursor c = queue.poll();
            if (skipped < skip) {
                skipped++;
            } else {
                out.add(record(c.stream(), c.next()));
            }
            long next = c.next() + 1;
            if (next < c.end()) {
                queue.add(new Cursor(
                        c.stream(),
                        c.order(),
                        next,
                        c.end(),
                        timelines.get(c.stream()).timestamp(next)));
            }
        }
        return out;
    }
}
