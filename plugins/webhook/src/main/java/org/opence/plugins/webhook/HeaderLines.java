package org.opence.plugins.webhook;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The extra static headers, one {@code Name: value} per line, and the rules every header name and
 * value this plugin sends must follow.
 */
final class HeaderLines {

    /** A header sent with every request. */
    record Header(String name, String value) {}

    /** The lines read and what is wrong with them (one message per bad line). */
    record Parsed(List<Header> headers, List<String> problems) {}

    /** RFC 9110 §5.6.2: a token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Headers the plugin or the platform's HTTP client sets itself, and why. */
    private static final Map<String, String> RESERVED = Map.of(
            "content-length", "is computed for every request",
            "content-encoding", "is set by the gzip field",
            "transfer-encoding", "is chosen by the HTTP client",
            "host", "comes from the URL",
            "connection", "is managed by the HTTP client",
            "expect", "is managed by the HTTP client",
            "upgrade", "is managed by the HTTP client",
            "user-agent", "is set by the platform (OpenCloudExchange/<version>)");

    private HeaderLines() {}

    static Parsed parse(String text) {
        List<Header> headers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add("line " + (i + 1) + " ('" + shorten(line) + "') must be 'Name: value'");
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            String problem = nameProblem(name);
            if (problem == null && valueProblem(value) != null) {
                problem = "the value of '" + name + "' " + valueProblem(value);
            }
            if (problem != null) {
                problems.add("line " + (i + 1) + ": " + problem);
            } else {
                headers.add(new Header(name, value));
            }
        }
        return new Parsed(List.copyOf(headers), List.copyOf(problems));
    }

    /** Why {@code name} cannot be sent as a header name, or null. */
    static String nameProblem(String name) {
        if (!TOKEN.matcher(name).matches()) {
            return "'" + shorten(name) + "' is not a header name: it may only contain letters, digits and"
                    + " !#$%&'*+-.^_`|~";
        }
        String reserved = RESERVED.get(name.toLowerCase(Locale.ROOT));
        if (reserved != null) {
            return "'" + name + "' cannot be set: it " + reserved;
        }
        try {
            HttpRequest.newBuilder().header(name, "x");
        } catch (IllegalArgumentException e) {
            return "'" + name + "' cannot be set: the HTTP client refuses it";
        }
        return null;
    }

    /**
     * Why {@code value} cannot be sent as a header value, or null: no control characters but tab, and
     * nothing beyond ISO-8859-1 (which the HTTP client refuses).
     */
    static String valueProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return "must not contain control characters (found code " + (int) c + ")";
            }
            if (c > 0xff) {
                return "may only contain ISO-8859-1 characters (found '" + Character.toString(value.codePointAt(i))
                        + "')";
            }
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
