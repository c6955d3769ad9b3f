package org.opence.plugins.syslog;

import java.util.ArrayDeque;
import java.util.Deque;
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
 */
final class ResendWindow {

    private final Deque<byte[]> messages = new ArrayDeque<>();
    private final long capacity;
    private long bytes;
    private boolean lost;
    volatile long lastUsedNanos = System.nanoTime();

    /** @param capacity most bytes kept; 0 keeps nothing (loss is then possible and only counted) */
    ResendWindow(long capacity) {
        this.capacity = capacity;
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

    /** The messages to send again before anything else (empty unless a loss happened); clears the mark. */
    synchronized List<byte[]> takeReplay() {
        lastUsedNanos = System.nanoTime();
        if (!lost) {
            return List.of();
        }
        lost = false;
        return List.copyOf(messages);
    }

    /** A replay did not get through: it is to be sent again on the next connection too. */
    synchronized void replayFailed() {
        lost = true;
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
