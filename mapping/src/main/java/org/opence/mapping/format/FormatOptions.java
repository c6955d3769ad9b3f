package org.opence.mapping.format;

/**
 * Options of a compiled formatter.
 *
 * @param maxMessageLength the most UTF-8 bytes one formatted record may take; 0 = no limit. Over the
 *     limit, the longest values are shortened (all values longer than a common cap are cut to it) and
 *     end in {@value #TRUNCATION_MARK}, so the message stays well-formed CEF, LEEF or JSON. Keys and
 *     the fixed parts are never cut: when they alone exceed the limit, the message stays over it.
 */
public record FormatOptions(int maxMessageLength) {

    /** Appended to a value that was cut. */
    public static final String TRUNCATION_MARK = "[truncated]";

    /** The smallest limit accepted: room for a header and a few shortened values. */
    public static final int MIN_MESSAGE_LENGTH = 64;

    public static final FormatOptions DEFAULTS = new FormatOptions(0);

    public FormatOptions {
        if (maxMessageLength != 0 && maxMessageLength < MIN_MESSAGE_LENGTH) {
            throw new IllegalArgumentException(
                    "maxMessageLength must be 0 (no limit) or at least " + MIN_MESSAGE_LENGTH + " bytes");
        }
    }

    public static FormatOptions maxMessageLength(int bytes) {
        return new FormatOptions(bytes);
    }
}
