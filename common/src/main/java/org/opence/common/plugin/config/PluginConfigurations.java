package org.opence.common.plugin.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.bson.Document;
import org.opence.common.audit.AuditTrail;
import org.opence.common.error.Problem;
import org.opence.common.error.ProblemException;
import org.opence.common.ingest.IngestNeeds;
import org.opence.common.ingest.NeedsChanged;
import org.opence.common.ingest.NetskopeDataTypes;
import org.opence.common.plugin.LoadedPlugin;
import org.opence.common.plugin.ModulePlugins;
import org.opence.common.plugin.PlatformContext;
import org.opence.common.plugin.PluginInvoker;
import org.opence.common.secret.Secrets;
import org.opence.common.store.Store;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.ConfigValidator;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.ValidationResult;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * Configurations of the module's plugins: checked against the plugin's schema, then by the plugin
 * itself (with a timeout), stored with password fields encrypted, shown with them masked, audited.
 */
@ApplicationScoped
public class PluginConfigurations {

    private final ModulePlugins plugins;
    private final Secrets secrets;
    private final AuditTrail audit;
    private final Store store;
    private final Event<NeedsChanged> needsChanged;

    public PluginConfigurations(
            ModulePlugins plugins,
            Secrets secrets,
            AuditTrail audit,
            Store store,
            Event<NeedsChanged> needsChanged,
            jakarta.enterprise.inject.Instance<ConfigurationUsers> users) {
        this.users = users;
        this.plugins = plugins;
        this.secrets = secrets;
        this.audit = audit;
        this.store = store;
        this.needsChanged = needsChanged;
    }

    /** Whatever in this module names configurations (looked up when a configuration is deleted). */
    private final jakarta.enterprise.inject.Instance<ConfigurationUsers> users;

    MongoCollection<Document> collection() {
        String module = plugins.module()
                .orElseThrow(() -> new IllegalStateException("ce.plugins.module is not set for this service"))
                .name()
                .toLowerCase();
        return store.collection(module + "_configurations");
    }

    public List<ConfigurationModels.View> list() {
        List<ConfigurationModels.View> views = new ArrayList<>();
        collection().find().sort(Sorts.ascending("name")).forEach(d -> views.add(view(d)));
        return views;
    }

    public ConfigurationModels.View get(String name) {
        return view(require(name));
    }

    public ConfigurationModels.View create(ConfigurationModels.Form form) {
        LoadedPlugin plugin = plugin(form.pluginId());
        Map<String, Object> config =
                withDefaults(plugin, form.configuration() == null ? Map.of() : form.configuration());
        check(plugin, form, config);
        Instant now = Instant.now();
        Document doc = new Document("name", form.name())
                .append("pluginId", plugin.manifest().id())
                .append("pluginVersion", plugin.manifest().version())
                .append("enabled", form.enabled() == null || form.enabled())
                .append("pollIntervalSeconds", interval(form))
                .append("configuration", new Document(encrypt(plugin, config)))
                .append("tenantSource", sourceDocument(form.tenantSource()))
                .append("storage", new Document())
                .append("runs", 0L)
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now));
        try {
            collection().insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ProblemException.Conflict("A configuration named '" + form.name() + "' already exists.");
            }
            throw e;
        }
        ConfigurationModels.View created = view(doc);
        audit.record("configuration.created", "configuration:" + form.name(), null, created);
        needsChanged.fire(new NeedsChanged("configuration " + form.name() + " created"));
        return created;
    }

    public ConfigurationModels.View update(String name, ConfigurationModels.Form form) {
        Document existing = require(name);
        if (!name.equals(form.name()) || !existing.getString("pluginId").equals(form.pluginId())) {
            throw ProblemException.Invalid.field(!name.equals(form.name()) ? "name" : "pluginId", "cannot be changed");
        }
        LoadedPlugin plugin = plugin(form.pluginId());
        Map<String, Object> stored = decrypt(plugin, existing.get("configuration", Document.class));
        Map<String, Object> given = new HashMap<>(form.configuration() == null ? Map.of() : form.configuration());
        for (ConfigField field : ConfigValidator.flatten(plugin.manifest().configuration())) {
            if (field.secret() && given.get(field.key()) == null && stored.containsKey(field.key())) {
                given.put(field.key(), stored.get(field.key()));
            }
            if (!field.editable()
                    && stored.containsKey(field.key())
                    && !java.util.Objects.equals(stored.get(field.key()), given.get(field.key()))) {
                throw ProblemException.Invalid.field(
                        "configuration." + field.key(), "cannot be changed after the configuration was created");
            }
        }
        Map<String, Object> config = withDefaults(plugin, given);
        check(plugin, form, config);
        ConfigurationModels.View before = view(existing);
        Document doc = new Document(existing)
                .append("pluginVersion", plugin.manifest().version())
                .append("enabled", form.enabled() == null ? existing.getBoolean("enabled", true) : form.enabled())
                .append("pollIntervalSeconds", interval(form))
                .append("configuration", new Document(encrypt(plugin, config)))
                .append("tenantSource", sourceDocument(form.tenantSource()))
                .append("updatedAt", new Date());
        collection().replaceOne(Filters.eq("name", name), doc);
        ConfigurationModels.View after = view(doc);
        audit.record("configuration.updated", "configuration:" + name, before, after);
        needsChanged.fire(new NeedsChanged("configuration " + name + " updated"));
        return after;
    }

    public ConfigurationModels.View setEnabled(String name, boolean enabled) {
        Document existing = require(name);
        collection()
                .updateOne(
                        Filters.eq("name", name),
                        new Document("$set", new Document("enabled", enabled).append("updatedAt", new Date())));
        audit.record(enabled ? "configuration.enabled" : "configuration.disabled", "configuration:" + name, null, null);
        needsChanged.fire(new NeedsChanged("configuration " + name + (enabled ? " enabled" : " disabled")));
        existing.put("enabled", enabled);
        return view(existing);
    }

    public void delete(String name) {
        Document existing = require(name);
        List<String> usedBy = new ArrayList<>();
        for (ConfigurationUsers u : users) {
            usedBy.addAll(u.usersOf(name));
        }
        if (!usedBy.isEmpty()) {
            throw new ProblemException.Conflict(
                    "The configuration '" + name + "' is used by " + String.join(", ", usedBy) + "; change or delete "
                            + (usedBy.size() == 1 ? "it" : "them") + " first.");
        }
        collection().deleteOne(Filters.eq("name", name));
        audit.record("configuration.deleted", "configuration:" + name, view(existing), null);
        needsChanged.fire(new NeedsChanged("configuration " + name + " deleted"));
    }

    /**
     * What a delivery needs to call a configuration's plugin: the plugin, its decrypted values, its
     * storage and whether it is on. Empty when there is no such configuration.
     *
     * @param plugin empty when the plugin is not installed or turned off
     */
    public record Target(
            String name,
            java.util.Optional<LoadedPlugin> plugin,
            Map<String, Object> configuration,
            Map<String, String> storage,
            boolean enabled,
            Instant updatedAt) {}

    public java.util.Optional<Target> target(String name) {
        Document doc = collection().find(Filters.eq("name", name)).first();
        if (doc == null) {
            return java.util.Optional.empty();
        }
        String pluginId = doc.getString("pluginId");
        java.util.Optional<LoadedPlugin> plugin = plugins.find(pluginId);
        Map<String, Object> config = plugin.map(p -> decrypt(p, doc.get("configuration", Document.class)))
                .orElse(Map.of());
        Map<String, String> storage = new HashMap<>();
        Document stored = doc.get("storage", Document.class);
        if (stored != null) {
            stored.forEach((k, v) -> storage.put(k, String.valueOf(v)));
        }
        return java.util.Optional.of(new Target(
                name,
                plugin,
                config,
                storage,
                doc.getBoolean("enabled", true),
                doc.getDate("updatedAt").toInstant()));
    }

    /** Keeps what a plugin call left in its configuration's storage. */
    public void saveStorage(String name, Map<String, String> storage) {
        collection()
                .updateOne(
                        Filters.eq("name", name),
                        new Document("$set", new Document("storage", new Document(new HashMap<>(storage)))));
    }

    /** Records the outcome of a call that is not a scheduled run (e.g. a delivery) in the configuration's health. */
    public void recordHealth(String name, boolean ok, String error, String summary) {
        Date now = new Date();
        Document set = new Document("health.lastRunAt", now)
                .append("health.healthy", ok)
                .append("health.lastError", ok ? null : error)
                .append("health.lastRunSummary", summary);
        if (ok) {
            set.append("health.lastSuccessAt", now);
        }
        collection().updateOne(Filters.eq("name", name), new Document("$set", set));
    }

    /** The tenant data every enabled configuration of this module consumes. */
    public Set<IngestNeeds.Need> tenantNeeds() {
        Set<IngestNeeds.Need> needs = new LinkedHashSet<>();
        collection().find(Filters.eq("enabled", true)).forEach(d -> {
            ConfigurationModels.TenantSource source = source(d);
            if (source == null || plugins.isDisabled(d.getString("pluginId"))) {
                return;
            }
            source.alerts().forEach(s -> needs.add(new IngestNeeds.Need(source.tenant(), NetskopeDataTypes.ALERTS, s)));
            source.events().forEach(s -> needs.add(new IngestNeeds.Need(source.tenant(), NetskopeDataTypes.EVENTS, s)));
        });
        return needs;
    }

    /** Runs the plugin's own validation on the stored configuration again (e.g. after a password rotation elsewhere). */
    public ValidationResult validate(String name) {
        Document doc = require(name);
        LoadedPlugin plugin = plugin(doc.getString("pluginId"));
        return pluginValidation(plugin, name, decrypt(plugin, doc.get("configuration", Document.class)));
    }

    /** The decrypted configuration, for runs. */
    Map<String, Object> decrypted(Document doc) {
        return decrypt(plugin(doc.getString("pluginId")), doc.get("configuration", Document.class));
    }

    LoadedPlugin plugin(String pluginId) {
        if (plugins.isDisabled(pluginId)) {
            throw ProblemException.Invalid.field(
                    "pluginId",
                    "the plugin '" + pluginId
                            + "' is turned off; the super-admin can turn it on in the plugin catalogue");
        }
        return plugins.find(pluginId)
                .orElseThrow(() -> ProblemException.Invalid.field(
                        "pluginId",
                        "no installed " + plugins.module().orElseThrow()
                                + " plugin has the id '" + pluginId + "'; installed: "
                                + plugins.plugins().stream()
                                        .map(p -> p.manifest().id())
                                        .toList()));
    }

    private void check(LoadedPlugin plugin, ConfigurationModels.Form form, Map<String, Object> config) {
        List<Problem.FieldError> errors = new ArrayList<>();
        long interval = interval(form);
        if (interval < ConfigurationModels.MIN_POLL_SECONDS || interval > ConfigurationModels.MAX_POLL_SECONDS) {
            errors.add(
                    new Problem.FieldError("pollIntervalSeconds", "must be 10 seconds to 1 year (31536000 seconds)"));
        }
        errors.addAll(sourceErrors(form.tenantSource()));
        for (FieldProblem p : ConfigValidator.validate(plugin.manifest().configuration(), config)) {
            errors.add(new Problem.FieldError("configuration." + p.field(), p.message()));
        }
        if (errors.isEmpty()) {
            for (FieldProblem p : pluginValidation(plugin, form.name(), config).problems()) {
                errors.add(new Problem.FieldError(
                        p.field() == null ? "configuration" : "configuration." + p.field(), p.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.Invalid.of(errors);
        }
    }

    private ValidationResult pluginValidation(LoadedPlugin plugin, String name, Map<String, Object> config) {
        PlatformContext context = new PlatformContext(
                plugin.manifest().module().name(),
                plugin.manifest().id(),
                name,
                config,
                Map.of(),
                null,
                plugins.http(),
                plugins.logs());
        PluginInvoker.Outcome<ValidationResult> outcome = plugins.invoker()
                .call(
                        "validate:" + name,
                        plugins.callTimeout(),
                        () -> plugin.plugin().validate(context),
                        answer -> answer == null ? "no validation result" : null);
        if (!outcome.ok()) {
            return ValidationResult.invalid(null, "the plugin could not check the configuration: " + outcome.error());
        }
        return outcome.value();
    }

    private static List<Problem.FieldError> sourceErrors(ConfigurationModels.TenantSource source) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (source == null) {
            return errors;
        }
        if (source.tenant() == null || !source.tenant().matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            errors.add(new Problem.FieldError(
                    "tenantSource.tenant", "is required: the name of a Netskope tenant configured in Open CE"));
        }
        errors.addAll(NetskopeDataTypes.unknownSubtypes("tenantSource.", "alerts", source.alerts()));
        errors.addAll(NetskopeDataTypes.unknownSubtypes("tenantSource.", "events", source.events()));
        if (isEmpty(source.alerts()) && isEmpty(source.events())) {
            errors.add(new Problem.FieldError("tenantSource", "name at least one alert subtype or event type"));
        }
        return errors;
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }

    private static Document sourceDocument(ConfigurationModels.TenantSource source) {
        if (source == null) {
            return null;
        }
        return new Document("tenant", source.tenant())
                .append(
                        "alerts",
                        source.alerts() == null ? List.of() : List.copyOf(new LinkedHashSet<>(source.alerts())))
                .append(
                        "events",
                        source.events() == null ? List.of() : List.copyOf(new LinkedHashSet<>(source.events())));
    }

    private static ConfigurationModels.TenantSource source(Document d) {
        Document s = d.get("tenantSource", Document.class);
        if (s == null) {
            return null;
        }
        return new ConfigurationModels.TenantSource(
                s.getString("tenant"),
                s.getList("alerts", String.class, List.of()),
                s.getList("events", String.class, List.of()));
    }

    private static long interval(ConfigurationModels.Form form) {
        return form.pollIntervalSeconds() == null ? 300 : form.pollIntervalSeconds();
    }

    private static Map<String, Object> withDefaults(LoadedPlugin plugin, Map<String, Object> given) {
        Map<String, Object> config = new LinkedHashMap<>(given);
        for (ConfigField field : ConfigValidator.flatten(plugin.manifest().configuration())) {
            if (field.defaultValue() != null
                    && (config.get(field.key()) == null || "".equals(config.get(field.key())))) {
                config.put(field.key(), field.defaultValue());
            }
        }
        return config;
    }

    private Map<String, Object> encrypt(LoadedPlugin plugin, Map<String, Object> config) {
        Map<String, Object> stored = new LinkedHashMap<>(config);
        for (ConfigField field : ConfigValidator.flatten(plugin.manifest().configuration())) {
            if (field.secret() && stored.get(field.key()) instanceof String s && !s.isEmpty()) {
                stored.put(field.key(), secrets.box().encrypt(s));
            }
        }
        return stored;
    }

    private Map<String, Object> decrypt(LoadedPlugin plugin, Document stored) {
        Map<String, Object> config = new LinkedHashMap<>(stored == null ? Map.of() : stored);
        for (ConfigField field : ConfigValidator.flatten(plugin.manifest().configuration())) {
            if (field.secret() && config.get(field.key()) instanceof String s && !s.isEmpty()) {
                config.put(field.key(), secrets.box().decrypt(s));
            }
        }
        return config;
    }

    Document require(String name) {
        Document doc = collection().find(Filters.eq("name", name)).first();
        if (doc == null) {
            throw new ProblemException.NotFound("No configuration named '" + name + "'.");
        }
        return doc;
    }

    ConfigurationModels.View view(Document d) {
        Map<String, Object> shown = new LinkedHashMap<>(
                d.get("configuration", Document.class) == null ? Map.of() : d.get("configuration", Document.class));
        var plugin = plugins.find(d.getString("pluginId"));
        for (var entry : shown.entrySet()) {
            boolean secret = plugin.map(
                            p -> ConfigValidator.flatten(p.manifest().configuration()).stream()
                                    .anyMatch(f -> f.key().equals(entry.getKey()) && f.secret()))
                    .orElse(Secrets.isSecretName(entry.getKey()));
            if (secret && entry.getValue() != null && !"".equals(entry.getValue())) {
                entry.setValue(Secrets.MASK);
            }
        }
        Document health = d.get("health", Document.class);
        ConfigurationModels.Health h = new ConfigurationModels.Health(
                instant(health, "lastRunAt"),
                instant(health, "lastSuccessAt"),
                health == null ? null : health.getString("lastError"),
                health == null || health.getBoolean("healthy", true),
                health == null ? null : health.getString("lastRunSummary"),
                d.get("runs") instanceof Number n ? n.longValue() : 0);
        return new ConfigurationModels.View(
                d.getString("name"),
                d.getString("pluginId"),
                plugin.map(p -> p.manifest().name()).orElse("(plugin not installed)"),
                d.getString("pluginVersion"),
                d.getBoolean("enabled", true),
                ((Number) d.get("pollIntervalSeconds")).longValue(),
                shown,
                source(d),
                h,
                d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant());
    }

    private static Instant instant(Document d, String key) {
        return d == null || d.getDate(key) == null ? null : d.getDate(key).toInstant();
    }
}
