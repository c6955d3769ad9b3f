package org.opence.plugins.webhook;

/**
 * The little JSON this plugin needs: quoting a text as a JSON string, and checking that a text is one
 * JSON value. Records are embedded into request bodies as they are, so one broken record must be
 * caught before it breaks the whole body (and with it every other record of the request).
 */
final class JsonText {

    /** Deeper nesting is refused rather than risking the stack; mapped records are a few levels deep. */
    static final int MAX_DEPTH = 512;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** {@code text} as a JSON string literal, with quotes; {@code null} becomes {@code null}. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Why {@code text} is not exactly one JSON value (RFC 8259), or null when it is. */
    static String problem(String text) {
        Checker checker = new Checker(text);
        try {
            checker.whitespace();
            checker.value(0);
            checker.whitespace();
            if (checker.at < text.length()) {
                throw checker.fail("more text after the JSON value");
            }
            return null;
        } catch (Invalid e) {
            return e.getMessage();
        }
    }

    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** A recursive-descent syntax check, without building anything. */
    private static final class Checker {
        private final String text;
        private int at;

        Checker(String text) {
            this.text = text;
        }

        Invalid fail(String what) {
            return new Invalid(
                    at >= text.length()
                            ? what + "; the text ended after " + text.length() + " characters"
                            : what + " at character " + (at + 1));
        }

        void whitespace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        void value(int depth) throws Invalid {
            if (depth > MAX_DEPTH) {
                throw fail("nested deeper than " + MAX_DEPTH + " levels");
            }
            if (at >= text.length()) {
                throw fail("a value expected");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw fail("unexpected '" + c + "'");
                    }
                }
            }
        }

        private void object(int depth) throws Invalid {
            at++;
            whitespace();
            if (peek() == '}') {
                at++;
                return;
            }
            while (true) {
                whitespace();
                if (peek() != '"') {
                    throw fail("a member name in quotes expected");
                }
                string();
                whitespace();
                expect(':');
                whitespace();
                value(depth + 1);
                whitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return;
                }
            }
        }

        private void array(int depth) throws Invalid {
            at++;
            whitespace();
            if (peek() == ']') {
                at++;
                return;
            }
            while (true) {
                whitespace();
                value(depth + 1);
                whitespace();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return;
                }
            }
        }

        private void string() throws Invalid {
            at++;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '"') {
                    at++;
                    return;
                }
                if (c < 0x20) {
                    throw fail("an unescaped control character in a string");
                }
                if (c == '\\') {
                    escape();
                } else {
                    at++;
                }
            }
            throw fail("a string is not closed");
        }

        private void escape() throws Invalid {
            at++;
            char c = peek();
            if ("\"\\/bfnrt".indexOf(c) >= 0) {
                at++;
            } else if (c == 'u') {
                for (int i = 1; i <= 4; i++) {
                    if (at + i >= text.length() || Character.digit(text.charAt(at + i), 16) < 0) {
                        throw fail("\\u needs four hex digits");
                    }
                }
                at += 5;
            } else {
                throw fail("an invalid escape in a string");
            }
        }

        private void number() throws Invalid {
            if (peek() == '-') {
                at++;
            }
            if (peek() == '0') {
                at++;
            } else if (!digits()) {
                throw fail("a digit expected");
            }
            if (peek() == '.') {
                at++;
                if (!digits()) {
                    throw fail("a digit expected after the decimal point");
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                at++;
                if (peek() == '+' || peek() == '-') {
                    at++;
                }
                if (!digits()) {
                    throw fail("a digit expected in the exponent");
                }
            }
        }

        private boolean digits() {
            int start = at;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            return at > start;
        }

        private void literal(String word) throws Invalid {
            if (!text.startsWith(word, at)) {
                throw fail("unexpected '" + text.charAt(at) + "'");
            }
            at += word.length();
        }

        private void expect(char c) throws Invalid {
            if (peek() != c) {
                throw fail("'" + c + "' expected");
            }
            at++;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : 0;
        }
    }
}
