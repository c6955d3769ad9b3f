package org.opence.common.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Entries waiting to be published, bounded: when it is full a new entry is dropped and counted
 * instead of blocking the writer. The next {@link #drain} starts with an entry saying how many were
 * dropped since the last one.
 */
public final class LogBuffer {

    private final int capacity;
    private final ArrayDeque<LogEntry> entries;
    private long droppedSinceReport;
    private long droppedTotal;

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a log buffer holds at least one entry");
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Keeps the entry if there is room; false (and counted) when full. */
    public synchronized boolean offer(LogEntry entry) {
        if (entries.size() >= capacity) {
            droppedSinceReport++;
            droppedTotal++;
            return false;
        }
        entries.addLast(entry);
        return true;
    }

    /** Counts entries that were taken from the buffer but could not be delivered. */
    public synchronized void dropped(long count) {
        droppedSinceReport += count;
        droppedTotal += count;
    }

    public synchronized int size() {
        return entries.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Every entry dropped since this buffer was made. */
    public synchronized long droppedTotal() {
        return droppedTotal;
    }

    /**
     * Takes up to {@code max} entries, oldest first. If entries were dropped since the last report, the
     * batch starts with {@code notice.apply(count)} (one more than {@code max}); {@link Drained#reported}
     * says how many drops it reports, so a caller that cannot deliver the batch can count them again.
     */
    public synchronized Drained drain(int max, LongFunction<LogEntry> notice) {
        List<LogEntry> batch = new ArrayList<>(Math.min(max, entries.size()) + 1);
        long reported = droppedSinceReport;
        if (reported > 0) {
            batch.add(notice.apply(reported));
            droppedSinceReport = 0;
        }
        while (batch.size() < max + (reported > 0 ? 1 : 0) && !entries.isEmpty()) {
            batch.add(entries.pollFirst());
        }
        return new Drained(batch, reported);
    }

    /**
     * @param entries what to publish
     * @param reported drops the first entry reports (0: no notice in this batch)
     */
    public record Drained(List<LogEntry> entries, long reported) {

        /** Entries written by the service (without the notice). */
        public int written() {
            return entries.size() - (reported > 0 ? 1 : 0);
        }

        /** What is lost if this batch cannot be delivered: its entries and the drops it reports. */
        public long lostIfUndelivered() {
            return written() + reported;
        }
    }
}
