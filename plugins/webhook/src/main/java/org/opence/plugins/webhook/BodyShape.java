package org.opence.plugins.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * How the records of one request are put into its body. Every record is already one JSON value (an
 * object for {@code json}, a string for CEF and LEEF), so a body is the records with a fixed frame
 * around them, and its size is known before it is written.
 */
enum BodyShape {
    /** {@code [r1,r2,...]} */
    ARRAY("array", "application/json"),
    /** {@code r1\nr2\n...}: one record per line, each line ended by a line feed. */
    NDJSON("ndjson", "application/x-ndjson"),
    /** {@code {"records":[r1,r2,...],"dataType":"alerts","subType":"malware"}} */
    ENVELOPE("envelope", "application/json");

    final String key;
    final String contentType;

    BodyShape(String key, String contentType) {
        this.key = key;
        this.contentType = contentType;
    }

    static BodyShape of(String key) {
        for (BodyShape shape : values()) {
            if (shape.key.equals(key.toLowerCase(Locale.ROOT))) {
                return shape;
            }
        }
        throw new IllegalArgumentException(key);
    }

    /** The frame of this shape for a push of {@code dataType}/{@code subType}. */
    Frame frame(String dataType, String subType) {
        return switch (this) {
            case ARRAY -> new Frame("[", ",", "", "]");
            case NDJSON -> new Frame("", "", "\n", "");
            case ENVELOPE ->
                new Frame(
                        "{\"records\":[",
                        ",",
                        "",
                        "],\"dataType\":" + JsonText.quote(dataType) + ",\"subType\":" + JsonText.quote(subType) + "}");
        };
    }

    /**
     * What goes around and between the records: {@code open r1 [end] separator r2 [end] ... close}.
     */
    static final class Frame {
        private final byte[] open;
        private final byte[] separator;
        private final byte[] end;
        private final byte[] close;

        Frame(String open, String separator, String end, String close) {
            this.open = open.getBytes(StandardCharsets.UTF_8);
            this.separator = separator.getBytes(StandardCharsets.UTF_8);
            this.end = end.getBytes(StandardCharsets.UTF_8);
            this.close = close.getBytes(StandardCharsets.UTF_8);
        }

        /** The size of a body with {@code count} records of {@code recordBytes} bytes in all. */
        long size(int count, long recordBytes) {
            return open.length
                    + close.length
                    + recordBytes
                    + (long) count * end.length
                    + (long) Math.max(count - 1, 0) * separator.length;
        }

        byte[] write(List<byte[]> records) {
            long total = 0;
            for (byte[] record : records) {
                total += record.length;
            }
            ByteArrayOutputStream body =
                    new ByteArrayOutputStream((int) Math.min(size(records.size(), total), 1 << 30));
            body.writeBytes(open);
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    body.writeBytes(separator);
                }
                body.writeBytes(records.get(i));
                body.writeBytes(end);
            }
            body.writeBytes(close);
            return body.toByteArray();
        }
    }
}
