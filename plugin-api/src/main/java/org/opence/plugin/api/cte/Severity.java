package org.opence.plugin.api.cte;

/** How bad an indicator is, as its source says. */
public enum Severity {
    UNKNOWN,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
