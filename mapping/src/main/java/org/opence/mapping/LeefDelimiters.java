package org.opence.mapping;

/**
 * The LEEF 2.0 header names its attribute delimiter either as the character itself or as its hex code
 * ({@code x09}, {@code 0x09}); both spellings are read, the character is written by
 * {@link MappingFile#toJson()}.
 */
final class LeefDelimiters {

    static final String SYNTAX = "must be one character or its hex code such as x09 or 0x5E";

    private LeefDelimiters() {}

    /** The delimiter {@code text} names, or null when it names none. */
    static Character parse(String text) {
        if (text.length() == 1) {
            return text.charAt(0);
        }
        String hex = text.startsWith("0x") || text.startsWith("0X")
                ? text.substring(2)
                : text.startsWith("x") || text.startsWith("X") ? text.substring(1) : null;
        if (hex == null || hex.isEmpty() || hex.length() > 4) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < hex.length(); i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0 || hex.charAt(i) > 'f') {
                return null;
            }
            value = value * 16 + d;
        }
        return (char) value;
    }
}
