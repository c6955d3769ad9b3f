package org.opence.common.plugin.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.config.CeConfig;
import org.opence.common.plugin.LoadedPlugin;
import org.opence.common.plugin.ModulePlugins;
import org.opence.common.plugin.PlatformContext;
import org.opence.common.plugin.PluginInvoker;
import org.opence.common.status.ServiceIdentity;
import org.opence.common.store.Leases;
import org.opence.common.store.Store;
import org.opence.plugin.api.Capability;
import org.opence.plugin.api.cre.CrePlugin;
import org.opence.plugin.api.cre.Entity;
import org.opence.plugin.api.cte.CtePlugin;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.quarkus.runtime.Startup;

/**
 * Runs the pull of every enabled configuration whose plugin pulls, on its interval, on exactly one
 * replica: a lease per configuration in MongoDB decides which. Each run is recorded on the
 * configuration (health, runs, summary, the plugin's storage).
 */
@Startup
@ApplicationScoped
public class ConfigurationScheduler {

    private static final Logger LOG = Logger.getLogger(ConfigurationScheduler.class);

    private final PluginConfigurations configurations;
    private final ModulePlugins plugins;
    private final Leases leases;
    private final ScheduledExecutorService ticker;
    private final org.opence.common.settings.ModuleSwitch moduleSwitch;

    public ConfigurationScheduler(
            PluginConfigurations configurations,
            ModulePlugins plugins,
            Store store,
            ServiceIdentity identity,
            CeConfig config,
            org.opence.common.settings.ModuleSwitch moduleSwitch) {
        this.configurations = configurations;
        this.plugins = plugins;
        this.moduleSwitch = moduleSwitch;
        if (plugins.module().isEmpty()) {
            this.leases = null;
            this.ticker = null;
            return;
        }
        this.leases = new Leases(
                store.collection(plugins.module().get().name().toLowerCase() + "_leases"),
                identity.instance(),
                Clock.systemUTC());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "configuration-scheduler");
            t.setDaemon(true);
            return t;
        });
        long tick = config.plugins().schedulerTick().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    void tick() {
        if (!moduleSwitch.on()) {
            return; // the module is off: no runs until it is turned on again
        }
        try {
            Instant now = Instant.now();
            for (Document doc : configurations.collection().find(Filters.eq("enabled", true))) {
                var plugin = plugins.find(doc.getString("pluginId"));
                if (plugin.isEmpty() || !plugin.get().manifest().can(Capability.PULL) || !due(doc, now)) {
                    continue;
                }
                String lease = "run:" + doc.getString("name");
                if (leases.acquire(lease, plugins.callTimeout().plusSeconds(30))) {
                    try {
                        run(doc, plugin.get());
                    } finally {
                        leases.release(lease);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "The configuration scheduler tick failed; it tries again at the next tick");
        }
    }

    private static boolean due(Document doc, Instant now) {
        Document health = doc.get("health", Document.class);
        Date last = health == null ? null : health.getDate("lastRunAt");
        long interval = ((Number) doc.get("pollIntervalSeconds")).longValue();
        return last == null
                || !last.toInstant().plus(Duration.ofSeconds(interval)).isAfter(now);
    }

    private void run(Document doc, LoadedPlugin plugin) {
        String name = doc.getString("name");
        Document health = doc.get("health", Document.class);
        Document storedStorage = doc.get("storage", Document.class);
        Map<String, String> storage = new HashMap<>();
        if (storedStorage != null) {
            storedStorage.forEach((k, v) -> storage.put(k, String.valueOf(v)));
        }
        Instant lastSuccess = health == null || health.getDate("lastSuccessAt") == null
                ? null
                : health.getDate("lastSuccessAt").toInstant();
        PlatformContext context = new PlatformContext(
                plugin.manifest().module().name(),
                plugin.manifest().id(),
                name,
                configurations.decrypted(doc),
                storage,
                lastSuccess,
                plugins.http(),
                plugins.logs());
        Instant start = Instant.now();
        PluginInvoker.Outcome<String> outcome = plugins.invoker()
                .call(
                        name,
                        plugins.callTimeout(),
                        () -> pull(plugin, context),
                        summary -> summary == null ? "no result" : null);
        Document newHealth = new Document("lastRunAt", Date.from(start))
                .append(
                        "lastSuccessAt",
                        outcome.ok() ? Date.from(start) : (lastSuccess == null ? null : Date.from(lastSuccess)))
                .append("lastError", outcome.error())
                .append("healthy", outcome.ok())
                .append(
                        "lastRunSummary",
                        outcome.ok() ? outcome.value() : health == null ? null : health.getString("lastRunSummary"));
        configurations
                .collection()
                .updateOne(
                        Filters.eq("name", name),
                        Updates.combine(
                                Updates.set("health", newHealth),
                                Updates.inc("runs", 1L),
                                Updates.set("storage", new Document(new HashMap<>(context.storageAfterCall())))));
    }

    /** One pull, by module; the data itself is stored by the module's features as they land. */
    private static String pull(LoadedPlugin plugin, PlatformContext context) throws Exception {
        if (plugin.plugin() instanceof CtePlugin cte) {
            return "pulled " + cte.pull(context).size() + " indicators";
        }
        if (plugin.plugin() instanceof CrePlugin cre) {
            List<Entity> entities = cre.entities(context);
            long records = 0;
            for (Entity entity : entities) {
                records += cre.fetchRecords(context, entity).size();
            }
            return "fetched " + records + " records of " + entities.size() + " entities";
        }
        return "nothing to pull";
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
