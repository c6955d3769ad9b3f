package org.opence.plugins.webhook;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of HTTP status codes written as codes and ranges, e.g. {@code 200-299} or
 * {@code 200,202,204-206}.
 */
final class StatusCodes {

    static final int MIN = 100;
    static final int MAX = 599;
    static final String RULE = "must be status codes from " + MIN + " to " + MAX
            + " or ranges of them, separated by commas, e.g. 200-299 or 200,202,204-206";

    private static final Pattern PART = Pattern.compile("(\\d{1,3})(?:\\s*-\\s*(\\d{1,3}))?");

    private final String text;
    private final BitSet codes;

    private StatusCodes(String text, BitSet codes) {
        this.text = text;
        this.codes = codes;
    }

    /** Reads {@code text}; the exception's message says what is wrong, to follow the field's name. */
    static StatusCodes parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(RULE);
        }
        BitSet codes = new BitSet(MAX + 1);
        for (String part : trimmed.split(",", -1)) {
            Matcher matcher = PART.matcher(part.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(RULE + "; '" + part.trim() + "' is neither a code nor a range");
            }
            int from = Integer.parseInt(matcher.group(1));
            int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
            if (from < MIN || to > MAX || from > to) {
                throw new IllegalArgumentException(RULE + "; '" + part.trim() + "' is out of range");
            }
            codes.set(from, to + 1);
        }
        return new StatusCodes(trimmed, codes);
    }

    boolean contains(int status) {
        return status >= 0 && codes.get(status);
    }

    /** As the user wrote it, trimmed. */
    @Override
    public String toString() {
        return text;
    }
}
