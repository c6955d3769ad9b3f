package org.opence.mapping.field;

import java.math.BigDecimal;

/**
 * Strict readers of numbers written as text. Only plain decimal notation is accepted (no hex, no
 * {@code NaN}, no {@code d}/{@code f} suffixes as {@link Double#parseDouble} would), and integers are
 * never read through a double, so 64-bit values stay exact.
 */
public final class NumberText {

    /** Longer number texts are not read as numbers (they are not numbers any SIEM column takes). */
    public static final int MAX_LENGTH = 100;

    private NumberText() {}

    /**
     * An integer written as {@code [+-]digits} with an optional all-zero fraction ({@code 12.00}), in
     * canonical form (no sign for positive, no leading zeros), if it fits 64 bits signed or unsigned;
     * otherwise null.
     */
    public static String canonicalInteger(String s) {
        int len = s.length();
        int i = 0;
        boolean negative = false;
        if (len > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        int digitsStart = i;
        while (i < len && isDigit(s.charAt(i))) {
            i++;
        }
        int digitsEnd = i;
        if (digitsEnd == digitsStart) {
            return null;
        }
        if (i < len && s.charAt(i) == '.') {
            i++;
            while (i < len && s.charAt(i) == '0') {
                i++;
            }
        }
        if (i != len) {
            return null;
        }
        int first = digitsStart;
        while (first < digitsEnd - 1 && s.charAt(first) == '0') {
            first++;
        }
        String digits = s.substring(first, digitsEnd);
        if (digits.length() > 20) {
            return null;
        }
        boolean zero = digits.equals("0");
        String canonical = negative && !zero ? "-" + digits : digits;
        if (digits.length() >= 19 && !fits64(canonical)) {
            return null;
        }
        return canonical;
    }

    /** Whether {@code s} is a decimal number: {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}. */
    public static boolean isDecimal(String s) {
        int len = s.length();
        if (len == 0 || len > MAX_LENGTH) {
            return false;
        }
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int intDigits = 0;
        while (i < len && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < len && s.charAt(i) == '.') {
            i++;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0 || expDigits > 6) {
                return false;
            }
        }
        return i == len;
    }

    /** The exact value of a decimal text, or null when {@link #isDecimal(String)} says it is none. */
    public static BigDecimal decimal(String s) {
        if (!isDecimal(s)) {
            return null;
        }
        return new BigDecimal(s.charAt(0) == '+' ? s.substring(1) : s);
    }

    /** The value of an ASCII hex digit, or -1 (unlike {@link Character#digit}, other scripts' digits are not). */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The largest unsigned and the smallest signed 64-bit values, as digits without a sign. */
    private static final String MAX_UNSIGNED_DIGITS = "18446744073709551615";

    private static final String MIN_SIGNED_DIGITS = "9223372036854775808";

    /**
     * Whether a canonical integer (no leading zeros, '-' only before a non-zero value) lies between the
     * smallest signed and the largest unsigned 64-bit value. Compared as digit strings: numbers of the
     * same length order like their text, so no BigInteger is made for every large value formatted.
     */
    static boolean fits64(String canonical) {
        boolean negative = canonical.charAt(0) == '-';
        String digits = negative ? canonical.substring(1) : canonical;
        String limit = negative ? MIN_SIGNED_DIGITS : MAX_UNSIGNED_DIGITS;
        if (digits.length() != limit.length()) {
            return digits.length() < limit.length();
        }
        return digits.compareTo(limit) <= 0;
    }
}
