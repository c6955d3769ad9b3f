package org.opence.common.plugin;

import java.time.Instant;

/**
 * How a configuration's plugin calls have been going.
 *
 * @param lastRunAt when the last call started
 * @param lastSuccessAt when a call last succeeded
 * @param lastError the last failure in words, or null after a success
 * @param healthy whether the last call succeeded
 */
public record PluginHealth(Instant lastRunAt, Instant lastSuccessAt, String lastError, boolean healthy) {

    public static PluginHealth unknown() {
        return new PluginHealth(null, null, null, true);
    }

    PluginHealth succeeded(Instant start) {
        return new PluginHealth(start, start, null, true);
    }

    PluginHealth failed(Instant start, String error) {
        return new PluginHealth(start, lastSuccessAt, error, false);
    }
}
