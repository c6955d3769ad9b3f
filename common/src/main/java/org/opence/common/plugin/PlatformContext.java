package org.opence.common.plugin;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.opence.plugin.api.Notifier;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginHttpClient;
import org.opence.plugin.api.PluginLogger;
import org.opence.plugin.api.PluginStorage;

/**
 * The context the platform hands a plugin call. Storage changes are collected here and saved by the
 * platform after the call. Log lines carry the module, plugin and configuration; they reach the
 * Logging page when the logging backend lands (issue 7), the service log until then.
 */
public final class PlatformContext implements PluginContext {

    private final String module;
    private final String pluginId;
    private final String configurationName;
    private final Map<String, Object> configuration;
    private final Map<String, String> storage;
    private final Instant lastRunAt;
    private final PluginHttpClient http;
    private final Logger log;

    public PlatformContext(
            String module,
            String pluginId,
            String configurationName,
            Map<String, Object> configuration,
            Map<String, String> storage,
            Instant lastRunAt,
            PluginHttpClient http) {
        this.module = module;
        this.pluginId = pluginId;
        this.configurationName = configurationName;
        this.configuration = Map.copyOf(configuration);
        this.storage = new HashMap<>(storage);
        this.lastRunAt = lastRunAt;
        this.http = http;
        this.log = Logger.getLogger("plugin." + module.toLowerCase() + "." + pluginId);
    }

    private String prefix(String message) {
        return module + " " + pluginId + " [" + configurationName + "] " + message;
    }

    @Override
    public String configurationName() {
        return configurationName;
    }

    @Override
    public Map<String, Object> configuration() {
        return configuration;
    }

    @Override
    public PluginStorage storage() {
        return new PluginStorage() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(storage.get(key));
            }

            @Override
            public void put(String key, String value) {
                storage.put(key, value);
            }

            @Override
            public void remove(String key) {
                storage.remove(key);
            }

            @Override
            public Map<String, String> all() {
                return Map.copyOf(storage);
            }
        };
    }

    /** Storage as it is after the call, for the platform to save. */
    public Map<String, String> storageAfterCall() {
        return Map.copyOf(storage);
    }

    @Override
    public Optional<Instant> lastRunAt() {
        return Optional.ofNullable(lastRunAt);
    }

    @Override
    public PluginLogger logger() {
        return new PluginLogger() {
            @Override
            public void debug(String message) {
                log.debug(prefix(message));
            }

            @Override
            public void info(String message) {
                log.info(prefix(message));
            }

            @Override
            public void warn(String message) {
                log.warn(prefix(message));
            }

            @Override
            public void error(String message, String errorCode, String details, String resolution) {
                log.errorf("%s [%s] details: %s; resolution: %s", prefix(message), errorCode, details, resolution);
            }
        };
    }

    @Override
    public Notifier notifier() {
        return (level, message) -> log.warnf("notification (%s): %s", level, prefix(message));
    }

    @Override
    public PluginHttpClient http() {
        return http;
    }
}
