package org.opence.common.logs;

import java.util.Locale;

/** How serious a log entry is, least first; a filter on a level usually means "this and above". */
public enum LogLevel {
    debug,
    info,
    warning,
    error;

    /** Whether this level is {@code minimum} or more serious. */
    public boolean atLeast(LogLevel minimum) {
        return compareTo(minimum) >= 0;
    }

    /**
     * The level named {@code name}, any case; {@code warn} and JBoss/JUL names ({@code TRACE} counts as
     * debug, {@code FATAL}/{@code SEVERE} as error) are accepted too.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static LogLevel parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "trace", "finest", "finer", "fine", "debug" -> debug;
            case "info", "config" -> info;
            case "warn", "warning" -> warning;
            case "error", "fatal", "severe" -> error;
            default -> throw new IllegalArgumentException("unknown log level '" + name + "'");
        };
    }
}
