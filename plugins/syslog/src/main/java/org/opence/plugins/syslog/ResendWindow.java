package org.opence.plugins.syslog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The last bytes written to a plain TCP or TLS syslog server, as whole messages, up to a capacity.
 * Such a server acknowledges nothing: a message is "sent" once it is written, though it may still sit
 * in a kernel buffer, on the wire or in the receiver's socket when the connection is lost. What a
 * receiver can have failed to read when a connection ends is bounded by the buffers between the two
 * programs (this side's small send buffer and the receiver's receive buffer): only the last that many
 * bytes written are at risk. So after any loss (the server closed or reset the connection, a write
 * failed or stalled) the window is sent again on the next connection, before anything new: the
 * receiver may get some messages twice, but none of the last {@code capacity} bytes is lost.
 *
 * <p>Every message written goes in as it is written (a replay writes exactly the window, so it stays
 * as it is; new messages then push the oldest out). A receiver that cuts every connection after a
 * while therefore still makes progress: each connection carries the window and then some new
 * messages, which move the window on. The window outlives the connection object, so it survives an
 * idle close and a long outage of the server.
 *
 * <p>A server that cuts connections sooner than the whole window can be written would otherwise get the
 * same window again and again and nothing new: when a connection is lost while the window is sent again,
 * the next replay sends only the newest half of it (down to {@link #MIN_REPLAY_BYTES}), so new messages
 * get through; the older messages left out may be lost, and the connection says so. Each push that gets
 * through doubles the replay again, up to the whole window.
 */
final class ResendWindow {

    private final Deque<byte[]> messages = new ArrayDeque<>();
    /** The least a replay sends (the send buffer's size: what can be in flight on this side alone). */
    static final long MIN_REPLAY_BYTES = 64 * 1024;

    private final long capacity;
    private long bytes;
    private boolean lost;
    private long replayLimit;
    private int leftOut;
    volatile long lastUsedNanos = System.nanoTime();

    /** @param capacity most bytes kept; 0 keeps nothing (loss is then possible and only counted) */
    ResendWindow(long capacity) {
        this.capacity = capacity;
        this.replayLimit = capacity;
    }

    long capacity() {
        return capacity;
    }

    /** A message just written; the oldest are forgotten beyond the capacity. */
    synchronized void written(byte[] message) {
        if (capacity == 0) {
            return;
        }
        messages.addLast(message);
        bytes += message.length;
        while (bytes > capacity && !messages.isEmpty()) {
            bytes -= messages.removeFirst().length;
        }
    }

    /** Marks the window as in use (a configuration that is deleted has its window forgotten after a while). */
    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    /** The connection was lost: the window is to be sent again first on the next one. */
    synchronized void lost() {
        lost = true;
    }

    /**
     * The messages to send again before anything else (empty unless a loss happened), at most the
     * replay limit's worth, the newest; clears the mark.
     */
    synchronized List<byte[]> takeReplay() {
        lastUsedNanos = System.nanoTime();
        leftOut = 0;
        if (!lost) {
            return List.of();
        }
        lost = false;
        if (bytes <= replayLimit) {
            return List.copyOf(messages);
        }
        ArrayDeque<byte[]> newest = new ArrayDeque<>();
        long taken = 0;
        for (Iterator<byte[]> it = messages.descendingIterator(); it.hasNext(); ) {
            byte[] m = it.next();
            if (taken + m.length > replayLimit && !newest.isEmpty()) {
                break;
            }
            newest.addFirst(m);
            taken += m.length;
        }
        leftOut = messages.size() - newest.size();
        return List.copyOf(newest);
    }

    /** How many older messages of the window the last replay left out (0: it sent the whole window). */
    synchronized int leftOut() {
        return leftOut;
    }

    /**
     * A replay did not get through: it is to be sent again on the next connection too, the newest half
     * of what it was.
     */
    synchronized void replayFailed() {
        lost = true;
        replayLimit = Math.max(MIN_REPLAY_BYTES, Math.min(replayLimit, bytes) / 2);
    }

    /** Whether replays are already as small as they get. */
    synchronized boolean replayAtMinimum() {
        return replayLimit <= MIN_REPLAY_BYTES;
    }

    /** A push got through: the next replay may be twice as large again, up to the whole window. */
    synchronized void carried() {
        replayLimit = Math.min(capacity, Math.max(replayLimit, MIN_REPLAY_BYTES) * 2);
    }

    /** Whether a loss left the window to be sent again. */
    synchronized boolean replayPending() {
        return lost && !messages.isEmpty();
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
