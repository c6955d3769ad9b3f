package org.opence.common.plugin;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.opence.common.logs.LogEntry;
import org.opence.common.logs.LogLevel;
import org.opence.common.logs.LogWriter;
import org.opence.common.secret.Secrets;
import org.opence.plugin.api.Notifier;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginHttpClient;
import org.opence.plugin.api.PluginLogger;
import org.opence.plugin.api.PluginStorage;

/**
 * The context the platform hands a plugin call. Storage changes are collected here and saved by the
 * platform after the call. Log lines carry the module, plugin and configuration; they go to the
 * platform log (the Logging page, through {@link LogWriter}) and to the service log. Values of the
 * configuration's secret fields are masked in both.
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
    private final LogWriter logs;

    /**
     * @param module the plugin's module as in its manifest (e.g. {@code CLS})
     * @param logs where the plugin's log entries go besides the service log
     */
    public PlatformContext(
            String module,
            String pluginId,
            String configurationName,
            Map<String, Object> configuration,
            Map<String, String> storage,
            Instant lastRunAt,
            PluginHttpClient http,
            LogWriter logs) {
        this.module = module;
        this.pluginId = pluginId;
        this.configurationName = configurationName;
        this.configuration = Map.copyOf(configuration);
        this.storage = new HashMap<>(storage);
        this.lastRunAt = lastRunAt;
        this.http = http;
        this.log = Logger.getLogger("plugin." + module.toLowerCase() + "." + pluginId);
        this.logs = logs;
    }

    private String prefix(String message) {
        return module + " " + pluginId + " [" + configurationName + "] " + message;
    }

    /** The text with the values of secret-named configuration fields (4 characters or more) masked. */
    private String masked(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, Object> field : configuration.entrySet()) {
            if (Secrets.isSecretName(field.getKey())
                    && field.getValue() instanceof String secret
                    && secret.length() >= 4) {
                result = result.replace(secret, Secrets.MASK);
            }
        }
        return result;
    }

    private void entry(LogLevel level, String message, String errorCode, String details, String resolution) {
        if (logs == null) {
            return;
        }
        logs.write(new LogEntry(
                Instant.now(),
                level,
                module.toLowerCase(java.util.Locale.ROOT),
                pluginId,
                configurationName,
                message,
                errorCode,
                details,
                resolution,
                null,
                null));
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
                String text = masked(message);
                log.debug(prefix(text));
                entry(LogLevel.debug, text, null, null, null);
            }

            @Override
            public void info(String message) {
                String text = masked(message);
                log.info(prefix(text));
                entry(LogLevel.info, text, null, null, null);
            }

            @Override
            public void warn(String message) {
                String text = masked(message);
                log.warn(prefix(text));
                entry(LogLevel.warning, text, null, null, null);
            }

            @Override
            public void error(String message, String errorCode, String details, String resolution) {
                String text = masked(message);
                String detail = masked(details);
                String fix = masked(resolution);
                log.errorf("%s [%s] details: %s; resolution: %s", prefix(text), errorCode, detail, fix);
                entry(LogLevel.error, text, errorCode, detail, fix);
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
