package org.opence.core.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.Binary;
import org.jboss.logging.Logger;
import org.opence.common.audit.AuditTrail;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.RabbitBus;
import org.opence.common.config.CeConfig;
import org.opence.common.error.ProblemException;
import org.opence.common.plugin.PluginEvents;
import org.opence.common.plugin.PluginLoader;
import org.opence.common.secret.Hashes;
import org.opence.common.status.ServiceIdentity;
import org.opence.common.store.Store;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.SemanticVersion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

/**
 * The plugin catalogue: the built-in plugins (read from the built-in directory) and the custom ones
 * the super-admin uploaded, which are stored in MongoDB so that every replica of every module gets
 * them ({@code plugin.installed} carries the jar).
 */
@ApplicationScoped
public class PluginCatalogue implements EventListener {

    private static final Logger LOG = Logger.getLogger(PluginCatalogue.class);

    private final MongoCollection<Document> plugins;
    private final MongoCollection<Document> states;
    private final PluginLoader loader;
    private final CeConfig config;
    private final RabbitBus bus;
    private final ObjectMapper mapper;
    private final AuditTrail audit;
    private final ServiceIdentity identity;

    public PluginCatalogue(
            Store store,
            CeConfig config,
            RabbitBus bus,
            ObjectMapper mapper,
            AuditTrail audit,
            ServiceIdentity identity) {
        this.plugins = store.collection("plugins");
        this.states = store.collection("plugin_states");
        String version = identity.version().replaceAll("^(\\d+\\.\\d+\\.\\d+).*", "$1");
        this.loader = new PluginLoader(version.matches("\\d+\\.\\d+\\.\\d+") ? version : "0.0.0");
        this.config = config;
        this.bus = bus;
        this.mapper = mapper;
        this.audit = audit;
        this.identity = identity;
    }

    public List<PluginModels.Entry> list() {
        List<PluginModels.Entry> entries = new ArrayList<>(builtIn());
        plugins.find().sort(Sorts.ascending("pluginId")).forEach(d -> entries.add(entry(d)));
        entries.sort(java.util.Comparator.comparing(
                        (PluginModels.Entry e) -> e.manifest().module())
                .thenComparing(e -> e.manifest().id()));
        return entries;
    }

    private List<PluginModels.Entry> builtIn() {
        List<PluginModels.Entry> entries = new ArrayList<>();
        Path dir = Path.of(config.plugins().builtinDir());
        if (Files.isDirectory(dir)) {
            try (var jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    try {
                        PluginManifest manifest = loader.inspect(jar);
                        entries.add(new PluginModels.Entry(
                                manifest, "built-in", null, null, null, !disabled(manifest.id())));
                    } catch (PluginLoader.PluginException e) {
                        LOG.warnf("Built-in plugin jar %s unusable: %s", jar, e.getMessage());
                    }
                }
            } catch (java.io.IOException e) {
                LOG.warnf("Cannot list %s: %s", dir, e.getMessage());
            }
        }
        return entries;
    }

    /** Checks and stores an uploaded jar, then announces it; refuses id clashes and downgrades with the reason. */
    public PluginModels.Entry upload(byte[] jar) {
        if (jar.length == 0) {
            throw ProblemException.Invalid.field("body", "send the plugin jar as the request body");
        }
        Path temp = null;
        PluginManifest manifest;
        try {
            temp = Files.createTempFile("upload-", ".jar");
            Files.write(temp, jar);
            manifest = loader.inspect(temp);
        } catch (PluginLoader.PluginException e) {
            throw ProblemException.Invalid.field("body", "this jar cannot be installed: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (java.io.IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
        if (builtIn().stream().anyMatch(b -> b.manifest().id().equals(manifest.id()))) {
            throw new ProblemException.Conflict(
                    "'" + manifest.id() + "' is the id of a built-in plugin; give your plugin another id.");
        }
        Document existing = plugins.find(Filters.eq("pluginId", manifest.id())).first();
        if (existing != null) {
            if (!existing.getString("module").equals(manifest.module().name())) {
                throw new ProblemException.Conflict("A " + existing.getString("module") + " plugin already has the id '"
                        + manifest.id() + "'; plugin ids are unique across modules.");
            }
            int order = SemanticVersion.parse(manifest.version(), "version")
                    .compareTo(SemanticVersion.parse(existing.getString("version"), "version"));
            if (order < 0) {
                throw new ProblemException.Conflict("'" + manifest.id() + "' " + existing.getString("version")
                        + " is installed; " + manifest.version()
                        + " would be a downgrade. Delete the installed one first to go back.");
            }
            if (order == 0) {
                throw new ProblemException.Conflict(
                        "'" + manifest.id() + "' " + manifest.version() + " is already installed.");
            }
        }
        String sha256 = Hashes.sha256Hex(jar);
        Document doc = new Document("pluginId", manifest.id())
                .append("version", manifest.version())
                .append("module", manifest.module().name())
                .append("manifest", Document.parse(mapper.valueToTree(manifest).toString()))
                .append("jar", new Binary(jar))
                .append("sha256", sha256)
                .append("size", jar.length)
                .append("uploadedAt", new Date());
        plugins.replaceOne(Filters.eq("pluginId", manifest.id()), doc, new ReplaceOptions().upsert(true));
        announce(doc);
        PluginModels.Entry entry = entry(doc);
        audit.record(
                existing == null ? "plugin.installed" : "plugin.upgraded",
                "plugin:" + manifest.id(),
                existing == null ? null : Map.of("version", existing.getString("version")),
                Map.of(
                        "version",
                        manifest.version(),
                        "module",
                        manifest.module().name(),
                        "sha256",
                        sha256));
        return entry;
    }

    public void delete(String pluginId) {
        Document existing = plugins.find(Filters.eq("pluginId", pluginId)).first();
        if (existing == null) {
            boolean builtIn = builtIn().stream().anyMatch(b -> b.manifest().id().equals(pluginId));
            throw builtIn
                    ? new ProblemException.Conflict("'" + pluginId + "' is built in and cannot be deleted.")
                    : new ProblemException.NotFound("No custom plugin with the id '" + pluginId + "'.");
        }
        plugins.deleteOne(Filters.eq("pluginId", pluginId));
        publish(PluginEvents.REMOVED, new PluginEvents.Removed(pluginId, existing.getString("module")));
        audit.record("plugin.deleted", "plugin:" + pluginId, Map.of("version", existing.getString("version")), null);
    }

    /** Turns a plugin (built-in or custom) off or on in every module service; its configurations stop or resume. */
    public PluginModels.Entry setEnabled(String pluginId, boolean enabled) {
        PluginModels.Entry entry = list().stream()
                .filter(e -> e.manifest().id().equals(pluginId))
                .findFirst()
                .orElseThrow(() -> new ProblemException.NotFound("No plugin with the id '" + pluginId + "'."));
        states.replaceOne(
                Filters.eq("_id", pluginId),
                new Document("_id", pluginId).append("disabled", !enabled),
                new ReplaceOptions().upsert(true));
        publish(PluginEvents.STATE_CHANGED, new PluginEvents.StateChanged(pluginId, !enabled));
        audit.record(enabled ? "plugin.enabled" : "plugin.disabled", "plugin:" + pluginId, null, null);
        return new PluginModels.Entry(
                entry.manifest(), entry.source(), entry.sha256(), entry.size(), entry.uploadedAt(), enabled);
    }

    private boolean disabled(String pluginId) {
        Document state = states.find(Filters.eq("_id", pluginId)).first();
        return state != null && state.getBoolean("disabled", false);
    }

    @Override
    public List<String> eventTypes() {
        return List.of(PluginEvents.SYNC_REQUEST);
    }

    /** A module service started: announce every custom plugin of its module again. */
    @Override
    public void on(Envelope event) {
        String module = event.payload().path("module").asText();
        plugins.find(Filters.eq("module", module)).forEach(this::announce);
        states.find(Filters.eq("disabled", true))
                .forEach(d ->
                        publish(PluginEvents.STATE_CHANGED, new PluginEvents.StateChanged(d.getString("_id"), true)));
    }

    private void announce(Document doc) {
        byte[] jar = doc.get("jar", Binary.class).getData();
        publish(
                PluginEvents.INSTALLED,
                new PluginEvents.Installed(
                        doc.getString("pluginId"),
                        doc.getString("version"),
                        doc.getString("module"),
                        doc.getString("sha256"),
                        Base64.getEncoder().encodeToString(jar)));
    }

    private void publish(String type, Object payload) {
        try {
            bus.publish(
                            BusNames.EVENTS,
                            type,
                            Envelope.of(type, 1, identity.name(), mapper.valueToTree(payload)),
                            false,
                            null)
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ProblemException.Unavailable(
                    "The plugin is stored but could not be announced to the module services (" + e.getMessage()
                            + "); they pick it up when they restart.");
        }
    }

    private PluginModels.Entry entry(Document d) {
        try {
            PluginManifest manifest =
                    mapper.readValue(d.get("manifest", Document.class).toJson(), PluginManifest.class);
            return new PluginModels.Entry(
                    manifest,
                    "custom",
                    d.getString("sha256"),
                    d.getInteger("size"),
                    d.getDate("uploadedAt").toInstant(),
                    !disabled(manifest.id()));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable catalogue entry " + d.getString("pluginId"), e);
        }
    }
}
