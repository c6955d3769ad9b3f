package org.opence.plugins.syslog;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.opence.plugin.api.PushResult.FailedItem;

/**
 * The transport of one configuration, reused across pushes. A push holds {@link #lock} while it
 * sends; {@link Connections} closes connections that stay unused and aborts writes that stall.
 */
abstract class Connection {

    final ReentrantLock lock = new ReentrantLock();
    volatile long lastUsedNanos = System.nanoTime();
    /** Set under the lock when the connection was dropped from the pool; a push then takes a new one. */
    boolean retired;

    private SyslogSettings encoderSettings;
    private MessageEncoder encoder;

    /** Sends every item, as one message each, with {@code messageId} as MSGID. */
    abstract Delivery send(SyslogSettings settings, List<?> items, String messageId, LongSupplier clock);

    /** Releases the socket; the next send opens a new one. */
    abstract void close();

    /** Called between pushes, with the lock held: looks after the connection (by default nothing). */
    void watch(long now) {}

    /** Called from the sweeper thread: closes the socket if a write has been blocked longer than allowed. */
    boolean abortIfStalled(long stallNanos, long now) {
        return false;
    }

    /** Puts one encoded message on the wire (framed for a stream, as a datagram for UDP). */
    interface Frame {
        void accept(byte[] message, int length) throws IOException;
    }

    /**
     * Encodes every item into a message and hands it to {@code frame}; counts what was sent, what
     * could not be encoded and what was cut. Throws at the first transport failure, with {@code
     * delivery.sent} saying how many frames got out before it.
     */
    final void writeAll(
            SyslogSettings settings,
            List<?> items,
            String messageId,
            LongSupplier clock,
            Delivery delivery,
            Frame frame)
            throws IOException {
        MessageEncoder encoder = encoder(settings);
        encoder.messageId(messageId);
        for (int i = 0, n = items.size(); i < n; i++) {
            String text = text(items.get(i));
            if (text == null) {
                delivery.unusable.add(new FailedItem(i, null, unusable(items.get(i))));
                continue;
            }
            int length = encoder.encode(text, clock.getAsLong());
            if (encoder.truncated()) {
                delivery.truncatedAt(i);
            }
            frame.accept(encoder.bytes(), length);
            delivery.sent++;
        }
    }

    final MessageEncoder encoder(SyslogSettings settings) {
        if (!settings.equals(encoderSettings)) {
            encoder = MessageEncoder.of(settings);
            encoderSettings = settings;
        }
        return encoder;
    }

    /** The message of an item: formatted text as it is, a map as compact JSON; null if neither. */
    static String text(Object item) {
        if (item instanceof String text) {
            return text;
        }
        if (item instanceof Map<?, ?> map) {
            return CompactJson.write(map);
        }
        if (item instanceof CharSequence text) {
            return text.toString();
        }
        return null;
    }

    static String unusable(Object item) {
        return "cannot send a " + (item == null ? "null" : item.getClass().getName())
                + " record: syslog sends formatted text (CEF, LEEF, JSON) or maps (as JSON)";
    }
}
