package org.opence.plugins.syslog;

/** How messages are delimited on a TCP or TLS stream (RFC 6587). UDP needs none: a datagram is a message. */
enum Framing {
    /** {@code MSG-LEN SP SYSLOG-MSG} (RFC 6587 §3.4.1, RFC 5425 §4.3): transparent, any byte may appear. */
    OCTET_COUNTING("octet-counting"),
    /** {@code SYSLOG-MSG LF} (RFC 6587 §3.4.2): a line feed inside a message is replaced by a space. */
    NEWLINE("newline");

    private final String key;

    Framing(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Framing of(String key) {
        for (Framing framing : values()) {
            if (framing.key.equals(key)) {
                return framing;
            }
        }
        throw new IllegalArgumentException("unknown framing " + key);
    }
}
