package org.opence.plugins.syslog;

import java.net.InetAddress;

/**
 * The rules of syslog header fields. RFC 5424 §6 allows only printable US-ASCII (33 to 126) in
 * HOSTNAME, APP-NAME, PROCID and MSGID, each with a length limit, and {@code -} for a missing value.
 * Values the user typed are checked and refused; values the plugin derives (the local host name, the
 * message id from the sub type) are made to fit.
 */
final class HeaderFields {

    static final int HOSTNAME_MAX = 255;
    static final int APP_NAME_MAX = 48;
    static final int PROCID_MAX = 128;
    static final int MSGID_MAX = 32;
    static final String NIL = "-";

    private HeaderFields() {}

    /** Why {@code value} cannot be an RFC 5424 header field of at most {@code max} characters, or null. */
    static String problem(String value, int max) {
        if (value.length() > max) {
            return "must have at most " + max + " characters (RFC 5424)";
        }
        if (!printable(value)) {
            return "may only contain printable US-ASCII characters, no spaces (RFC 5424)";
        }
        return null;
    }

    /**
     * Why {@code value} cannot be an RFC 3164 TAG, or null. The RFC says alphanumeric; receivers take
     * any printable character that does not end the tag, so only {@code :}, {@code [} and {@code ]}
     * are refused besides spaces.
     */
    static String tagProblem(String value) {
        if (value.length() > SyslogSettings.TAG_MAX) {
            return "must have at most " + SyslogSettings.TAG_MAX + " characters for RFC 3164 (its TAG)";
        }
        if (!printable(value) || value.indexOf(':') >= 0 || value.indexOf('[') >= 0 || value.indexOf(']') >= 0) {
            return "may only contain printable US-ASCII characters without spaces, ':', '[' or ']' (RFC 3164 TAG)";
        }
        return null;
    }

    static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes a derived value a valid header field: characters outside printable US-ASCII become
     * {@code _}, the value is cut to {@code max}, and nothing becomes the nil value {@code -}.
     */
    static String fit(String value, int max) {
        if (value == null || value.isBlank()) {
            return NIL;
        }
        String trimmed = value.strip();
        StringBuilder fitted = new StringBuilder(Math.min(trimmed.length(), max));
        for (int i = 0; i < trimmed.length() && fitted.length() < max; i++) {
            char c = trimmed.charAt(i);
            fitted.append(c < 33 || c > 126 ? '_' : c);
        }
        return fitted.toString();
    }

    /** The local host name as a header field, looked up once (it may take a DNS query). */
    static String localHostname() {
        return LocalHost.NAME;
    }

    private static final class LocalHost {
        static final String NAME = lookUp();

        private static String lookUp() {
            String name;
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                name = System.getenv("HOSTNAME");
            }
            String fitted = fit(name, HOSTNAME_MAX);
            return fitted.equals(NIL) ? "localhost" : fitted;
        }
    }
}
