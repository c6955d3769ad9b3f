package org.opence.core.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;
import org.opence.common.audit.AuditTrail;
import org.opence.common.bus.RawText;
import org.opence.common.error.ProblemException;
import org.opence.common.logs.LogEntry;
import org.opence.common.logs.LogLevel;
import org.opence.common.logs.Logs;
import org.opence.common.store.Store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

/**
 * Elements of tenant pages that were no records ({@code ingest_malformed}): each with the stream, the
 * call that brought it, its position in the page, why, and its bytes as they came (escaped text to
 * read, base64 to take). The key is the stream, the page's number and the position, so a page asked for
 * again after a failure keeps its elements once. Reported in the platform log at most once a minute per
 * stream, with what came since.
 */
@ApplicationScoped
public class MalformedElements {

    static final String COLLECTION = "ingest_malformed";
    private static final Logger LOG = Logger.getLogger(MalformedElements.class);
    private static final long REPORT_EVERY_MILLIS = 60_000;
    private static final int PREVIEW_BYTES = 2048;

    private final MongoCollection<Document> elements;
    private final Logs logs;
    private final AuditTrail audit;
    private final Map<String, Report> reports = new ConcurrentHashMap<>();

    public MalformedElements(Store store, Logs logs, AuditTrail audit) {
        this.elements = store.collection(COLLECTION);
        this.logs = logs;
        this.audit = audit;
    }

    /** One kept element, as listed: a preview of its bytes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            String id,
            String kind,
            String subtype,
            String request,
            String page,
            int position,
            String reason,
            long size,
            String preview,
            Instant at) {}

    /** One kept element with its bytes: {@code text} escaped ({@code \xNN} for bytes that are not UTF-8). */
    public record Detail(Summary element, String text, String base64, boolean complete) {}

    /** A page of the list, newest first, and the total for the tenant. */
    public record Listing(List<Summary> elements, long total) {}

    /**
     * Keeps the elements of one page (before the page's checkpoint moves).
     *
     * @param request what was asked for ({@code v2 next}, {@code v1 1700000000-1700000899 skip 0}, …)
     * @param page which page of the stream: {@code 12} (the stream's 13th page) or {@code history 1f2e3d4c
     *     12} (of a historical pull)
     */
    void keep(StreamKey key, String request, String page, List<PageTranscoder.Malformed> malformed) {
        Date now = new Date();
        for (PageTranscoder.Malformed m : malformed) {
            String id = key.id() + ":" + page.replace(' ', ':') + ":" + m.position();
            Document d = new Document("_id", id)
                    .append("tenant", key.tenant())
                    .append("kind", key.kind())
                    .append("subtype", key.subtype())
                    .append("request", request)
                    .append("page", page)
                    .append("position", m.position())
                    .append("reason", m.reason())
                    .append("size", m.size())
                    .append("complete", m.size() == m.bytes().length)
                    .append("bytes", new org.bson.types.Binary(m.bytes()))
                    .append("at", now);
            elements.replaceOne(Filters.eq("_id", id), d, new ReplaceOptions().upsert(true));
        }
    }

    /**
     * Tells the operators, at most once a minute per stream: how many elements were set aside since the
     * last report, the first one's reason, and what was cut.
     */
    void report(StreamKey key, List<PageTranscoder.Malformed> malformed, String cut) {
        if (malformed.isEmpty() && cut == null) {
            return;
        }
        Report r = reports.computeIfAbsent(key.id(), k -> new Report());
        String message;
        String details;
        synchronized (r) {
            r.elements += malformed.size();
            r.cutPages += cut == null ? 0 : 1;
            if (r.first == null && !malformed.isEmpty()) {
                PageTranscoder.Malformed m = malformed.get(0);
                r.first = "element " + m.position() + " of a page: " + m.reason();
            }
            if (r.lastCut == null && cut != null) {
                r.lastCut = cut;
            }
            long now = System.currentTimeMillis();
            if (now - r.reportedAt < REPORT_EVERY_MILLIS) {
                return;
            }
            message = "Tenant " + key.tenant() + ": " + key.kind() + "/" + key.subtype() + ": " + r.elements
                    + " element(s) of the tenant's pages were no records and were set aside"
                    + (r.cutPages == 0 ? "" : "; " + r.cutPages + " page(s) ended early");
            details = (r.first == null ? "" : "First: " + r.first + ". ")
                    + (r.lastCut == null
                            ? ""
                            : "A page asked for three times always ended early (" + r.lastCut
                                    + "): the records the tenant meant to send after that point could not be"
                                    + " read. ");
            r.reportedAt = now;
            r.elements = 0;
            r.cutPages = 0;
            r.first = null;
            r.lastCut = null;
        }
        LOG.warnf("%s. %s", message, details);
        logs.write(LogEntry.of(cut == null ? LogLevel.warning : LogLevel.error, message)
                .withCode(
                        cut == null ? "INGEST-MALFORMED" : "INGEST-PAGE-CUT",
                        details.trim(),
                        "Every record around them was delivered. The elements are kept with their bytes under"
                                + " GET /api/tenants/" + key.tenant() + "/ingest/malformed; show them to Netskope"
                                + " support, then discard them."));
    }

    Listing list(String tenant, String kind, String subtype, int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.Invalid.field("limit", "must be within 1..500");
        }
        Bson filter = filter(tenant, kind, subtype);
        List<Summary> out = new ArrayList<>();
        elements.find(filter)
                .sort(Sorts.orderBy(Sorts.descending("at"), Sorts.ascending("_id")))
                .limit(limit)
                .forEach(d -> out.add(summary(d)));
        return new Listing(out, elements.countDocuments(filter));
    }

    Detail get(String tenant, String id) {
        Document d = elements.find(Filters.and(Filters.eq("_id", id), Filters.eq("tenant", tenant)))
                .first();
        if (d == null) {
            throw new ProblemException.NotFound("No element '" + id + "' is kept for tenant '" + tenant + "'.");
        }
        byte[] bytes = bytes(d);
        return new Detail(
                summary(d),
                RawText.escaped(bytes),
                Base64.getEncoder().encodeToString(bytes),
                d.getBoolean("complete", true));
    }

    /** Discards kept elements of a tenant (one, or all of a stream, or all); returns how many. */
    long discard(String tenant, String id, String kind, String subtype) {
        Bson filter = id != null
                ? Filters.and(Filters.eq("_id", id), Filters.eq("tenant", tenant))
                : filter(tenant, kind, subtype);
        long n = elements.deleteMany(filter).getDeletedCount();
        if (id != null && n == 0) {
            throw new ProblemException.NotFound("No element '" + id + "' is kept for tenant '" + tenant + "'.");
        }
        audit.record(
                "ingest.malformed.discard",
                tenant,
                null,
                Map.of("elements", n, "which", id != null ? id : kind == null ? "all" : kind + "/" + subtype));
        return n;
    }

    private static Bson filter(String tenant, String kind, String subtype) {
        List<Bson> f = new ArrayList<>(List.of(Filters.eq("tenant", tenant)));
        if (kind != null && !kind.isBlank()) {
            f.add(Filters.eq("kind", kind));
        }
        if (subtype != null && !subtype.isBlank()) {
            f.add(Filters.eq("subtype", subtype));
        }
        return Filters.and(f);
    }

    private static Summary summary(Document d) {
        byte[] bytes = bytes(d);
        String preview =
                RawText.escaped(bytes.length <= PREVIEW_BYTES ? bytes : java.util.Arrays.copyOf(bytes, PREVIEW_BYTES));
        return new Summary(
                d.getString("_id"),
                d.getString("kind"),
                d.getString("subtype"),
                d.getString("request"),
                String.valueOf(d.get("page")),
                d.getInteger("position", 0),
                d.getString("reason"),
                d.get("size") instanceof Number n ? n.longValue() : bytes.length,
                preview + (bytes.length > PREVIEW_BYTES ? "…" : ""),
                d.getDate("at") == null ? null : d.getDate("at").toInstant());
    }

    private static byte[] bytes(Document d) {
        Object b = d.get("bytes");
        return b instanceof org.bson.types.Binary binary ? binary.getData() : new byte[0];
    }

    private static final class Report {
        long reportedAt;
        long elements;
        long cutPages;
        String first;
        String lastCut;
    }
}
