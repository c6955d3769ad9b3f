package org.opence.common.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.opence.common.config.CeConfig;
import org.opence.common.logs.LogWriter;
import org.opence.common.logs.Logs;
import org.opence.common.status.ServiceIdentity;
import org.opence.plugin.api.ModuleType;

import io.quarkus.runtime.Startup;

/**
 * The plugins of this service's module, loaded at start-up from the built-in and the custom plugin
 * directories, with the invoker that runs their calls and the HTTP client they get.
 */
@Startup
@ApplicationScoped
public class ModulePlugins {

    private static final Logger LOG = Logger.getLogger(ModulePlugins.class);

    private final CeConfig config;
    private final PluginLoader loader;
    private final PluginInvoker invoker = new PluginInvoker();
    private final OutboundHttp outbound;
    private final java.util.Set<String> disabled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile PluginLoader.Result loaded = new PluginLoader.Result(List.of(), List.of());
    private final Logs logs;

    public ModulePlugins(CeConfig config, ServiceIdentity identity, Logs logs, OutboundHttp outbound) {
        this.config = config;
        this.outbound = outbound;
        this.logs = logs;
        String version = identity.version().replaceAll("^(\\d+\\.\\d+\\.\\d+).*", "$1");
        this.loader = new PluginLoader(version.matches("\\d+\\.\\d+\\.\\d+") ? version : "0.0.0");
        reload();
    }

    /** Loads the plugin directories again (after an upload). */
    public synchronized void reload() {
        Optional<ModuleType> module = module();
        if (module.isEmpty()) {
            return;
        }
        loaded = loader.load(module.get(), List.of(Path.of(config.plugins().builtinDir()), customDirectory()));
        LOG.infof(
                "%s plugins loaded: %s%s",
                module.get(),
                loaded.plugins().stream().map(p -> p.manifest().id()).toList(),
                loaded.rejected().isEmpty() ? "" : "; rejected: " + loaded.rejected());
    }

    /** Where uploaded plugins of this module are kept: {@code <custom-dir>/<module>}. */
    public Path customDirectory() {
        return Path.of(
                config.plugins().customDir(),
                module().map(m -> m.name().toLowerCase()).orElse("none"));
    }

    /** Where the log entries of plugin calls go (the platform log). */
    public LogWriter logs() {
        return logs;
    }

    public Optional<ModuleType> module() {
        return config.plugins().module().map(m -> ModuleType.valueOf(m.trim().toUpperCase()));
    }

    public List<LoadedPlugin> plugins() {
        return loaded.plugins();
    }

    public List<PluginLoader.Rejected> rejected() {
        return loaded.rejected();
    }

    /** An installed plugin that is not turned off. */
    public Optional<LoadedPlugin> find(String pluginId) {
        if (disabled.contains(pluginId)) {
            return Optional.empty();
        }
        return loaded.plugins().stream()
                .filter(p -> p.manifest().id().equals(pluginId))
                .findFirst();
    }

    /** Turns a plugin off or on in this service (the catalogue in core-service decides, by event). */
    public void setDisabled(String pluginId, boolean off) {
        if (off) {
            disabled.add(pluginId);
        } else {
            disabled.remove(pluginId);
        }
    }

    public boolean isDisabled(String pluginId) {
        return disabled.contains(pluginId);
    }

    public PluginInvoker invoker() {
        return invoker;
    }

    /** The client of plugin calls, on the settings' network (the one outbound client, {@link OutboundHttp}). */
    public PlatformHttpClient http() {
        return outbound.client(OutboundHttp.Profile.PLUGINS);
    }

    public Duration callTimeout() {
        return config.plugins().callTimeout();
    }

    @PreDestroy
    void stop() {
        invoker.close();
    }
}
