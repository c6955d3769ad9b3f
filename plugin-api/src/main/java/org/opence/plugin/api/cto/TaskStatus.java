package org.opence.plugin.api.cto;

/** States of a ticket, as Open CE tracks them. */
public enum TaskStatus {
    NEW,
    IN_PROGRESS,
    ON_HOLD,
    CLOSED,
    DELETED,
    NOTIFICATION,
    FAILED
}
