package org.opence.mapping.field;

/**
 * Validates IPv4 and IPv6 addresses by hand (never through {@link java.net.InetAddress}, which may look
 * names up) and writes them in canonical form: IPv4 as dotted quad, IPv6 as RFC 5952 (lower case,
 * leading zeros dropped, the longest run of zero groups as {@code ::}, IPv4-mapped as
 * {@code ::ffff:a.b.c.d}). Zone ids ({@code fe80::1%eth0}), brackets and leading zeros in IPv4 parts
 * ({@code 010.0.0.1}, which some parsers read as octal) are rejected.
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The canonical form of {@code text}, or null when it is not an IP address. */
    public static String canonical(String text) {
        String s = text.strip();
        if (s.indexOf(':') >= 0) {
            return canonicalV6(s);
        }
        return isV4(s, 0, s.length()) ? s : null;
    }

    static boolean isV4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && NumberText.isDigit(s.charAt(i)) && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    private static String canonicalV6(String s) {
        if (s.length() > 45) {
            return null;
        }
        int[] groups = new int[8];
        int gap = s.indexOf("::");
        int count;
        if (gap < 0) {
            count = parseGroups(s, 0, s.length(), groups, 0, true);
            if (count != 8) {
                return null;
            }
        } else {
            if (s.indexOf("::", gap + 1) >= 0) {
                return null;
            }
            int head = gap == 0 ? 0 : parseGroups(s, 0, gap, groups, 0, false);
            if (head < 0) {
                return null;
            }
            int[] tailGroups = new int[8];
            int tail = gap + 2 == s.length() ? 0 : parseGroups(s, gap + 2, s.length(), tailGroups, 0, true);
            if (tail < 0 || head + tail > 7) {
                return null;
            }
            System.arraycopy(tailGroups, 0, groups, 8 - tail, tail);
        }
        return format(groups);
    }

    /** Parses {@code h16(:h16)*} (optionally ending in an IPv4 address) into {@code out}; -1 if invalid. */
    private static int parseGroups(String s, int from, int to, int[] out, int pos, boolean v4AllowedLast) {
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && NumberText.hexDigit(s.charAt(i)) >= 0 && i - start < 5) {
                value = (value << 4) | NumberText.hexDigit(s.charAt(i));
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                if (!v4AllowedLast || pos > 6 || !isV4(s, start, to)) {
                    return -1;
                }
                int v4 = v4Value(s, start, to);
                out[pos++] = v4 >>> 16;
                out[pos++] = v4 & 0xffff;
                return pos;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4 || pos == 8) {
                return -1;
            }
            out[pos++] = value;
            if (i == to) {
                return pos;
            }
            if (s.charAt(i) != ':') {
                return -1;
            }
            i++;
        }
    }

    private static int v4Value(String s, int from, int to) {
        int result = 0;
        int part = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                result = (result << 8) | part;
                part = 0;
            } else {
                part = part * 10 + (c - '0');
            }
        }
        return (result << 8) | part;
    }

    private static String format(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + (g[6] >>> 8) + "." + (g[6] & 0xff) + "." + (g[7] >>> 8) + "." + (g[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
