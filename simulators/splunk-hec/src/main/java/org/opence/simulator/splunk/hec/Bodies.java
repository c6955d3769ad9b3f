package org.opence.simulator.splunk.hec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Request bodies as HEC reads them: the wire size limit, then {@code Content-Encoding: gzip}. */
final class Bodies {

    private Bodies() {}

    /** Refuses a body above {@code max_content_length} (413), counted as it came over the wire. */
    static void checkLength(byte[] body, long maxContentLength) {
        if (body.length > maxContentLength) {
            throw HecException.tooLarge(body.length, maxContentLength);
        }
    }

    /**
     * The body as the collector parses it: unchanged without an encoding, inflated for gzip. A corrupt
     * gzip stream or an encoding other than gzip is invalid data (code 6); an inflated body above
     * {@code maxDecoded} is refused like a body that is too large.
     */
    static byte[] decode(byte[] body, String contentEncoding, long maxDecoded) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return body;
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new HecException(HecCode.INVALID_DATA_FORMAT);
        }
        if (body.length == 0) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, body.length * 4));
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxDecoded) {
                    throw HecException.tooLarge(total, maxDecoded);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new HecException(HecCode.INVALID_DATA_FORMAT);
        }
    }

    /** Whether the body holds nothing but whitespace: HEC's "No data" (code 5). */
    static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
