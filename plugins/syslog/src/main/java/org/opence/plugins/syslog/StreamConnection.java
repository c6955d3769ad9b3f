package org.opence.plugins.syslog;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

import org.opence.plugin.api.PushResult.FailedItem;

/**
 * A persistent TCP or TLS connection to a plain syslog server, which acknowledges nothing.
 *
 * <p>What this can promise is bounded loss made explicit: the send buffer is small (so little can sit
 * unsent in this machine's kernel), the connection is probed for a close by the server before a push
 * and after it is flushed (a close during the push fails the push rather than counting it as
 * delivered), and after any loss the recent messages of the {@link ResendWindow} are sent again on the
 * new connection before the push: duplicates instead of loss, counted as resent. A push that fails on
 * an established connection is sent once more, whole, on a new one.
 */
final class StreamConnection extends Connection {

    private final SyslogSettings transport;
    private final int timeoutMillis;
    private final Duration stallTimeout;
    private final ResendWindow window;

    private SSLContext tlsContext;
    private Link link;
    private volatile FrameWriter writer;
    private volatile boolean aborted;
    /** What the watcher did between pushes, reported with the next push. */
    private final List<String> watcherEvents = new ArrayList<>();

    private int watcherResent;
    /**
     * The current connection carried a replay of the window and nothing new yet: if the server closes it,
     * the replay was cut (written into buffers the server then dropped), as if its write had failed.
     */
    private boolean replayOnly;

    private int watcherReplays;
    private long lastWatcherAttempt;

    /**
     * @param timeoutMillis for connecting and for the TLS handshake
     * @param stallTimeout after how long {@link Connections} aborts a blocked write, for the message
     * @param window the recent messages of this configuration, kept across connections
     */
    StreamConnection(SyslogSettings transport, int timeoutMillis, Duration stallTimeout, ResendWindow window) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
        this.stallTimeout = stallTimeout;
        this.window = window;
    }

    /** Opens a connection (with the TLS handshake) to check a configuration, and closes it. */
    static void check(SyslogSettings settings, int timeoutMillis) throws IOException {
        SSLContext tls = null;
        if (settings.protocol().tls()) {
            tls = TlsContexts.contextOrIo(settings);
        }
        Link.open(settings, tls, timeoutMillis).close();
    }

    @Override
    Delivery send(SyslogSettings settings, List<?> items, String messageId, LongSupplier clock) {
        Delivery delivery = new Delivery();
        delivery.lossEvents.addAll(watcherEvents);
        delivery.resent += watcherResent;
        watcherEvents.clear();
        watcherResent = 0;
        watcherReplays = 0;
        MessageEncoder encoder = encoder(settings);
        encoder.messageId(messageId);
        int next = 0;
        int fruitless = 0;
        int reconnects = 0;
        while (true) {
            boolean connecting = false;
            int startedAt = next;
            try {
                if (link != null && link.peerClosed()) {
                    delivery.lossEvents.add("the server closed the connection after the last push");
                    loseClosed();
                }
                if (link == null) {
                    connecting = true;
                    open();
                    connecting = false;
                    replay(settings, delivery);
                }
                FrameWriter frames = writer;
                boolean octets = settings.framing() == Framing.OCTET_COUNTING;
                for (; next < items.size(); next++) {
                    String text = text(items.get(next));
                    if (text == null) {
                        delivery.unusable.add(new FailedItem(next, null, unusable(items.get(next))));
                        continue;
                    }
                    int length = encoder.encode(text, clock.getAsLong());
                    if (encoder.truncated()) {
                        delivery.truncatedAt(next);
                    }
                    // into the window first: whatever happens to the write, it is sent again after a loss
                    window.written(Arrays.copyOf(encoder.bytes(), length));
                    if (octets) {
                        frames.octetCounted(encoder.bytes(), length);
                    } else {
                        frames.line(encoder.bytes(), length);
                    }
                }
                frames.flush();
                if (link.peerClosed()) {
                    throw new IOException("the server closed the connection while the messages were sent");
                }
                window.touch();
                window.carried();
                replayOnly = false;
                delivery.sent = items.size() - delivery.unusable.size();
                return delivery;
            } catch (IOException e) {
                boolean stalled = aborted;
                IOException cause = stalled ? new Problems.Stalled(stallTimeout, e) : e;
                if (!connecting) {
                    delivery.lossEvents.add(
                            stalled
                                    ? "the server took nothing for " + Problems.seconds(stallTimeout) + " (stalled)"
                                    : "the connection was lost while sending: " + TlsContexts.rootMessage(e));
                }
                lose();
                // a new connection carries the window and goes on with the push where it was; a connection
                // that got nothing new through means the server cuts sooner than the window: the next
                // replay is smaller, until even the smallest does not get through twice
                fruitless = next > startedAt ? 0 : fruitless + 1;
                boolean hopeless = fruitless >= 2 && window.replayAtMinimum();
                if (connecting || stalled || hopeless || ++reconnects > MAX_RECONNECTS_PER_PUSH) {
                    delivery.sent = next - delivery.unusable.size();
                    String reason = Problems.describe(cause, transport, Duration.ofMillis(timeoutMillis))
                            .message();
                    if (hopeless) {
                        reason += " (the server closes connections before even " + ResendWindow.MIN_REPLAY_BYTES / 1024
                                + " KiB get through: use RELP)";
                    }
                    delivery.failure = new Delivery.Failure(reason, connecting);
                    return delivery;
                }
            }
        }
    }

    /** Connections one push may open after losses while it still makes progress. */
    private static final int MAX_RECONNECTS_PER_PUSH = 50;

    /**
     * Between pushes (called by {@link Connections} with the lock held): a connection the server closed
     * is noticed without waiting for the next push, and the window goes out again on a new connection,
     * so the last messages of a stream are not left unread until more come. A server that is down is
     * tried again every few seconds.
     */
    @Override
    void watch(long now) {
        if (link != null) {
            if (!link.peerClosed()) {
                return;
            }
            watcherEvents.add("the server closed the connection while it was idle");
            loseClosed();
        } else if (!window.replayPending() || now - lastWatcherAttempt < WATCHER_RETRY_NANOS) {
            return;
        }
        if (watcherReplays >= MAX_WATCHER_REPLAYS) {
            return; // a server that cuts every replay: the next push sends the window again
        }
        lastWatcherAttempt = now;
        watcherReplays++;
        Delivery replayed = new Delivery();
        try {
            open();
            replay(transport, replayed);
            replayOnly = replayed.resent > 0;
            watcherResent += replayed.resent;
        } catch (IOException e) {
            watcherResent += replayed.resent;
            lose();
        }
        watcherEvents.addAll(replayed.lossEvents);
    }

    private static final long WATCHER_RETRY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    /** Replays the watcher makes between two pushes at most. */
    private static final int MAX_WATCHER_REPLAYS = 3;

    /** After a loss, the window goes out again on the new connection before anything new. */
    private void replay(SyslogSettings settings, Delivery delivery) throws IOException {
        List<byte[]> again = window.takeReplay();
        if (again.isEmpty()) {
            return;
        }
        try {
            FrameWriter frames = writer;
            for (byte[] message : again) {
                if (settings.framing() == Framing.OCTET_COUNTING) {
                    frames.octetCounted(message, message.length);
                } else {
                    frames.line(message, message.length);
                }
            }
            frames.flush();
            delivery.resent += again.size();
            int leftOut = window.leftOut();
            if (leftOut > 0) {
                delivery.lossEvents.add("the server cut the last connections before the whole resend window got"
                        + " through: only its newest " + again.size() + " message(s) were sent again, " + leftOut
                        + " older one(s) of it not (they may be lost; RELP acknowledges every message)");
            }
        } catch (IOException e) {
            window.replayFailed();
            throw e;
        }
    }

    private void open() throws IOException {
        aborted = false;
        if (transport.protocol().tls() && tlsContext == null) {
            tlsContext = TlsContexts.contextOrIo(transport);
        }
        link = Link.open(transport, tlsContext, timeoutMillis);
        Link opened = link;
        writer = new FrameWriter((bytes, offset, length) -> opened.out().write(bytes, offset, length));
    }

    @Override
    boolean abortIfStalled(long stallNanos, long now) {
        FrameWriter frames = writer;
        Link current = link;
        if (frames == null || current == null || !frames.blockedLongerThan(stallNanos, now)) {
            return false;
        }
        aborted = true;
        current.abort();
        return true;
    }

    /**
     * Closes an idle connection. One the server closed meanwhile counts as lost: its window goes out
     * again on the next connection.
     */
    @Override
    void close() {
        if (link != null && link.peerClosed()) {
            if (replayOnly) {
                window.replayFailed();
            } else {
                window.lost();
            }
        }
        replayOnly = false;
        writer = null;
        if (link != null) {
            link.close();
            link = null;
        }
    }

    /**
     * The server closed the connection. If it carried only a replay, the replay did not get through
     * (a server that cuts every connection before the window is read would otherwise get the same replay
     * for ever, and the newest messages never): the next one is smaller.
     */
    private void loseClosed() {
        if (replayOnly) {
            window.replayFailed();
        }
        lose();
    }

    /** Drops a broken connection; the window is to be sent again on the next one. */
    private void lose() {
        replayOnly = false;
        window.lost();
        writer = null;
        if (link != null) {
            link.abort();
            link = null;
        }
    }
}
