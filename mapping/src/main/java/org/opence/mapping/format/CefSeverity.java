package org.opence.mapping.format;

/**
 * Normalises the CEF header severity. CEF takes an integer 0–10 or one of Unknown, Low, Medium, High,
 * Very-High; Netskope records say {@code info}, {@code low}, {@code medium}, {@code high},
 * {@code critical}. Every accepted word becomes an integer (case does not matter), so a SIEM can sort
 * and compare severities; {@code Unknown} stays a word as CEF has no number for it.
 *
 * <pre>
 * input (any case)                     written
 * 0 … 10                               the same integer
 * unknown                              Unknown
 * info, informational                  1
 * low                                  3      (CEF Low       = 0–3)
 * medium, moderate                     5      (CEF Medium    = 4–6)
 * high                                 8      (CEF High      = 7–8)
 * very-high, very high                 9      (CEF Very-High = 9–10)
 * critical                             10
 * </pre>
 */
public final class CefSeverity {

    /** What {@link #normalise(String)} accepts, for error messages. */
    public static final String ACCEPTED = "an integer 0 to 10, Unknown, Low, Medium, High, Very-High or a Netskope"
            + " severity (info, informational, moderate, critical)";

    private static final String[] INTEGERS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};

    private CefSeverity() {}

    /** The severity to write for {@code value}, or null when it is not one. */
    public static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.length() <= 2 && !s.isEmpty() && Character.isDigit(s.charAt(0))) {
            int n = parseSmall(s);
            return n >= 0 && n <= 10 ? INTEGERS[n] : null;
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "unknown" -> "Unknown";
            case "info", "informational" -> INTEGERS[1];
            case "low" -> INTEGERS[3];
            case "medium", "moderate" -> INTEGERS[5];
            case "high" -> INTEGERS[8];
            case "very-high", "very high" -> INTEGERS[9];
            case "critical" -> INTEGERS[10];
            default -> null;
        };
    }

    private static int parseSmall(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
