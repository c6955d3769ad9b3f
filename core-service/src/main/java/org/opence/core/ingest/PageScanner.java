package org.opence.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Finds where the JSON values of a tenant's answer begin and end by looking at bytes only: strings,
 * escapes and brackets. It never decodes text, so a value holding bytes that are not UTF-8, control
 * characters or tokens JSON does not allow still ends where it ends, and the values after it are read
 * as usual; whether a value is valid is for a real parser to say about that value alone. A UTF-8
 * sequence never holds a byte below 0x80, so quotes, backslashes and brackets are always what they seem.
 *
 * <p>An {@link IOException} from the stream (a connection that broke) is passed on; the end of the
 * stream inside a value is answered with {@code false}: the answer was cut.
 */
final class PageScanner {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long consumed;

    PageScanner(InputStream in) {
        this.in = in;
    }

    /** How many bytes of the answer were read up to the current position. */
    long offset() {
        return consumed + position;
    }

    /** The next byte that is not white space, without taking it; -1 at the end of the answer. */
    int peek() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return -1;
            }
            int b = buffer[position] & 0xff;
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
            position++;
        }
    }

    /** Takes the byte {@link #peek()} showed. */
    void skip() {
        position++;
    }

    /**
     * Reads the next value (after white space) into {@code out}.
     *
     * @return false when the answer ended inside it (or before it began)
     */
    boolean readValue(Bytes out) throws IOException {
        out.reset();
        int first = peek();
        if (first < 0) {
            return false;
        }
        if (first != '{' && first != '[' && first != '"') {
            return readScalar(out);
        }
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            if (position == limit && !fill()) {
                return false;
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position++];
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                        if (depth == 0) {
                            out.append(buffer, start, position - start);
                            return true;
                        }
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if ((b == '}' || b == ']') && --depth == 0) {
                    out.append(buffer, start, position - start);
                    return true;
                }
            }
            out.append(buffer, start, position - start);
        }
    }

    /** A number, literal or stray token: up to the next separator, bracket or white space. */
    private boolean readScalar(Bytes out) throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return true; // what a cut answer left after a scalar shows at the next structural read
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position];
                if (b == ',' || b == ']' || b == '}' || b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                    out.append(buffer, start, position - start);
                    if (out.length() == 0) {
                        position++; // a lone closing bracket where a value belongs: take it as the value
                        out.append(buffer, position - 1, 1);
                    }
                    return true;
                }
                position++;
            }
            out.append(buffer, start, position - start);
        }
    }

    private boolean fill() throws IOException {
        consumed += limit;
        position = 0;
        limit = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /**
     * A growing byte array that keeps at most {@code cap} bytes and remembers how many came in all, so
     * one enormous value cannot take the heap.
     */
    static final class Bytes {
        private final int cap;
        private byte[] data = new byte[8 * 1024];
        private int length;
        private long total;

        Bytes(int cap) {
            this.cap = cap;
        }

        void reset() {
            length = 0;
            total = 0;
            if (data.length > 1024 * 1024) {
                data = new byte[8 * 1024]; // don't keep one large record's buffer for good
            }
        }

        void append(byte[] from, int offset, int count) {
            total += count;
            int kept = Math.min(count, cap - length);
            if (kept <= 0) {
                return;
            }
            if (length + kept > data.length) {
                data = Arrays.copyOf(data, Math.min(cap, Math.max(length + kept, data.length * 2)));
            }
            System.arraycopy(from, offset, data, length, kept);
            length += kept;
        }

        byte[] array() {
            return data;
        }

        int length() {
            return length;
        }

        /** The size of the value, including what was beyond the cap. */
        long total() {
            return total;
        }

        boolean complete() {
            return total == length;
        }

        int first() {
            return length == 0 ? -1 : data[0] & 0xff;
        }

        byte[] copy() {
            return Arrays.copyOf(data, length);
        }
    }
}
