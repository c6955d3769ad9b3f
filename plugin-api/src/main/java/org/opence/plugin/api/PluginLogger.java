package org.opence.plugin.api;

/**
 * The plugin's log, shown on the Logging page. Messages must not contain secrets; the platform also
 * masks values of the configuration's password fields.
 */
public interface PluginLogger {

    void debug(String message);

    void info(String message);

    void warn(String message);

    /**
     * An error an operator must act on.
     *
     * @param errorCode stable code, documented by the plugin (e.g. {@code SPLUNK-401})
     * @param details what happened (status codes, the part of the answer that matters)
     * @param resolution what to do about it
     */
    void error(String message, String errorCode, String details, String resolution);
}
