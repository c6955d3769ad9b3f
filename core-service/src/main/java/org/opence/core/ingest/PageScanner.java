package org.opence.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
            byte[] b = buffer;
            int p = position;
            int end = limit;
            while (p < end) {
                if (escaped) {
                    escaped = false;
                    p++;
                } else if (inString) {
                    // most bytes of a record are inside strings: only a quote or a backslash matters
                    p = nextQuoteOrBackslash(b, p, end);
                    if (p == end) {
                        break;
                    }
                    if (b[p++] == '\\') {
                        escaped = true;
                    } else {
                        inString = false;
                        if (depth == 0) {
                            position = p;
                            out.append(b, start, p - start);
                            return true;
                        }
                    }
                } else {
                    byte c = b[p++];
                    if (c == '"') {
                        inString = true;
                    } else if (c == '{' || c == '[') {
                        depth++;
                    } else if ((c == '}' || c == ']') && --depth == 0) {
                        position = p;
                        out.append(b, start, p - start);
                        return true;
                    }
                }
            }
            position = p;
            out.append(b, start, p - start);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    /**
     * Where the next {@code "} or {@code \} is from {@code p}, or {@code end}: eight bytes at a time
     * (a byte of a word equals the one sought when that byte of the word XOR the sought byte is zero;
     * the lowest such byte is found exactly), then byte by byte.
     */
    private static int nextQuoteOrBackslash(byte[] b, int p, int end) {
        while (p + 8 <= end) {
            long word = (long) LONGS.get(b, p);
            long quotes = word ^ QUOTES;
            long backslashes = word ^ BACKSLASHES;
            long found = ((quotes - ONES) & ~quotes & HIGHS) | ((backslashes - ONES) & ~backslashes & HIGHS);
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            p += 8;
        }
        while (p < end && b[p] != '"' && b[p] != '\\') {
            p++;
        }
        return p;
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
