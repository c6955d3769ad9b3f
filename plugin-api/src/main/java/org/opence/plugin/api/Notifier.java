package org.opence.plugin.api;

/** Raises notifications for operators; repeated identical notifications are merged by the platform. */
public interface Notifier {

    /** How loud a notification is. */
    enum Level {
        INFO,
        WARNING,
        ERROR
    }

    void notify(Level level, String message);
}
