package org.opence.cls.siem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.bson.Document;
import org.opence.cls.mapping.MappingFiles;
import org.opence.common.audit.AuditTrail;
import org.opence.common.error.Problem;
import org.opence.common.error.ProblemException;
import org.opence.common.ingest.IngestNeeds;
import org.opence.common.ingest.NeedsChanged;
import org.opence.common.ingest.NetskopeDataTypes;
import org.opence.common.ingest.TenantDataNeeds;
import org.opence.common.plugin.config.PluginConfigurations;
import org.opence.common.store.Store;
import org.opence.mapping.query.Query;
import org.opence.mapping.query.QueryException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * SIEM mappings in {@code cls_siem_mappings}: validated as a whole (tenant data types, the rule, the
 * mapping file, the destinations), audited, and the source of the Log Shipper's tenant data needs:
 * every enabled mapping makes core-service pull its tenant's types.
 */
@ApplicationScoped
public class SiemMappings implements TenantDataNeeds {

    /** Longest rule (or mute rule), as JSON text. */
    static final int MAX_RULE_CHARS = 65_536;

    private final MongoCollection<Document> mappings;
    private final ObjectMapper mapper;
    private final MappingFiles files;
    private final PluginConfigurations configurations;
    private final AuditTrail audit;
    private final Event<NeedsChanged> needsChanged;

    public SiemMappings(
            Store store,
            ObjectMapper mapper,
            MappingFiles files,
            PluginConfigurations configurations,
            AuditTrail audit,
            Event<NeedsChanged> needsChanged) {
        this.mappings = store.collection("cls_siem_mappings");
        this.mapper = mapper;
        this.files = files;
        this.configurations = configurations;
        this.audit = audit;
        this.needsChanged = needsChanged;
    }

    public List<SiemMappingModels.SiemMapping> list() {
        List<SiemMappingModels.SiemMapping> all = new ArrayList<>();
        mappings.find().sort(Sorts.ascending("name")).forEach(d -> all.add(view(d)));
        return all;
    }

    public SiemMappingModels.SiemMapping get(String name) {
        return view(require(name));
    }

    public java.util.Optional<SiemMappingModels.SiemMapping> find(String name) {
        Document d = mappings.find(Filters.eq("name", name)).first();
        return d == null ? java.util.Optional.empty() : java.util.Optional.of(view(d));
    }

    public SiemMappingModels.SiemMapping create(SiemMappingModels.SiemMapping form) {
        check(form);
        Document doc = document(form).append("createdAt", new Date());
        try {
            mappings.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ProblemException.Conflict("A SIEM mapping named '" + form.name() + "' already exists.");
            }
            throw e;
        }
        SiemMappingModels.SiemMapping created = view(doc);
        audit.record("siem-mapping.created", "siem-mapping:" + form.name(), null, created);
        needsChanged.fire(new NeedsChanged("SIEM mapping " + form.name() + " created"));
        return created;
    }

    public SiemMappingModels.SiemMapping update(String name, SiemMappingModels.SiemMapping form) {
        Document existing = require(name);
        if (!name.equals(form.name())) {
            throw ProblemException.Invalid.field("name", "cannot be changed (it is '" + name + "')");
        }
        check(form);
        Document doc = document(form).append("createdAt", existing.getDate("createdAt"));
        mappings.replaceOne(Filters.eq("name", name), doc);
        SiemMappingModels.SiemMapping after = view(doc);
        audit.record("siem-mapping.updated", "siem-mapping:" + name, view(existing), after);
        needsChanged.fire(new NeedsChanged("SIEM mapping " + name + " updated"));
        return after;
    }

    public void delete(String name) {
        Document existing = require(name);
        mappings.deleteOne(Filters.eq("name", name));
        audit.record("siem-mapping.deleted", "siem-mapping:" + name, view(existing), null);
        needsChanged.fire(new NeedsChanged("SIEM mapping " + name + " deleted"));
    }

    /** Names of the mappings that write with this mapping file. */
    public List<String> usingMappingFile(String file) {
        List<String> names = new ArrayList<>();
        mappings.find(Filters.eq("mappingFile", file)).forEach(d -> names.add(d.getString("name")));
        return names;
    }

    @Override
    public Set<IngestNeeds.Need> needs() {
        Set<IngestNeeds.Need> needs = new LinkedHashSet<>();
        mappings.find(Filters.eq("enabled", true)).forEach(d -> {
            SiemMappingModels.Source s = view(d).source();
            s.alerts().forEach(a -> needs.add(new IngestNeeds.Need(s.tenant(), NetskopeDataTypes.ALERTS, a)));
            s.events().forEach(e -> needs.add(new IngestNeeds.Need(s.tenant(), NetskopeDataTypes.EVENTS, e)));
        });
        return needs;
    }

    private void check(SiemMappingModels.SiemMapping f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (f.name() == null || !f.name().matches("[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}")) {
            errors.add(new Problem.FieldError(
                    "name", "must be 1 to 100 letters, digits, spaces, _ . or -, starting with a letter or digit"));
        }
        SiemMappingModels.Source s = f.source();
        if (s == null) {
            errors.add(new Problem.FieldError("source", "is required: {tenant, alerts, events}"));
        } else {
            if (s.tenant() == null || !s.tenant().matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                errors.add(new Problem.FieldError(
                        "source.tenant", "is required: the name of a Netskope tenant in Open CE"));
            }
            errors.addAll(NetskopeDataTypes.unknownSubtypes("source.", "alerts", s.alerts()));
            errors.addAll(NetskopeDataTypes.unknownSubtypes("source.", "events", s.events()));
            if (empty(s.alerts()) && empty(s.events())) {
                errors.add(new Problem.FieldError("source", "name at least one alert subtype or event type"));
            }
        }
        if (f.rule() != null && f.rule().toString().length() > MAX_RULE_CHARS) {
            errors.add(new Problem.FieldError("rule", "must be at most " + MAX_RULE_CHARS + " characters of JSON"));
        } else if (f.rule() != null && !f.rule().isNull()) {
            try {
                Query.parse(f.rule());
            } catch (QueryException e) {
                e.errors()
                        .forEach(v -> errors.add(new Problem.FieldError(
                                v.path() == null || v.path().isEmpty() ? "rule" : "rule." + v.path(), v.message())));
            }
        }
        if (f.mappingFile() == null || f.mappingFile().isBlank()) {
            errors.add(new Problem.FieldError("mappingFile", "is required: a mapping file's name, e.g. default-cef"));
        } else if (files.find(f.mappingFile()).isEmpty()) {
            errors.add(new Problem.FieldError("mappingFile", "no mapping file is named '" + f.mappingFile() + "'"));
        }
        if (f.mute() != null) {
            if (f.mute().reason() != null && f.mute().reason().length() > 500) {
                errors.add(new Problem.FieldError("mute.reason", "must be at most 500 characters"));
            }
            if (f.mute().rule() != null && f.mute().rule().toString().length() > MAX_RULE_CHARS) {
                errors.add(new Problem.FieldError(
                        "mute.rule", "must be at most " + MAX_RULE_CHARS + " characters of JSON"));
            }
            if (f.mute().until() == null) {
                errors.add(new Problem.FieldError("mute.until", "is required: when the mute ends (ISO-8601)"));
            } else if (f.mute().until().isAfter(Instant.now().plus(java.time.Duration.ofDays(366)))) {
                errors.add(new Problem.FieldError("mute.until", "must be within a year"));
            }
            if (f.mute().rule() != null && !f.mute().rule().isNull()) {
                try {
                    Query.parse(f.mute().rule());
                } catch (QueryException e) {
                    e.errors()
                            .forEach(v -> errors.add(new Problem.FieldError(
                                    v.path() == null || v.path().isEmpty() ? "mute.rule" : "mute.rule." + v.path(),
                                    v.message())));
                }
            }
        }
        if (f.retry() != null) {
            SiemMappingModels.Retry r = f.retry();
            if (!SiemMappingModels.Retry.LIMITED.equals(r.strategy())
                    && !SiemMappingModels.Retry.INFINITE.equals(r.strategy())) {
                errors.add(new Problem.FieldError("retry.strategy", "must be 'limited' or 'infinite'"));
            } else if (SiemMappingModels.Retry.LIMITED.equals(r.strategy())
                    && r.maxAttempts() != null
                    && (r.maxAttempts() < 1 || r.maxAttempts() > 1000)) {
                errors.add(
                        new Problem.FieldError("retry.maxAttempts", "must be 1 to 1000 (or use strategy 'infinite')"));
            }
        }
        if (empty(f.destinations())) {
            errors.add(
                    new Problem.FieldError("destinations", "name at least one Log Shipper destination configuration"));
        } else if (f.destinations().size() > 50) {
            errors.add(new Problem.FieldError("destinations", "must name at most 50 destinations"));
        } else {
            for (int i = 0; i < f.destinations().size(); i++) {
                String d = f.destinations().get(i);
                try {
                    configurations.get(d);
                } catch (ProblemException.NotFound e) {
                    errors.add(new Problem.FieldError(
                            "destinations[" + i + "]", "no Log Shipper configuration is named '" + d + "'"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.Invalid.of(errors);
        }
    }

    private static boolean empty(List<String> l) {
        return l == null || l.isEmpty();
    }

    private Document document(SiemMappingModels.SiemMapping f) {
        SiemMappingModels.Source s = f.source();
        return new Document("name", f.name())
                .append("tenant", s.tenant())
                .append("alerts", s.alerts() == null ? List.of() : List.copyOf(new LinkedHashSet<>(s.alerts())))
                .append("events", s.events() == null ? List.of() : List.copyOf(new LinkedHashSet<>(s.events())))
                .append(
                        "rule",
                        f.rule() == null || f.rule().isNull() ? null : f.rule().toString())
                .append("mappingFile", f.mappingFile())
                .append("destinations", List.copyOf(new LinkedHashSet<>(f.destinations())))
                .append("enabled", f.enabled() == null || f.enabled())
                .append("retryStrategy", retry(f).strategy())
                .append("retryMaxAttempts", retry(f).maxAttempts())
                .append(
                        "mute",
                        f.mute() == null
                                ? null
                                : new Document(
                                                "until",
                                                java.util.Date.from(f.mute().until()))
                                        .append(
                                                "rule",
                                                f.mute().rule() == null
                                                                || f.mute()
                                                                        .rule()
                                                                        .isNull()
                                                        ? null
                                                        : f.mute().rule().toString())
                                        .append("reason", f.mute().reason()))
                .append("updatedAt", new Date());
    }

    private static SiemMappingModels.Retry retry(SiemMappingModels.SiemMapping f) {
        SiemMappingModels.Retry r = f.retry();
        if (r == null) {
            return SiemMappingModels.Retry.DEFAULT;
        }
        if (SiemMappingModels.Retry.INFINITE.equals(r.strategy())) {
            return new SiemMappingModels.Retry(SiemMappingModels.Retry.INFINITE, null);
        }
        return new SiemMappingModels.Retry(
                SiemMappingModels.Retry.LIMITED,
                r.maxAttempts() == null ? SiemMappingModels.Retry.DEFAULT_MAX_ATTEMPTS : r.maxAttempts());
    }

    private SiemMappingModels.SiemMapping view(Document d) {
        JsonNode rule = null;
        if (d.getString("rule") != null) {
            try {
                rule = mapper.readTree(d.getString("rule"));
            } catch (Exception e) {
                throw new IllegalStateException("stored rule of " + d.getString("name") + " is not JSON", e);
            }
        }
        return new SiemMappingModels.SiemMapping(
                d.getString("name"),
                new SiemMappingModels.Source(
                        d.getString("tenant"),
                        d.getList("alerts", String.class, List.of()),
                        d.getList("events", String.class, List.of())),
                rule,
                d.getString("mappingFile"),
                d.getList("destinations", String.class, List.of()),
                d.getBoolean("enabled", true),
                d.getString("retryStrategy") == null
                        ? SiemMappingModels.Retry.DEFAULT
                        : new SiemMappingModels.Retry(d.getString("retryStrategy"), d.getInteger("retryMaxAttempts")),
                mute(d.get("mute", Document.class)),
                instant(d, "createdAt"),
                instant(d, "updatedAt"));
    }

    private SiemMappingModels.Mute mute(Document m) {
        if (m == null) {
            return null;
        }
        try {
            return new SiemMappingModels.Mute(
                    m.getDate("until").toInstant(),
                    m.getString("rule") == null ? null : mapper.readTree(m.getString("rule")),
                    m.getString("reason"));
        } catch (Exception e) {
            throw new IllegalStateException("stored mute rule is not JSON", e);
        }
    }

    private static Instant instant(Document d, String key) {
        return d.getDate(key) == null ? null : d.getDate(key).toInstant();
    }

    private Document require(String name) {
        Document d = mappings.find(Filters.eq("name", name)).first();
        if (d == null) {
            throw new ProblemException.NotFound("No SIEM mapping named '" + name + "'.");
        }
        return d;
    }
}
