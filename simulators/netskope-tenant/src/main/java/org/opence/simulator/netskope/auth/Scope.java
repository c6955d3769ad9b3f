package org.opence.simulator.netskope.auth;

import java.util.Locale;

/** One grant of a token: an endpoint path (a trailing {@code *} makes it a prefix) for reading, writing or both. */
public record Scope(Access access, String pattern) {

    public enum Access {
        READ,
        WRITE,
        READ_WRITE
    }

    /** Parses {@code read:/api/v2/events/dataexport/*}, {@code write:/api/v2/policy/urllist} or a bare path. */
    public static Scope parse(String text) {
        String s = text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("read:")) {
            return new Scope(Access.READ, s.substring(5).trim());
        }
        if (lower.startsWith("write:")) {
            return new Scope(Access.WRITE, s.substring(6).trim());
        }
        return new Scope(Access.READ_WRITE, s);
    }

    public boolean grants(boolean write, String path) {
        boolean accessOk = access == Access.READ_WRITE || (write ? access == Access.WRITE : access == Access.READ);
        if (!accessOk) {
            return false;
        }
        if (pattern.endsWith("*")) {
            return path.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return path.equals(pattern);
    }

    @Override
    public String toString() {
        return switch (access) {
            case READ -> "read:" + pattern;
            case WRITE -> "write:" + pattern;
            case READ_WRITE -> pattern;
        };
    }
}
