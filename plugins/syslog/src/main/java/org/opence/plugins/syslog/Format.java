package org.opence.plugins.syslog;

/** The syslog header written before each message. */
enum Format {
    /** {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG}. */
    RFC5424,
    /** The BSD format, {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: MSG}. */
    RFC3164
}
