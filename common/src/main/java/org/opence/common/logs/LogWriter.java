package org.opence.common.logs;

/**
 * Writes entries to the platform log. Never blocks and never throws: an entry that cannot be kept
 * is counted, and the count is written as a later entry.
 */
@FunctionalInterface
public interface LogWriter {

    void write(LogEntry entry);

    default void info(String message) {
        write(LogEntry.of(LogLevel.info, message));
    }

    default void warning(String message) {
        write(LogEntry.of(LogLevel.warning, message));
    }

    /**
     * @param errorCode stable code, listed in docs/error-codes.md
     * @param details what happened, in detail
     * @param resolution what the operator can do about it
     */
    default void error(String errorCode, String message, String details, String resolution) {
        write(LogEntry.error(errorCode, message, details, resolution));
    }
}
