package org.opence.mapping.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Netskope records carry epoch seconds; CEF time fields take epoch milliseconds, LEEF's {@code devTime}
 * a date in {@link #LEEF_FORMAT}. A number below 10^11 is read as seconds (that covers every date up to
 * the year 5138), a larger one as milliseconds; anything else is written unchanged.
 */
final class Timestamps {

    /** The {@code devTimeFormat} written beside a converted LEEF {@code devTime}. */
    static final String LEEF_FORMAT = "MMM dd yyyy HH:mm:ss.SSS zzz";

    private static final DateTimeFormatter LEEF =
            DateTimeFormatter.ofPattern(LEEF_FORMAT, Locale.ENGLISH).withZone(ZoneId.of("UTC"));
    private static final long SECONDS_BELOW = 100_000_000_000L;

    private Timestamps() {}

    /** Epoch milliseconds for an epoch-seconds or -milliseconds text, or {@code value} unchanged. */
    static String cefMillis(String value) {
        long millis = millis(value);
        return millis == Long.MIN_VALUE ? value : Long.toString(millis);
    }

    /** The LEEF date for an epoch text, or null when {@code value} is not one. */
    static String leefDate(String value) {
        long millis = millis(value);
        return millis == Long.MIN_VALUE ? null : LEEF.format(Instant.ofEpochMilli(millis));
    }

    /** Epoch milliseconds, or {@link Long#MIN_VALUE} when {@code value} is no epoch number. */
    static long millis(String value) {
        int len = value.length();
        if (len == 0 || len > 19) {
            return Long.MIN_VALUE;
        }
        long whole = 0;
        int i = 0;
        while (i < len && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            whole = whole * 10 + (value.charAt(i++) - '0');
        }
        if (i == 0) {
            return Long.MIN_VALUE;
        }
        long fractionMillis = 0;
        if (i < len && value.charAt(i) == '.') {
            int scale = 100;
            for (i++; i < len && value.charAt(i) >= '0' && value.charAt(i) <= '9'; i++) {
                fractionMillis += (value.charAt(i) - '0') * scale;
                scale /= 10;
            }
        }
        if (i != len) {
            return Long.MIN_VALUE;
        }
        return whole < SECONDS_BELOW ? whole * 1000 + fractionMillis : whole;
    }
}
