package org.opence.core.settings;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.audit.AuditTrail;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.error.Problem;
import org.opence.common.error.ProblemException;
import org.opence.common.logs.Logs;
import org.opence.common.plugin.Tls;
import org.opence.common.secret.Secrets;
import org.opence.common.settings.PlatformSettings;
import org.opence.common.settings.SettingsEvents;
import org.opence.common.store.Store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The platform settings: one document in {@code settings}, validated field by field, the proxy
 * password encrypted, every change audited and published as {@code settings.changed} (with the
 * password still encrypted) for every service to apply at once.
 */
@ApplicationScoped
public class SettingsService {

    private static final Logger LOG = Logger.getLogger(SettingsService.class);
    static final String ID = "platform";
    private static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

    private final MongoCollection<Document> settings;
    private final ObjectMapper mapper;
    private final Secrets secrets;
    private final RabbitBus bus;
    private final AuditTrail audit;
    private final Logs logs;

    public SettingsService(
            Store store, ObjectMapper mapper, Secrets secrets, RabbitBus bus, AuditTrail audit, Logs logs) {
        this.logs = logs;
        this.settings = store.collection("settings");
        this.mapper = mapper;
        this.secrets = secrets;
        this.bus = bus;
        this.audit = audit;
    }

    /** As stored (password encrypted), or the defaults. */
    public PlatformSettings stored() {
        Document d = settings.find(Filters.eq("_id", ID)).first();
        if (d == null) {
            return PlatformSettings.defaults();
        }
        d.remove("_id");
        return mapper.convertValue(d, PlatformSettings.class);
    }

    /** As shown: the password masked. */
    public PlatformSettings view() {
        return masked(stored());
    }

    public PlatformSettings update(PlatformSettings form, SecurityIdentity who) {
        PlatformSettings before = stored();
        List<Problem.FieldError> errors = validate(form);
        if (!errors.isEmpty()) {
            throw ProblemException.Invalid.of(errors);
        }
        PlatformSettings.Proxy p = form.proxy();
        // left out, or sent back masked as shown: keep the stored one; "" removes it
        String password = storedPassword(p, before);
        PlatformSettings next = new PlatformSettings(
                form.modules(),
                new PlatformSettings.Proxy(
                        p.enabled(), "http", blankToNull(p.host()), p.port(), blankToNull(p.username()), password),
                new PlatformSettings.OutboundTls(
                        form.tls().verify(), blankToNull(form.tls().extraCaCertificates())),
                form.logLevel() == null ? null : form.logLevel().toUpperCase(Locale.ROOT),
                form.retention(),
                form.updateCheck(),
                Instant.now(),
                who == null || who.isAnonymous() ? "system" : who.getPrincipal().getName());
        Document doc = new Document(mapper.convertValue(next, java.util.Map.class));
        doc.put("_id", ID);
        settings.replaceOne(Filters.eq("_id", ID), doc, new ReplaceOptions().upsert(true));
        audit.record("settings.updated", "settings", masked(before), masked(next));
        logs.info("Settings changed by " + next.updatedBy() + changes(before, next));
        publish(next);
        return masked(next);
    }

    /** ": modules, retention" — the parts that changed, for the platform log (values are in the audit trail). */
    private static String changes(PlatformSettings before, PlatformSettings after) {
        List<String> parts = new ArrayList<>();
        if (!java.util.Objects.equals(before.modules(), after.modules())) {
            parts.add("modules");
        }
        if (!java.util.Objects.equals(before.proxy(), after.proxy())) {
            parts.add("proxy");
        }
        if (!java.util.Objects.equals(before.tls(), after.tls())) {
            parts.add("TLS");
        }
        if (!java.util.Objects.equals(before.logLevel(), after.logLevel())) {
            parts.add("log level");
        }
        if (!java.util.Objects.equals(before.retention(), after.retention())) {
            parts.add("retention");
        }
        if (!java.util.Objects.equals(before.updateCheck(), after.updateCheck())) {
            parts.add("update check");
        }
        return parts.isEmpty() ? " (nothing different)" : ": " + String.join(", ", parts);
    }

    /**
     * The proxy password as it is to be stored (encrypted): left out or sent back masked keeps the stored
     * one, {@code ""} removes it, anything else is the new one.
     */
    String storedPassword(PlatformSettings.Proxy form, PlatformSettings stored) {
        if (form.password() == null || Secrets.MASK.equals(form.password())) {
            return stored.proxy() == null ? null : stored.proxy().password();
        }
        return form.password().isEmpty() ? null : secrets.box().encrypt(form.password());
    }

    /** Publishes the stored settings (after a change, at start-up, on request). */
    public void publish(PlatformSettings current) {
        try {
            bus.publish(
                            BusNames.EVENTS,
                            SettingsEvents.CHANGED,
                            Envelope.of(SettingsEvents.CHANGED, 1, "core-service", mapper.valueToTree(current)),
                            false,
                            null)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.errorf("Could not publish the settings: %s; services get them when they next ask", e.getMessage());
        }
    }

    static List<Problem.FieldError> validate(PlatformSettings f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (f.modules() == null) {
            errors.add(new Problem.FieldError("modules", "is required: {cte, cto, cre, cls} each true or false"));
        }
        PlatformSettings.Proxy p = f.proxy();
        if (p == null) {
            errors.add(new Problem.FieldError("proxy", "is required (enabled false for direct connections)"));
        } else {
            if (p.scheme() != null && !p.scheme().equalsIgnoreCase("http")) {
                errors.add(
                        new Problem.FieldError(
                                "proxy.scheme",
                                "must be http: the proxy is reached over plain HTTP and HTTPS sites are tunnelled through it (CONNECT)"));
            }
            if (p.enabled() || p.host() != null) {
                if (p.host() == null
                        || !p.host().matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]")) {
                    errors.add(new Problem.FieldError(
                            "proxy.host", "must be a host name or IP address, e.g. proxy.example.com"));
                }
                if (p.port() == null || p.port() < 1 || p.port() > 65535) {
                    errors.add(new Problem.FieldError("proxy.port", "must be 1 to 65535"));
                }
            }
            if (p.username() != null && p.username().length() > 255) {
                errors.add(new Problem.FieldError("proxy.username", "must be at most 255 characters"));
            }
            if (p.password() != null && p.password().length() > 1024) {
                errors.add(new Problem.FieldError("proxy.password", "must be at most 1024 characters"));
            }
            if (p.password() != null
                    && !p.password().isEmpty()
                    && !Secrets.MASK.equals(p.password())
                    && (p.username() == null || p.username().isBlank())) {
                errors.add(new Problem.FieldError("proxy.username", "is required when a password is given"));
            }
        }
        if (f.tls() == null) {
            errors.add(new Problem.FieldError("tls", "is required: {verify, extraCaCertificates}"));
        } else if (f.tls().extraCaCertificates() != null
                && f.tls().extraCaCertificates().length() > 262_144) {
            errors.add(new Problem.FieldError("tls.extraCaCertificates", "must be at most 256 KiB of PEM"));
        } else if (f.tls().extraCaCertificates() != null
                && !f.tls().extraCaCertificates().isBlank()) {
            try {
                Tls.certificates(f.tls().extraCaCertificates());
            } catch (Exception e) {
                errors.add(new Problem.FieldError(
                        "tls.extraCaCertificates",
                        "must be PEM certificates (-----BEGIN CERTIFICATE----- ...): " + e.getMessage()));
            }
        }
        if (f.logLevel() != null && !LEVELS.contains(f.logLevel().toUpperCase(Locale.ROOT))) {
            errors.add(new Problem.FieldError(
                    "logLevel", "must be one of " + String.join(", ", LEVELS) + ", or null for CE_LOG_LEVEL"));
        }
        PlatformSettings.Retention r = f.retention();
        if (r == null) {
            errors.add(new Problem.FieldError("retention", "is required"));
        } else {
            days(errors, "retention.logsDays", r.logsDays());
            days(errors, "retention.alertsDays", r.alertsDays());
            days(errors, "retention.eventsDays", r.eventsDays());
            days(errors, "retention.ticketsDays", r.ticketsDays());
            days(errors, "retention.notificationsDays", r.notificationsDays());
            days(errors, "retention.parkedDays", r.parkedDays());
        }
        PlatformSettings.UpdateCheck u = f.updateCheck();
        if (u == null) {
            errors.add(new Problem.FieldError("updateCheck", "is required"));
        } else {
            if (u.intervalHours() < 1 || u.intervalHours() > 168) {
                errors.add(new Problem.FieldError("updateCheck.intervalHours", "must be 1 to 168"));
            }
            if (u.feedUrl() == null || u.feedUrl().length() > 2048 || !isHttpsUrl(u.feedUrl())) {
                errors.add(new Problem.FieldError("updateCheck.feedUrl", "must be an https:// URL"));
            }
        }
        return errors;
    }

    private static void days(List<Problem.FieldError> errors, String field, int days) {
        if (days < 1 || days > 3650) {
            errors.add(new Problem.FieldError(field, "must be 1 to 3650 days"));
        }
    }

    private static boolean isHttpsUrl(String url) {
        try {
            URI uri = URI.create(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PlatformSettings masked(PlatformSettings s) {
        PlatformSettings.Proxy p = s.proxy();
        if (p == null || p.password() == null) {
            return s;
        }
        return new PlatformSettings(
                s.modules(),
                new PlatformSettings.Proxy(p.enabled(), p.scheme(), p.host(), p.port(), p.username(), Secrets.MASK),
                s.tls(),
                s.logLevel(),
                s.retention(),
                s.updateCheck(),
                s.updatedAt(),
                s.updatedBy());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
