package org.opence.mapping.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CEF reader written for the tests from the ArcSight CEF specification alone, sharing nothing with
 * the production code: a state machine over the characters. Strict: an escape the specification does
 * not define, a raw line break or a key that is not alphanumeric fails the parse.
 */
public final class CefTestParser {

    public record Event(String version, List<String> header, Map<String, String> extension) {}

    private CefTestParser() {}

    public static Event parse(String line) {
        if (!line.startsWith("CEF:")) {
            throw new IllegalArgumentException("no CEF: prefix");
        }
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("raw line break in a CEF line");
        }
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 4;
        while (fields.size() < 7) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("header ends after " + fields.size() + " fields");
            }
            char c = line.charAt(i++);
            if (c == '\\') {
                char next = line.charAt(i++);
                if (next != '\\' && next != '|') {
                    throw new IllegalArgumentException("undefined header escape \\" + next);
                }
                current.append(next);
            } else if (c == '|') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return new Event(fields.get(0), fields.subList(1, 7), extension(line.substring(i)));
    }

    private enum State {
        KEY,
        VALUE
    }

    private static Map<String, String> extension(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return pairs;
        }
        State state = State.KEY;
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        int lastSpace = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (state) {
                case KEY -> {
                    if (c == '=') {
                        requireKey(key.toString());
                        state = State.VALUE;
                        value.setLength(0);
                        lastSpace = -1;
                    } else {
                        key.append(c);
                    }
                }
                case VALUE -> {
                    if (c == '\\') {
                        char next = text.charAt(++i);
                        value.append(
                                switch (next) {
                                    case '\\' -> '\\';
                                    case '=' -> '=';
                                    case 'n' -> '\n';
                                    case 'r' -> '\r';
                                    default -> throw new IllegalArgumentException("undefined escape \\" + next);
                                });
                    } else if (c == '=') {
                        // an unescaped '=' ends the value at the last space: the word after it is the next key
                        if (lastSpace < 0) {
                            throw new IllegalArgumentException("unescaped '=' inside the value of " + key);
                        }
                        String nextKey = value.substring(lastSpace + 1);
                        requireKey(nextKey);
                        put(pairs, key.toString(), value.substring(0, lastSpace));
                        key.setLength(0);
                        key.append(nextKey);
                        value.setLength(0);
                        lastSpace = -1;
                    } else {
                        if (c == ' ') {
                            lastSpace = value.length();
                        }
                        value.append(c);
                    }
                }
            }
        }
        if (state != State.VALUE) {
            throw new IllegalArgumentException("extension ends inside a key");
        }
        put(pairs, key.toString(), value.toString());
        return pairs;
    }

    private static void requireKey(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty extension key");
        }
        for (char c : key.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("extension key '" + key + "' is not alphanumeric");
            }
        }
    }

    private static void put(Map<String, String> pairs, String key, String value) {
        if (pairs.put(key, value) != null) {
            throw new IllegalArgumentException("key " + key + " twice");
        }
    }
}
