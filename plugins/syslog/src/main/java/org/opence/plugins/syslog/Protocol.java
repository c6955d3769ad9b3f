package org.opence.plugins.syslog;

/** How messages travel to the syslog server. */
enum Protocol {
    /** One datagram per message (RFC 5426): no connection, no delivery feedback. */
    UDP,
    /** A persistent TCP connection (RFC 6587): written, not acknowledged. */
    TCP,
    /** A persistent TLS connection (RFC 5425): written, not acknowledged. */
    TLS,
    /** RELP over TCP: every message acknowledged by the receiver, unacknowledged ones sent again. */
    RELP,
    /** RELP over TLS. */
    RELP_TLS;

    boolean stream() {
        return this != UDP;
    }

    boolean tls() {
        return this == TLS || this == RELP_TLS;
    }

    boolean relp() {
        return this == RELP || this == RELP_TLS;
    }
}
