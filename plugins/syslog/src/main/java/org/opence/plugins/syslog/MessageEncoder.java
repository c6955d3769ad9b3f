package org.opence.plugins.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Writes one syslog message (header and MSG, without framing) into a reusable buffer, so sending a
 * message allocates nothing beyond the UTF-8 bytes of its text.
 *
 * <ul>
 *   <li>RFC 5424: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - MSG}; the timestamp is UTC
 *       with milliseconds ({@code 2024-05-01T09:30:00.123Z}); PROCID and STRUCTURED-DATA are nil.
 *   <li>RFC 3164: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: MSG} in the given zone's local time, the
 *       day padded with a space.
 * </ul>
 *
 * MSG is UTF-8 without a byte order mark (see the README: CEF and LEEF receivers expect the message
 * to start with {@code CEF:} or {@code LEEF:}). A message longer than the limit is cut at a character
 * boundary; {@link #truncated()} tells. With newline framing every LF becomes a space, so a message
 * can never be split in two by the receiver.
 */
final class MessageEncoder {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final Format format;
    private final int limit;
    private final boolean replaceLineFeeds;
    private final ZoneId zone;
    private final byte[] prefix;
    private final String hostname;
    private final String appName;
    private final byte[] stamp;

    private String messageId;
    private byte[] middle;
    private long stampSecond = Long.MIN_VALUE;
    private int stampMillis = -1;
    private byte[] buffer = new byte[2048];
    private int length;
    private boolean truncated;

    /**
     * @param hostname a valid HOSTNAME, or empty for the local host name
     * @param zone the zone of RFC 3164 timestamps (RFC 5424 ones are always UTC)
     */
    MessageEncoder(
            Format format,
            int priority,
            String hostname,
            String appName,
            int limit,
            boolean replaceLineFeeds,
            ZoneId zone) {
        this.format = format;
        this.limit = limit;
        this.replaceLineFeeds = replaceLineFeeds;
        this.zone = zone;
        this.hostname = hostname.isEmpty() ? HeaderFields.localHostname() : hostname;
        this.appName = appName;
        this.prefix = ascii(format == Format.RFC5424 ? "<" + priority + ">1 " : "<" + priority + ">");
        this.stamp = new byte[format == Format.RFC5424 ? 24 : 15];
        messageId(null);
    }

    static MessageEncoder of(SyslogSettings settings) {
        return new MessageEncoder(
                settings.format(),
                settings.priority(),
                settings.hostname(),
                settings.appName(),
                settings.messageLimit(),
                settings.protocol().stream() && settings.framing() == Framing.NEWLINE,
                ZoneId.systemDefault());
    }

    /** Sets the MSGID of the following messages (RFC 5424 only), made to fit; null or blank is nil. */
    void messageId(String id) {
        String fitted = HeaderFields.fit(id, HeaderFields.MSGID_MAX);
        if (fitted.equals(messageId)) {
            return;
        }
        messageId = fitted;
        middle = ascii(
                format == Format.RFC5424
                        ? " " + hostname + " " + appName + " " + HeaderFields.NIL + " " + fitted + " "
                                + HeaderFields.NIL + " "
                        : " " + hostname + " " + appName + ": ");
    }

    /** Encodes one message sent at {@code epochMillis}; the result is {@code bytes()[0..length())}. */
    int encode(String message, long epochMillis) {
        int headerLength = prefix.length + stamp.length + middle.length;
        ensureCapacity((int) Math.min(limit, headerLength + 3L * message.length()));
        byte[] out = buffer;
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int pos = prefix.length;
        writeStamp(epochMillis);
        System.arraycopy(stamp, 0, out, pos, stamp.length);
        pos += stamp.length;
        System.arraycopy(middle, 0, out, pos, middle.length);
        pos += middle.length;
        if (message.isEmpty()) {
            pos--; // no SP before an absent MSG
        }
        truncated = false;
        // String.getBytes takes the JDK's vectorised path (a plain copy for ASCII text), and writes a
        // lone surrogate as '?', as a syslog message must be valid UTF-8
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        int room = Math.max(0, limit - pos);
        if (n > room) {
            truncated = true;
            n = room;
            // cut before a whole character: never inside the bytes of one
            while (n > 0 && (utf8[n] & 0xC0) == 0x80) {
                n--;
            }
        }
        System.arraycopy(utf8, 0, out, pos, n);
        if (replaceLineFeeds) {
            for (int i = pos, end = pos + n; i < end; i++) {
                if (out[i] == '\n') {
                    out[i] = ' ';
                }
            }
        }
        pos += n;
        length = pos;
        return pos;
    }

    byte[] bytes() {
        return buffer;
    }

    int length() {
        return length;
    }

    /** Whether the last message was cut to fit the limit. */
    boolean truncated() {
        return truncated;
    }

    int limit() {
        return limit;
    }

    private void ensureCapacity(int needed) {
        if (buffer.length < needed) {
            buffer = new byte[Math.max(needed, Math.min(limit, buffer.length * 2))];
        }
    }

    private void writeStamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        if (second != stampSecond) {
            stampSecond = second;
            stampMillis = -1;
            if (format == Format.RFC5424) {
                rfc3339Seconds(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
            } else {
                ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochSecond(second));
                rfc3164(LocalDateTime.ofEpochSecond(second, 0, offset));
            }
        }
        if (format == Format.RFC5424 && millis != stampMillis) {
            stampMillis = millis;
            digits(stamp, 20, millis, 3);
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; the milliseconds are written per message. */
    private void rfc3339Seconds(LocalDateTime time) {
        digits(stamp, 0, time.getYear(), 4);
        stamp[4] = '-';
        digits(stamp, 5, time.getMonthValue(), 2);
        stamp[7] = '-';
        digits(stamp, 8, time.getDayOfMonth(), 2);
        stamp[10] = 'T';
        digits(stamp, 11, time.getHour(), 2);
        stamp[13] = ':';
        digits(stamp, 14, time.getMinute(), 2);
        stamp[16] = ':';
        digits(stamp, 17, time.getSecond(), 2);
        stamp[19] = '.';
        stamp[23] = 'Z';
    }

    /** {@code Mmm dd hh:mm:ss}, a day below 10 padded with a space (RFC 3164 §4.1.2). */
    private void rfc3164(LocalDateTime time) {
        int month = (time.getMonthValue() - 1) * 3;
        for (int i = 0; i < 3; i++) {
            stamp[i] = (byte) MONTHS.charAt(month + i);
        }
        stamp[3] = ' ';
        int day = time.getDayOfMonth();
        stamp[4] = (byte) (day < 10 ? ' ' : '0' + day / 10);
        stamp[5] = (byte) ('0' + day % 10);
        stamp[6] = ' ';
        digits(stamp, 7, time.getHour(), 2);
        stamp[9] = ':';
        digits(stamp, 10, time.getMinute(), 2);
        stamp[12] = ':';
        digits(stamp, 13, time.getSecond(), 2);
    }

    private static void digits(byte[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
