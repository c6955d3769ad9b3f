package org.opence.mapping.format;

/**
 * The escaping rules of the three formats, each appending one value to a builder. Every method returns
 * the length of the value before escaping (used to find the longest value), writes runs without
 * special characters in bulk, and shortens a value longer than {@code cap} characters to
 * {@code cap} characters including {@link FormatOptions#TRUNCATION_MARK}, never splitting a
 * surrogate pair.
 */
final class Text {

    static final int NO_CAP = Integer.MAX_VALUE;
    private static final String MARK = FormatOptions.TRUNCATION_MARK;

    private Text() {}

    /** CEF header field: {@code \} and {@code |} escaped with a backslash, line breaks become spaces. */
    static int cefHeader(StringBuilder sb, String s, int cap) {
        int end = cut(s, cap);
        int run = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '|' || c == '\n' || c == '\r') {
                sb.append(s, run, i);
                if (c == '\\' || c == '|') {
                    sb.append('\\').append(c);
                } else {
                    sb.append(' ');
                }
                run = i + 1;
            }
        }
        return finish(sb, s, run, end);
    }

    /** CEF extension value: {@code \}, {@code =} escaped; CR and LF written as {@code \r} and {@code \n}. */
    static int cefValue(StringBuilder sb, String s, int cap) {
        int end = cut(s, cap);
        int run = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '=' || c == '\n' || c == '\r') {
                sb.append(s, run, i).append('\\');
                sb.append(c == '\n' ? 'n' : c == '\r' ? 'r' : c);
                run = i + 1;
            }
        }
        return finish(sb, s, run, end);
    }

    /**
     * LEEF attribute value: LEEF defines no escape inside values and receivers split on the delimiter,
     * so the delimiter and line breaks are replaced by {@code replacement}.
     */
    static int leefValue(StringBuilder sb, String s, char delimiter, char replacement, int cap) {
        int end = cut(s, cap);
        int run = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == delimiter || c == '\n' || c == '\r') {
                sb.append(s, run, i).append(replacement);
                run = i + 1;
            }
        }
        return finish(sb, s, run, end);
    }

    /** JSON string including the quotes. */
    static int json(StringBuilder sb, String s, int cap) {
        sb.append('"');
        int end = cut(s, cap);
        int run = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                sb.append(s, run, i);
                jsonEscape(sb, c);
                run = i + 1;
            }
        }
        int length = finish(sb, s, run, end);
        sb.append('"');
        return length;
    }

    private static void jsonEscape(StringBuilder sb, char c) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Where writing {@code s} stops: its end, or the cut point leaving room for the mark. */
    private static int cut(String s, int cap) {
        if (s.length() <= cap) {
            return s.length();
        }
        int end = Math.max(0, cap - MARK.length());
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static int finish(StringBuilder sb, String s, int run, int end) {
        if (run == 0 && end == s.length()) {
            sb.append(s);
        } else {
            sb.append(s, run, end);
        }
        if (end < s.length()) {
            sb.append(MARK);
        }
        return s.length();
    }
}
