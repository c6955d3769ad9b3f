package org.opence.plugins.syslog;

/** How messages travel to the syslog server. */
enum Protocol {
    /** One datagram per message (RFC 5426): no connection, no delivery feedback. */
    UDP,
    /** A persistent TCP connection (RFC 6587). */
    TCP,
    /** A persistent TLS connection (RFC 5425). */
    TLS;

    boolean stream() {
        return this != UDP;
    }
}
