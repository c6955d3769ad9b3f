package org.opence.plugins.syslog;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

import org.opence.plugin.api.PushResult.FailedItem;

/**
 * A RELP session (the Reliable Event Logging Protocol of rsyslog and librelp) over TCP or TLS.
 *
 * <p>Every message is a {@code syslog} command with a transaction number; the receiver answers each
 * with {@code rsp 200 OK} once it has taken the message (or {@code 500} when it refuses it). At most a
 * window of messages is outstanding. A push returns only when every one of its messages was answered,
 * so the platform acknowledges a batch on the bus only after the receiver acknowledged all of it.
 * When the connection is lost (closed, reset, the server's {@code serverclose} hint, no answer within
 * the stall timeout), a new session is opened and every unanswered message is sent again: the receiver
 * may get some twice, but none is lost. If no new session can be had, the unanswered messages are
 * handed back to the platform to retry later.
 */
final class RelpConnection extends Connection {

    /** The highest transaction number; the next one is 1 again. */
    static final int MAX_TXNR = 999_999_999;

    private static final byte[] OFFERS = ("relp_version=0\nrelp_software=opence-syslog,1.0.0,https://opence.org\n"
                    + "commands=syslog")
            .getBytes(StandardCharsets.US_ASCII);

    /** A message sent and not yet answered: its index in the push and its bytes, to send again. */
    private record Outstanding(int txnr, int index, byte[] message) {}

    private final SyslogSettings transport;
    private final int timeoutMillis;
    private final Duration stallTimeout;
    private final int window;
    /**
     * The window used now: halved when a session is lost before a single answer arrived (a server that
     * cuts sessions after fewer messages than the window, its answers lost with the reset, would
     * otherwise never acknowledge anything), doubled back after each push that got through.
     */
    private int effectiveWindow;

    private SSLContext tlsContext;
    private Link link;
    private OutputStream out;
    private InputStream in;
    private int txnr;
    /** The byte that ended the last number read: a space (data follows) or a line feed. */
    private int lastSeparator;

    /**
     * @param window most messages outstanding at once
     * @param stallTimeout longest wait for an answer before the session counts as lost
     */
    RelpConnection(SyslogSettings transport, int timeoutMillis, Duration stallTimeout, int window) {
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
        this.stallTimeout = stallTimeout;
        this.window = window;
        this.effectiveWindow = window;
    }

    /** Opens a session (connect, TLS, RELP open) to check a configuration, and closes it. */
    static void check(SyslogSettings settings, int timeoutMillis) throws IOException {
        RelpConnection connection = new RelpConnection(settings, timeoutMillis, Duration.ofMillis(timeoutMillis), 1);
        try {
            connection.open();
        } finally {
            connection.close();
        }
    }

    @Override
    Delivery send(SyslogSettings settings, List<?> items, String messageId, LongSupplier clock) {
        Delivery delivery = new Delivery();
        delivery.acknowledged = true;
        Deque<Outstanding> outstanding = new ArrayDeque<>();
        Deque<Outstanding> again = new ArrayDeque<>();
        int[] next = {0};
        boolean reconnected = false;
        MessageEncoder encoder = encoder(settings);
        encoder.messageId(messageId);
        while (true) {
            boolean connecting = false;
            int answeredInSession = 0;
            try {
                if (link == null) {
                    connecting = true;
                    open();
                    connecting = false;
                    // everything unanswered on the lost session goes out first, in order; each one is
                    // outstanding before it is written, so a write that fails leaves it to be sent again
                    while (!again.isEmpty()) {
                        Outstanding o = again.peekFirst();
                        sendCommand(outstanding, o.index(), o.message());
                        again.removeFirst();
                        delivery.resent++;
                    }
                }
                while (next[0] < items.size() || !outstanding.isEmpty()) {
                    while (outstanding.size() < effectiveWindow && next[0] < items.size()) {
                        int index = next[0]++;
                        String text = text(items.get(index));
                        if (text == null) {
                            delivery.unusable.add(new FailedItem(index, null, unusable(items.get(index))));
                            continue;
                        }
                        int length = encoder.encode(text, clock.getAsLong());
                        if (encoder.truncated()) {
                            delivery.truncatedAt(index);
                        }
                        sendCommand(outstanding, index, Arrays.copyOf(encoder.bytes(), length));
                    }
                    out.flush();
                    if (!outstanding.isEmpty()) {
                        // removed only once answered: a failure here leaves it to be sent again
                        answer(outstanding.peekFirst(), delivery);
                        outstanding.removeFirst();
                        answeredInSession++;
                    }
                }
                effectiveWindow = Math.min(window, effectiveWindow * 2);
                return delivery;
            } catch (IOException e) {
                abandon();
                // the unanswered of this session first, then what was not sent again yet
                Deque<Outstanding> unanswered = new ArrayDeque<>(outstanding);
                unanswered.addAll(again);
                again.clear();
                again.addAll(unanswered);
                outstanding.clear();
                if (!connecting && answeredInSession == 0 && effectiveWindow > 1) {
                    effectiveWindow = Math.max(1, effectiveWindow / 2);
                    delivery.lossEvents.add("no answer came before the session was lost: at most " + effectiveWindow
                            + " message(s) are now sent ahead of their answers");
                }
                if (!connecting) {
                    delivery.lossEvents.add(
                            e instanceof SocketTimeoutException
                                    ? "the server answered nothing for " + Problems.seconds(stallTimeout) + " (stalled)"
                                    : "the session was lost: " + TlsContexts.rootMessage(e));
                }
                if (connecting || reconnected) {
                    IOException cause = e instanceof SocketTimeoutException ? new Problems.Stalled(stallTimeout, e) : e;
                    delivery.failure = new Delivery.Failure(
                            Problems.describe(cause, transport, Duration.ofMillis(timeoutMillis))
                                    .message(),
                            connecting && delivery.sent == 0 && again.size() == 0);
                    // what was not answered is the platform's to retry: the unanswered ones and the unsent rest
                    for (Outstanding o : again) {
                        delivery.unanswered.add(o.index());
                    }
                    for (int i = next[0]; i < items.size(); i++) {
                        delivery.unanswered.add(i);
                    }
                    return delivery;
                }
                reconnected = true;
            }
        }
    }

    /**
     * Makes the message outstanding, then writes it: a write that fails (the server reset the connection)
     * leaves it among the unanswered, to be sent again or handed back, never forgotten.
     */
    private void sendCommand(Deque<Outstanding> outstanding, int index, byte[] message) throws IOException {
        Outstanding o = new Outstanding(nextTxnr(), index, message);
        outstanding.addLast(o);
        writeFrame(o.txnr(), "syslog", message);
    }

    /** Reads the answer to the oldest outstanding message; answers come in the order of the commands. */
    private void answer(Outstanding expected, Delivery delivery) throws IOException {
        Frame frame = readFrame();
        if (frame.txnr() == 0 && frame.command().equals("serverclose")) {
            throw new IOException("the server is closing the session (serverclose)");
        }
        if (!frame.command().equals("rsp") || frame.txnr() != expected.txnr()) {
            throw new IOException("the server answered '" + frame.txnr() + " " + frame.command() + "' where the"
                    + " answer to message " + expected.txnr() + " was due");
        }
        String data = new String(frame.data(), StandardCharsets.UTF_8);
        if (data.startsWith("200")) {
            delivery.sent++;
        } else {
            String reason = data.lines().findFirst().orElse(data);
            delivery.unusable.add(new FailedItem(
                    expected.index(),
                    null,
                    "the RELP server refused the message: "
                            + (reason.length() > 200 ? reason.substring(0, 200) : reason)));
        }
    }

    /** Connects and opens the RELP session: the server must speak RELP and accept the syslog command. */
    private void open() throws IOException {
        if (transport.protocol().tls() && tlsContext == null) {
            tlsContext = TlsContexts.contextOrIo(transport);
        }
        link = Link.open(transport, tlsContext, timeoutMillis);
        out = new BufferedOutputStream(link.out(), 64 * 1024);
        in = new BufferedInputStream(link.in(), 8 * 1024);
        link.readTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, stallTimeout.toMillis())));
        txnr = 0;
        int open = nextTxnr();
        writeFrame(open, "open", OFFERS);
        out.flush();
        Frame answer;
        try {
            answer = readFrame();
        } catch (IOException e) {
            abandon();
            throw new Problems.NotRelp(
                    "the server did not answer the RELP open (" + TlsContexts.rootMessage(e)
                            + "); is it a RELP listener (rsyslog imrelp)?",
                    e);
        }
        String data = new String(answer.data(), StandardCharsets.UTF_8);
        if (!answer.command().equals("rsp") || answer.txnr() != open || !data.startsWith("200")) {
            abandon();
            throw new Problems.NotRelp("the server refused the RELP session: " + firstLine(data), null);
        }
        if (!data.contains("relp_version") || !commands(data).contains("syslog")) {
            abandon();
            throw new Problems.NotRelp(
                    "the RELP server does not accept syslog messages (its offers: "
                            + data.replace('\n', ' ').trim() + ")",
                    null);
        }
    }

    private static String commands(String offers) {
        return offers.lines()
                .filter(l -> l.startsWith("commands="))
                .findFirst()
                .map(l -> l.substring("commands=".length()))
                .orElse("");
    }

    private int nextTxnr() {
        txnr = txnr >= MAX_TXNR ? 1 : txnr + 1;
        return txnr;
    }

    /** {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}. */
    private void writeFrame(int number, String command, byte[] data) throws IOException {
        String header = number + " " + command + " " + data.length;
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        if (data.length > 0) {
            out.write(' ');
            out.write(data);
        }
        out.write('\n');
    }

    /** One frame from the server; DATALEN is bounded, a malformed frame ends the session. */
    record Frame(int txnr, String command, byte[] data) {}

    private Frame readFrame() throws IOException {
        int number = (int) readNumber(' ', 9);
        String command = readWord();
        long length = readNumber(-1, 9);
        byte[] data = new byte[0];
        int last = lastSeparator;
        if (length > 0) {
            if (last != ' ') {
                throw new IOException("malformed RELP frame: data length " + length + " without data");
            }
            if (length > 128 * 1024) {
                throw new IOException("the RELP server sent a frame of " + length + " bytes");
            }
            data = in.readNBytes((int) length);
            if (data.length < length) {
                throw new IOException("the connection ended inside a RELP frame");
            }
            last = in.read();
        }
        if (last != '\n') {
            throw new IOException("malformed RELP frame: no line feed at its end");
        }
        return new Frame(number, command, data);
    }

    /** Digits up to a separator (space, or with -1 a space or a line feed). */
    private long readNumber(int separator, int maxDigits) throws IOException {
        long value = 0;
        int digits = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c >= '0' && c <= '9' && digits < maxDigits) {
                value = value * 10 + (c - '0');
                digits++;
                continue;
            }
            if (digits > 0 && (c == separator || (separator == -1 && (c == ' ' || c == '\n')))) {
                lastSeparator = c;
                return value;
            }
            throw new IOException("malformed RELP frame (unexpected byte " + c + ")");
        }
    }

    private String readWord() throws IOException {
        StringBuilder word = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c == ' ' && word.length() > 0) {
                return word.toString();
            }
            if (!Character.isLetter(c) || word.length() >= 32) {
                throw new IOException("malformed RELP frame (command)");
            }
            word.append((char) c);
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** Ends the session politely ({@code close}, waiting a moment for its answer) and closes the connection. */
    @Override
    void close() {
        if (link != null) {
            try {
                link.readTimeout(Math.min(timeoutMillis, 2000));
                writeFrame(nextTxnr(), "close", new byte[0]);
                out.flush();
                readFrame();
            } catch (IOException ignored) {
                // the server may already be gone; the connection is closed anyway
            }
            link.close();
            link = null;
        }
    }

    private void abandon() {
        if (link != null) {
            link.abort();
            link = null;
        }
    }
}
