package org.opence.plugin.api.cte;

/** Kinds of threat indicators. */
public enum IndicatorType {
    URL,
    SHA256,
    MD5,
    IPV4,
    IPV6,
    HOSTNAME,
    DOMAIN,
    FQDN
}
