package org.opence.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a plugin call may use. The platform creates one per call; it is not shared between
 * configurations. A call runs with a timeout: a plugin that hangs is stopped and its configuration
 * marked unhealthy.
 */
public interface PluginContext {

    /** Name of the configuration this call runs for. */
    String configurationName();

    /** The configuration's values by field key, defaults applied, passwords decrypted. */
    Map<String, Object> configuration();

    default String string(String key) {
        Object value = configuration().get(key);
        return value == null ? null : String.valueOf(value);
    }

    default long number(String key, long fallback) {
        Object value = configuration().get(key);
        return value instanceof Number n
                ? n.longValue()
                : value == null ? fallback : Long.parseLong(value.toString().trim());
    }

    default boolean bool(String key) {
        return Boolean.TRUE.equals(configuration().get(key))
                || "true".equalsIgnoreCase(String.valueOf(configuration().get(key)));
    }

    @SuppressWarnings("unchecked")
    default List<String> strings(String key) {
        Object value = configuration().get(key);
        return value instanceof List<?> list
                ? (List<String>) list
                : value == null ? List.of() : List.of(value.toString());
    }

    /** Storage that belongs to this configuration and survives restarts (checkpoints, remote ids). */
    PluginStorage storage();

    /** When the last successful run of this configuration started, if there was one. */
    Optional<Instant> lastRunAt();

    /** Writes to the Logging page, prefixed with module, plugin and configuration. */
    PluginLogger logger();

    /** Raises notifications for operators. */
    Notifier notifier();

    /** HTTP with the platform's proxy, TLS choice, timeouts, user agent and 429/503 retries. */
    PluginHttpClient http();
}
