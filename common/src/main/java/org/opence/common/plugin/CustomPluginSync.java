package org.opence.common.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.config.CeConfig;
import org.opence.common.ingest.NeedsChanged;
import org.opence.common.status.ServiceIdentity;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Startup;

/**
 * In a module service: writes uploaded plugin jars of its module into the custom plugin directory and
 * reloads the plugins, on every replica (each listens on a queue of its own), without a restart. At
 * start-up it asks core-service to announce every custom plugin again, so a new replica catches up.
 */
@Startup
@ApplicationScoped
public class CustomPluginSync {

    private static final Logger LOG = Logger.getLogger(CustomPluginSync.class);

    private final ModulePlugins plugins;
    private final ObjectMapper mapper;
    private final Path directory;
    private final Event<NeedsChanged> needsChanged;

    public CustomPluginSync(
            ModulePlugins plugins,
            RabbitBus bus,
            ObjectMapper mapper,
            CeConfig config,
            ServiceIdentity identity,
            Event<NeedsChanged> needsChanged) {
        this.plugins = plugins;
        this.needsChanged = needsChanged;
        this.mapper = mapper;
        this.directory = plugins.customDirectory();
        if (plugins.module().isEmpty()) {
            return;
        }
        bus.consumePrivate(
                BusNames.EVENTS,
                List.of(PluginEvents.INSTALLED, PluginEvents.REMOVED, PluginEvents.STATE_CHANGED),
                this::on);
        bus.publish(
                BusNames.EVENTS,
                PluginEvents.SYNC_REQUEST,
                Envelope.of(
                        PluginEvents.SYNC_REQUEST,
                        1,
                        identity.name(),
                        mapper.valueToTree(
                                Map.of("module", plugins.module().get().name()))),
                false,
                null);
    }

    void on(Envelope event) throws Exception {
        String module = plugins.module().orElseThrow().name();
        if (PluginEvents.STATE_CHANGED.equals(event.type())) {
            var state = mapper.treeToValue(event.payload(), PluginEvents.StateChanged.class);
            plugins.setDisabled(state.pluginId(), state.disabled());
            LOG.infof("Plugin %s turned %s", state.pluginId(), state.disabled() ? "off" : "on");
            needsChanged.fire(
                    new NeedsChanged("plugin " + state.pluginId() + " turned " + (state.disabled() ? "off" : "on")));
            return;
        }
        if (PluginEvents.INSTALLED.equals(event.type())) {
            var installed = mapper.treeToValue(event.payload(), PluginEvents.Installed.class);
            if (!module.equals(installed.module())) {
                return;
            }
            byte[] jar = Base64.getDecoder().decode(installed.jar());
            if (!installed.sha256().equals(org.opence.common.secret.Hashes.sha256Hex(jar))) {
                LOG.errorf(
                        "Plugin %s %s arrived damaged (checksum mismatch); ignored",
                        installed.pluginId(), installed.version());
                return;
            }
            Path target = directory.resolve(installed.pluginId() + ".jar");
            if (Files.exists(target) && java.util.Arrays.equals(Files.readAllBytes(target), jar)) {
                return;
            }
            Files.createDirectories(directory);
            Path partial = directory.resolve(installed.pluginId() + ".jar.part");
            Files.write(partial, jar);
            Files.move(
                    partial,
                    target,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            plugins.reload();
            LOG.infof("Plugin %s %s installed without restart", installed.pluginId(), installed.version());
        } else {
            var removed = mapper.treeToValue(event.payload(), PluginEvents.Removed.class);
            if (module.equals(removed.module())
                    && Files.deleteIfExists(directory.resolve(removed.pluginId() + ".jar"))) {
                plugins.reload();
                LOG.infof("Plugin %s removed", removed.pluginId());
            }
        }
    }
}
