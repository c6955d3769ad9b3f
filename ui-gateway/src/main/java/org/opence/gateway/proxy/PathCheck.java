package org.opence.gateway.proxy;

import java.util.Locale;

/**
 * Refuses API paths that a service could read differently from the gateway: dot segments, encoded
 * slashes, backslashes and empty segments. The gateway picks the owning service by the path as sent;
 * {@code /api/cte/../tenants/x} or {@code /api/cte/%2e%2e/tenants} would be routed to cte-service and
 * understood elsewhere, so no such path is forwarded.
 */
final class PathCheck {

    private PathCheck() {}

    /** Null when the path is fine, else what is wrong with it. */
    static String problem(String path) {
        if (path == null || !path.startsWith("/")) {
            return "The path must start with '/'.";
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || path.indexOf('\\') >= 0) {
            return "The path must not contain encoded slashes or backslashes.";
        }
        if (lower.contains("%00") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "The path must not contain control characters.";
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String decoded = segments[i].toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return "The path must not contain '.' or '..' segments.";
            }
            if (segments[i].isEmpty() && i < segments.length - 1) {
                return "The path must not contain empty segments ('//').";
            }
        }
        return null;
    }
}
