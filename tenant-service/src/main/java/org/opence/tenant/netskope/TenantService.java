package org.opence.tenant.netskope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.audit.AuditTrail;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.config.CeConfig;
import org.opence.common.error.ProblemException;
import org.opence.common.ingest.TenantAddress;
import org.opence.common.secret.Secrets;
import org.opence.common.store.Store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * Netskope tenants: stored with their tokens encrypted under the master key, shown without them, and
 * announced on {@code ce.events} ({@code config.tenant.changed}, with the {@link TenantRecord} whose
 * tokens stay ciphertext) for the services that keep a copy, above all core-service's ingest.
 */
@ApplicationScoped
public class TenantService {

    private static final Logger LOG = Logger.getLogger(TenantService.class);
    static final String COLLECTION = "tenants";
    public static final String CHANGED = "config.tenant.changed";

    private final MongoCollection<Document> tenants;
    private final Secrets secrets;
    private final RabbitBus bus;
    private final ObjectMapper mapper;
    private final ConnectionTester tester;
    private final AuditTrail audit;
    private final boolean allowHttpOnLoopback;

    public TenantService(
            Store store,
            Secrets secrets,
            RabbitBus bus,
            ObjectMapper mapper,
            ConnectionTester tester,
            AuditTrail audit,
            CeConfig ce) {
        this.allowHttpOnLoopback = ce.dev().allowHttpTenantOnLoopback();
        this.tenants = store.collection(COLLECTION);
        this.secrets = secrets;
        this.bus = bus;
        this.mapper = mapper;
        this.tester = tester;
        this.audit = audit;
    }

    public List<TenantModels.View> list() {
        List<TenantModels.View> views = new ArrayList<>();
        tenants.find().sort(Sorts.ascending("name")).forEach(d -> views.add(view(d)));
        return views;
    }

    public TenantModels.View get(String name) {
        return view(require(name));
    }

    public TenantModels.View create(TenantModels.Form form) {
        String v1 = blankToNull(form.v1Token());
        String v2 = blankToNull(form.v2Token());
        requireAToken(v1, v2);
        Instant now = Instant.now();
        Document doc = new Document("name", form.name())
                .append("tenantName", form.tenantName().trim())
                .append("baseUrl", baseUrl(form.tenantName()))
                .append("v1Token", v1 == null ? null : secrets.box().encrypt(v1))
                .append("v2Token", v2 == null ? null : secrets.box().encrypt(v2))
                .append("initialRangeDays", form.initialRangeDays() == null ? 7 : form.initialRangeDays())
                .append("useSystemProxy", Boolean.TRUE.equals(form.useSystemProxy()))
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now));
        try {
            tenants.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ProblemException.Conflict("A tenant named '" + form.name() + "' already exists.");
            }
            throw e;
        }
        announce(form.name(), "created", doc);
        audit.record("tenant.created", "tenant:" + form.name(), null, form);
        return view(doc);
    }

    public TenantModels.View update(String name, TenantModels.Form form) {
        Document existing = require(name);
        if (!name.equals(form.name())) {
            throw ProblemException.Invalid.field(
                    "name", "cannot be changed (it is '" + name + "'); create a new tenant instead");
        }
        String baseUrl = baseUrl(form.tenantName());
        requireTokensRetypedForANewUrl(existing, baseUrl, form);
        String v1 = form.v1Token() == null ? existing.getString("v1Token") : encryptOrNull(form.v1Token());
        String v2 = form.v2Token() == null ? existing.getString("v2Token") : encryptOrNull(form.v2Token());
        requireAToken(v1, v2);
        Document doc = new Document(existing)
                .append("tenantName", form.tenantName().trim())
                .append("baseUrl", baseUrl)
                .append("v1Token", v1)
                .append("v2Token", v2)
                .append(
                        "initialRangeDays",
                        form.initialRangeDays() == null
                                ? existing.getInteger("initialRangeDays", 7)
                                : form.initialRangeDays())
                .append(
                        "useSystemProxy",
                        form.useSystemProxy() == null
                                ? existing.getBoolean("useSystemProxy", false)
                                : form.useSystemProxy())
                .append("updatedAt", new Date());
        tenants.replaceOne(Filters.eq("name", name), doc);
        announce(name, "updated", doc);
        audit.record("tenant.updated", "tenant:" + name, view(existing), form);
        return view(doc);
    }

    public void delete(String name) {
        Document existing = require(name);
        tenants.deleteOne(Filters.eq("name", name));
        announce(name, "deleted", null);
        audit.record("tenant.deleted", "tenant:" + name, view(existing), null);
    }

    /** Every tenant as it travels on the bus (tokens as stored ciphertext), sorted by name. */
    public List<TenantRecord> records() {
        List<TenantRecord> records = new ArrayList<>();
        tenants.find().sort(Sorts.ascending("name")).forEach(d -> records.add(TenantRecord.of(d)));
        return records;
    }

    /** Tests the stored tokens of a saved tenant, against its stored URL only. */
    public TenantModels.TestResult test(String name) {
        Document doc = require(name);
        String baseUrl = doc.getString("baseUrl");
        if (!TenantAddress.mayCarryTokens(baseUrl, allowHttpOnLoopback)) {
            throw ProblemException.Invalid.field(
                    "tenantName",
                    "the stored URL " + baseUrl + " is not https://; change it to the tenant's https:// URL and"
                            + " type the tokens again");
        }
        return tester.test(
                baseUrl,
                decrypt(doc.getString("v1Token")),
                decrypt(doc.getString("v2Token")),
                doc.getBoolean("useSystemProxy", false));
    }

    /**
     * Tests a form before it is saved. Tokens left out are taken from the saved tenant of that name, but
     * only when the form's URL is the saved one: a saved token is never sent anywhere else.
     */
    public TenantModels.TestResult test(TenantModels.Form form) {
        Document saved = form.name() == null
                ? null
                : tenants.find(Filters.eq("name", form.name())).first();
        String baseUrl = baseUrl(form.tenantName());
        if (saved != null) {
            requireTokensRetypedForANewUrl(saved, baseUrl, form);
        }
        String v1 = form.v1Token() != null
                ? blankToNull(form.v1Token())
                : saved == null ? null : decrypt(saved.getString("v1Token"));
        String v2 = form.v2Token() != null
                ? blankToNull(form.v2Token())
                : saved == null ? null : decrypt(saved.getString("v2Token"));
        requireAToken(v1, v2);
        boolean useSystemProxy = form.useSystemProxy() != null
                ? form.useSystemProxy()
                : saved != null && saved.getBoolean("useSystemProxy", false);
        return tester.test(baseUrl, v1, v2, useSystemProxy);
    }

    private String baseUrl(String tenantName) {
        return TenantUrls.baseUrl(tenantName, allowHttpOnLoopback);
    }

    /**
     * A stored token goes only to the URL it was stored with: when the form names another URL, every
     * token the tenant has must be typed again (or removed with "").
     */
    private static void requireTokensRetypedForANewUrl(Document saved, String baseUrl, TenantModels.Form form) {
        String savedUrl = saved.getString("baseUrl");
        if (baseUrl.equals(savedUrl)) {
            return;
        }
        List<org.opence.common.error.Problem.FieldError> missing = new ArrayList<>();
        String why = "type the token again: the URL changed from " + savedUrl + " to " + baseUrl
                + ", and a saved token is only ever sent to the URL it was saved with";
        if (saved.getString("v2Token") != null && form.v2Token() == null) {
            missing.add(new org.opence.common.error.Problem.FieldError("v2Token", why));
        }
        if (saved.getString("v1Token") != null && form.v1Token() == null) {
            missing.add(new org.opence.common.error.Problem.FieldError("v1Token", why));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException.Invalid("The tenant URL changed; type its tokens again.", missing);
        }
    }

    /**
     * Publishes {@code {"name", "action", "tenant"}}; {@code tenant} is the {@link TenantRecord} of
     * {@code stored}, or {@code null} when the tenant was deleted.
     */
    private void announce(String name, String action, Document stored) {
        ObjectNode payload = mapper.createObjectNode()
                .put("name", name)
                .put("action", action)
                .set("tenant", stored == null ? mapper.nullNode() : mapper.valueToTree(TenantRecord.of(stored)));
        Envelope event = Envelope.of(CHANGED, 1, "tenant-service", payload);
        try {
            bus.publish(BusNames.EVENTS, CHANGED, event, false, null).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.errorf(
                    e,
                    "Could not announce that tenant %s was %s; services refresh their cache on restart",
                    name,
                    action);
        }
    }

    private Document require(String name) {
        Document doc = tenants.find(Filters.eq("name", name)).first();
        if (doc == null) {
            throw new ProblemException.NotFound("No tenant named '" + name + "'.");
        }
        return doc;
    }

    private String encryptOrNull(String token) {
        String t = blankToNull(token);
        return t == null ? null : secrets.box().encrypt(t);
    }

    private String decrypt(String stored) {
        return stored == null ? null : secrets.box().decrypt(stored);
    }

    private static void requireAToken(String v1, String v2) {
        if (v1 == null && v2 == null) {
            throw new ProblemException.Invalid(
                    "Give at least one of v1Token and v2Token.",
                    List.of(
                            new org.opence.common.error.Problem.FieldError(
                                    "v2Token", "give a v2 token (preferred) or a v1 token"),
                            new org.opence.common.error.Problem.FieldError(
                                    "v1Token", "give a v2 token (preferred) or a v1 token")));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static TenantModels.View view(Document d) {
        boolean v1 = d.getString("v1Token") != null;
        boolean v2 = d.getString("v2Token") != null;
        return new TenantModels.View(
                d.getString("name"),
                d.getString("tenantName"),
                d.getString("baseUrl"),
                v1,
                v2,
                v2 ? "v2" : "v1",
                d.getInteger("initialRangeDays", 7),
                d.getBoolean("useSystemProxy", false),
                d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant());
    }
}
