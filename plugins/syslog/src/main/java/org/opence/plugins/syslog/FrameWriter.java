package org.opence.plugins.syslog;

import java.io.IOException;

/**
 * Frames messages onto a stream through a 64 KiB buffer: one push becomes a few large writes and one
 * flush. It remembers since when a write to the socket has been blocked, so a stalled receiver can be
 * detected from another thread ({@link Connections}).
 */
final class FrameWriter {

    /** Where full buffers go: the socket. */
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    static final int BUFFER_BYTES = 64 * 1024;

    private final Sink sink;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final byte[] digits = new byte[11];
    private int count;
    private volatile long blockedSince;

    FrameWriter(Sink sink) {
        this.sink = sink;
    }

    /** RFC 6587 §3.4.1: {@code MSG-LEN SP SYSLOG-MSG}, the length in octets, in decimal. */
    void octetCounted(byte[] message, int length) throws IOException {
        int start = digits.length;
        int value = length;
        do {
            digits[--start] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        write(digits, start, digits.length - start);
        write(' ');
        write(message, 0, length);
    }

    /** RFC 6587 §3.4.2: {@code SYSLOG-MSG LF}; the encoder has already replaced LFs inside it. */
    void line(byte[] message, int length) throws IOException {
        write(message, 0, length);
        write('\n');
    }

    void flush() throws IOException {
        if (count > 0) {
            drain(buffer, 0, count);
            count = 0;
        }
    }

    /** Forgets what is buffered (after a failure, before the next connection). */
    void discard() {
        count = 0;
    }

    /** Whether a socket write has been blocked for longer than {@code nanos}. */
    boolean blockedLongerThan(long nanos, long now) {
        long since = blockedSince;
        return since != 0 && now - since > nanos;
    }

    private void write(int b) throws IOException {
        if (count == buffer.length) {
            flush();
        }
        buffer[count++] = (byte) b;
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - count) {
            flush();
            if (length >= buffer.length) {
                drain(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    private void drain(byte[] bytes, int offset, int length) throws IOException {
        blockedSince = System.nanoTime() | 1; // never 0 while writing
        try {
            sink.write(bytes, offset, length);
        } finally {
            blockedSince = 0;
        }
    }
}
