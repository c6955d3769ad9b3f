package org.opence.mapping.field;

/**
 * Reads a 48-bit MAC address written as {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-cc-dd-ee-ff},
 * {@code aabb.ccdd.eeff} or {@code aabbccddeeff} (any case) and writes it as
 * {@code aa:bb:cc:dd:ee:ff}.
 */
public final class MacAddresses {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MacAddresses() {}

    /** The canonical form of {@code text}, or null when it is not a MAC address in a known notation. */
    public static String canonical(String text) {
        String s = text.strip();
        char[] digits = new char[12];
        int n = 0;
        switch (s.length()) {
            case 17 -> {
                char sep = s.charAt(2);
                if (sep != ':' && sep != '-') {
                    return null;
                }
                for (int i = 0; i < 17; i++) {
                    if (i % 3 == 2) {
                        if (s.charAt(i) != sep) {
                            return null;
                        }
                    } else if ((digits[n++] = hex(s.charAt(i))) == 0) {
                        return null;
                    }
                }
            }
            case 14 -> {
                for (int i = 0; i < 14; i++) {
                    if (i % 5 == 4) {
                        if (s.charAt(i) != '.') {
                            return null;
                        }
                    } else if ((digits[n++] = hex(s.charAt(i))) == 0) {
                        return null;
                    }
                }
            }
            case 12 -> {
                for (int i = 0; i < 12; i++) {
                    if ((digits[n++] = hex(s.charAt(i))) == 0) {
                        return null;
                    }
                }
            }
            default -> {
                return null;
            }
        }
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 2 == 0) {
                sb.append(':');
            }
            sb.append(digits[i]);
        }
        return sb.toString();
    }

    /** The lower-case hex digit {@code c} stands for, or 0 when it is none. */
    private static char hex(char c) {
        int d = NumberText.hexDigit(c);
        return d < 0 ? 0 : HEX[d];
    }
}
