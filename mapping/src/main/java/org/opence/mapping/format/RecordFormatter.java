package org.opence.mapping.format;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes records of one data type and subtype in the format of a compiled mapping. Instances are
 * immutable and thread-safe; the hot-path method {@link #format(JsonNode, StringBuilder)} appends to a
 * builder the caller reuses and allocates little besides the converted values.
 */
public abstract class RecordFormatter {

    /** What a CEF or LEEF header field holds when the record has no value for it and there is no default. */
    public static final String MISSING = "Unknown";

    private static final int KEPT_BUFFER_CHARS = 64 * 1024;
    private static final ThreadLocal<StringBuilder> BUFFERS = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    private final int maxBytes;

    RecordFormatter(FormatOptions options) {
        this.maxBytes = options.maxMessageLength();
    }

    /**
     * Writes each value with {@link Text}, cut to {@code cap} characters.
     *
     * @return the length of the longest value written before cutting (0 when there was none)
     */
    abstract int render(JsonNode record, StringBuilder out, int cap);

    /** Appends the formatted record (no line terminator) to {@code out}. */
    public final void format(JsonNode record, StringBuilder out) {
        int start = out.length();
        int longest = render(record, out, Text.NO_CAP);
        // a char takes at most 3 UTF-8 bytes (a surrogate pair 4 for 2): short output needs no count
        if (maxBytes > 0 && (out.length() - start) * 3L > maxBytes && Utf8.length(out, start) > maxBytes) {
            shrink(record, out, start, longest);
        }
    }

    /** The formatted record as a string. */
    public final String format(JsonNode record) {
        StringBuilder sb = buffer();
        format(record, sb);
        return sb.toString();
    }

    /** The formatted record as UTF-8 bytes. */
    public final byte[] formatBytes(JsonNode record) {
        StringBuilder sb = buffer();
        format(record, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Finds the largest common cap on value length that fits the limit. Lengths only grow with the cap
     * once it is at least the mark's length, so a binary search over caps is exact.
     */
    private void shrink(JsonNode record, StringBuilder out, int start, int longest) {
        int low = FormatOptions.TRUNCATION_MARK.length();
        int high = longest - 1;
        int best = low;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            out.setLength(start);
            render(record, out, mid);
            if (Utf8.length(out, start) <= maxBytes) {
                best = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        out.setLength(start);
        render(record, out, best);
    }

    private static StringBuilder buffer() {
        StringBuilder sb = BUFFERS.get();
        if (sb.capacity() > KEPT_BUFFER_CHARS) {
            sb = new StringBuilder(1024);
            BUFFERS.set(sb);
        }
        sb.setLength(0);
        return sb;
    }
}
