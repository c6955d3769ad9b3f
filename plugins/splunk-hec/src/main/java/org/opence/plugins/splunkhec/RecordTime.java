package org.opence.plugins.splunkhec;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time of a record as HEC's {@code time} (epoch seconds, fractions allowed), read from what the
 * default mapping files put there: JSON's {@code timestamp}, CEF's {@code rt}, LEEF's {@code devTime},
 * each as epoch seconds or milliseconds. Anything else (a date text, no such field) gives none, and
 * Splunk then uses the arrival time.
 */
final class RecordTime {

    /** Epoch values at or above this are milliseconds (as seconds it would be the year 5138). */
    private static final BigDecimal MILLIS_FROM = new BigDecimal("100000000000");

    /**
     * CEF extension {@code rt=}: a key starts after a space or the header's last {@code |}; an {@code =}
     * inside a value is escaped ({@code \=}), so an unescaped {@code rt=} after a space is the key.
     */
    private static final Pattern CEF_RT = Pattern.compile("(?:^|[ |])rt=(\\d{1,16}(?:\\.\\d{1,6})?)(?=\\s|$)");

    /** LEEF {@code devTime=}: the delimiter is configurable (tab by default), so any non-word character before it. */
    private static final Pattern LEEF_DEV_TIME =
            Pattern.compile("(?:^|[^A-Za-z0-9_])devTime=(\\d{1,16}(?:\\.\\d{1,6})?)(?=[^0-9.]|$)");

    private RecordTime() {}

    /** The time of a JSON record's members, or null. */
    static BigDecimal ofJson(Map<?, ?> record) {
        return record.get("timestamp") instanceof BigDecimal number ? seconds(number) : null;
    }

    static BigDecimal ofCef(String line) {
        int extension = extensionStart(line, 7);
        return extension < 0 ? null : match(CEF_RT, line.substring(extension));
    }

    static BigDecimal ofLeef(String line) {
        return match(LEEF_DEV_TIME, line);
    }

    private static BigDecimal match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? seconds(new BigDecimal(m.group(1))) : null;
    }

    private static BigDecimal seconds(BigDecimal epoch) {
        if (epoch.signum() <= 0) {
            return null;
        }
        return epoch.compareTo(MILLIS_FROM) >= 0 ? epoch.movePointLeft(3).stripTrailingZeros() : epoch;
    }

    /** Where the extension starts: after the {@code pipes}-th unescaped {@code |}, or -1. */
    private static int extensionStart(String line, int pipes) {
        int seen = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|' && ++seen == pipes) {
                return i + 1;
            }
        }
        return -1;
    }
}
