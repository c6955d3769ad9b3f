package org.opence.cls.siem;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.bson.Document;
import org.opence.common.audit.AuditTrail;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.RabbitBus;
import org.opence.common.error.Problem;
import org.opence.common.error.ProblemException;
import org.opence.common.ingest.NetskopeDataTypes;
import org.opence.common.store.Store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * Historical pulls of a SIEM mapping: its tenant types between two times, pulled again by core-service
 * and delivered through the mapping's routes like live data (rule, mapping file, destinations).
 * Jobs are kept in {@code cls_history}; while a job runs, the mapping's queues are also bound to
 * {@code history.<job>.#}. Progress comes back as {@code ingest.history.progress}.
 */
@ApplicationScoped
public class HistoricalPulls implements EventListener {

    /** Fired after a job was stored, so the delivery binds its queues before the pull is requested. */
    public record Started(String job, String mapping) {}

    static final int MAX_DAYS_BACK = 90;
    private static final String PROGRESS = "ingest.history.progress";

    private final MongoCollection<Document> jobs;
    private final SiemMappings mappings;
    private final RabbitBus bus;
    private final ObjectMapper mapper;
    private final AuditTrail audit;
    private final Event<Started> started;

    public HistoricalPulls(
            Store store,
            SiemMappings mappings,
            RabbitBus bus,
            ObjectMapper mapper,
            AuditTrail audit,
            Event<Started> started) {
        this.jobs = store.collection("cls_history");
        this.mappings = mappings;
        this.bus = bus;
        this.mapper = mapper;
        this.audit = audit;
        this.started = started;
    }

    /** A job as shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Job(
            String id,
            String mapping,
            String tenant,
            Instant from,
            Instant to,
            String status,
            long records,
            List<StreamProgress> streams,
            String error,
            Instant requestedAt,
            String requestedBy) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamProgress(String kind, String subtype, long records, boolean done, String error) {}

    /** The body of a request: ISO-8601 instants. */
    public record Request(String from, String to) {}

    public Job request(String mappingName, Request body, String by) throws Exception {
        SiemMappingModels.SiemMapping mapping = mappings.get(mappingName);
        Instant now = Instant.now();
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant from = instant(body == null ? null : body.from(), "from", errors);
        Instant to = instant(body == null ? null : body.to(), "to", errors);
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                errors.add(new Problem.FieldError("to", "must be after from"));
            }
            if (to.isAfter(now.plusSeconds(60))) {
                errors.add(new Problem.FieldError("to", "must not be in the future (live data is delivered anyway)"));
            }
        }
        if (from != null && from.isBefore(now.minus(Duration.ofDays(MAX_DAYS_BACK)))) {
            errors.add(new Problem.FieldError("from", "must be within the last " + MAX_DAYS_BACK + " days"));
        }
        if (!Boolean.TRUE.equals(mapping.enabled())) {
            errors.add(new Problem.FieldError("mapping", "the SIEM mapping is disabled; enable it first"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.Invalid.of(errors);
        }
        String id = UUID.randomUUID().toString();
        List<Document> streams = new ArrayList<>();
        mapping.source().alerts().forEach(a -> streams.add(stream(NetskopeDataTypes.ALERTS, a)));
        mapping.source().events().forEach(e -> streams.add(stream(NetskopeDataTypes.EVENTS, e)));
        Document doc = new Document("_id", id)
                .append("mapping", mappingName)
                .append("tenant", mapping.source().tenant())
                .append("from", Date.from(from))
                .append("to", Date.from(to))
                .append("status", "requested")
                .append("streams", streams)
                .append("requestedAt", new Date())
                .append("requestedBy", by);
        jobs.insertOne(doc);
        // the route queues are bound to history.<job>.# before anything is pulled
        started.fire(new Started(id, mappingName));
        ObjectNode payload = mapper.createObjectNode()
                .put("job", id)
                .put("tenant", mapping.source().tenant())
                .put("from", from.getEpochSecond())
                .put("to", to.getEpochSecond())
                .put("routingPrefix", routingPrefix(id));
        ArrayNode s = payload.putArray("streams");
        streams.forEach(d -> s.addObject().put("kind", d.getString("kind")).put("subtype", d.getString("subtype")));
        bus.publish(
                        BusNames.EVENTS,
                        "ingest.history.requested",
                        Envelope.of("ingest.history.requested", 1, bus.serviceName(), payload),
                        true,
                        null)
                .get(bus.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Job job = view(doc);
        audit.record("siem-mapping.historical-pull", "siem-mapping:" + mappingName, null, job);
        return job;
    }

    public List<Job> list(String mappingName) {
        mappings.get(mappingName);
        List<Job> out = new ArrayList<>();
        jobs.find(Filters.eq("mapping", mappingName))
                .sort(Sorts.descending("requestedAt"))
                .limit(100)
                .forEach(d -> out.add(view(d)));
        return out;
    }

    /** Routing-key prefixes of the running jobs of a mapping, for its queues' bindings. */
    public List<String> activeBindings(String mappingName) {
        List<String> keys = new ArrayList<>();
        jobs.find(Filters.and(
                        Filters.eq("mapping", mappingName), Filters.in("status", List.of("requested", "running"))))
                .forEach(d -> keys.add(routingPrefix(d.getString("_id")) + ".#"));
        return keys;
    }

    static String routingPrefix(String job) {
        return "history." + job;
    }

    @Override
    public List<String> eventTypes() {
        return List.of(PROGRESS);
    }

    @Override
    public void on(Envelope event) {
        JsonNode p = event.payload();
        String id = p.path("job").asText("");
        Document job = jobs.find(Filters.eq("_id", id)).first();
        if (job == null) {
            return; // another module's job
        }
        if (p.hasNonNull("kind")) {
            List<Document> streams = job.getList("streams", Document.class);
            for (int i = 0; i < streams.size(); i++) {
                Document s = streams.get(i);
                if (s.getString("kind").equals(p.path("kind").asText())
                        && s.getString("subtype").equals(p.path("subtype").asText())) {
                    jobs.updateOne(
                            Filters.eq("_id", id),
                            Updates.combine(
                                    Updates.set("status", "running"),
                                    Updates.set(
                                            "streams." + i + ".records",
                                            p.path("records").asLong()),
                                    Updates.set(
                                            "streams." + i + ".done",
                                            p.path("done").asBoolean()),
                                    Updates.set(
                                            "streams." + i + ".error",
                                            p.path("error").asText(null))));
                }
            }
        }
        if (p.hasNonNull("status")) {
            jobs.updateOne(
                    Filters.eq("_id", id),
                    Updates.combine(
                            Updates.set("status", p.path("status").asText()),
                            Updates.set("error", p.path("error").asText(null)),
                            Updates.set("endedAt", new Date())));
        }
    }

    private static Document stream(String kind, String subtype) {
        return new Document("kind", kind)
                .append("subtype", subtype)
                .append("records", 0L)
                .append("done", false);
    }

    private static Instant instant(String value, String field, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required: an ISO-8601 instant, e.g. 2026-11-20T00:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant, e.g. 2026-11-20T00:00:00Z"));
            return null;
        }
    }

    private static Job view(Document d) {
        List<StreamProgress> streams = new ArrayList<>();
        long total = 0;
        for (Document s : d.getList("streams", Document.class)) {
            long n = s.get("records") instanceof Number x ? x.longValue() : 0;
            total += n;
            streams.add(new StreamProgress(
                    s.getString("kind"),
                    s.getString("subtype"),
                    n,
                    Boolean.TRUE.equals(s.getBoolean("done")),
                    s.getString("error")));
        }
        return new Job(
                d.getString("_id"),
                d.getString("mapping"),
                d.getString("tenant"),
                d.getDate("from").toInstant(),
                d.getDate("to").toInstant(),
                d.getString("status"),
                total,
                streams,
                d.getString("error"),
                d.getDate("requestedAt").toInstant(),
                d.getString("requestedBy"));
    }
}
