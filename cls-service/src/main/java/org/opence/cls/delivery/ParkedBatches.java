package org.opence.cls.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.opence.cls.siem.SiemMappingModels;
import org.opence.cls.siem.SiemMappings;
import org.opence.common.audit.AuditTrail;
import org.opence.common.bus.BusHeaders;
import org.opence.common.bus.RabbitBus;
import org.opence.common.bus.RawText;
import org.opence.common.error.ProblemException;
import org.opence.common.store.Store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.rabbitmq.client.AMQP;

/**
 * Records a destination refused, or that ran out of retries, kept in {@code cls_dead_letters} with
 * the reason until an operator replays them (back into their route's queue, formatted again with the
 * mapping file of that moment) or discards them. Records stay as the tenant sent them.
 */
@ApplicationScoped
public class ParkedBatches {

    private final MongoCollection<Document> parked;
    private final ObjectMapper mapper;
    private final RabbitBus bus;
    private final SiemMappings mappings;
    private final DeliveryStatistics statistics;
    private final AuditTrail audit;

    public ParkedBatches(
            Store store,
            ObjectMapper mapper,
            RabbitBus bus,
            SiemMappings mappings,
            DeliveryStatistics statistics,
            AuditTrail audit) {
        this.parked = store.collection("cls_dead_letters");
        this.mapper = mapper;
        this.bus = bus;
        this.mappings = mappings;
        this.statistics = statistics;
        this.audit = audit;
    }

    /** A parked batch as listed (without its records). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            String id,
            String mapping,
            String destination,
            String tenant,
            String kind,
            String subtype,
            int records,
            String reason,
            int attempts,
            Instant parkedAt) {}

    /** A parked batch with its records. */
    public record Detail(Summary summary, JsonNode records) {}

    /** One page of parked batches, newest first, and how many there are in all for the filter. */
    public record Page(List<Summary> items, long total, String nextBefore) {}

    /** Keeps records of a route with why they could not be delivered; durable when it returns. */
    void park(DeliveryRoute route, DataBatch batch, List<JsonNode> records, String reason, int attempts)
            throws IOException {
        if (records.isEmpty()) {
            return;
        }
        Document doc = new Document("_id", UUID.randomUUID().toString())
                .append("mapping", route.mapping())
                .append("destination", route.destination())
                .append("tenant", batch.tenant())
                .append("kind", batch.kind())
                .append("subtype", batch.subtype())
                .append("count", records.size())
                .append("reason", reason.length() > 2000 ? reason.substring(0, 2000) + "…" : reason)
                .append("attempts", attempts)
                .append("records", mapper.writeValueAsString(records))
                .append("parkedAt", new Date());
        parked.insertOne(doc);
    }

    /**
     * Keeps a message that is not a readable batch. The records that can be read (up to the first that
     * cannot) are parked as a batch of their own, so they can be replayed; the message itself is kept
     * byte for byte as it came (shown with unreadable bytes escaped), counted with the records it said
     * it holds beyond the readable ones, to be looked at and discarded.
     *
     * @param declared the records the message said it holds, -1 when it did not say
     * @return how many records were parked in all
     */
    int parkUnreadable(DeliveryRoute route, byte[] body, String reason, int attempts, int declared) throws IOException {
        DataBatch.Salvage salvage = DataBatch.salvage(body, declared);
        int readable = salvage.records().size();
        if (readable > 0) {
            park(
                    route,
                    salvage.batch(),
                    salvage.records(),
                    "kept from a batch that could not be read whole (" + reason + "): these records were readable",
                    attempts);
        }
        int rest = declared >= 0 ? Math.max(1, declared - readable) : 1;
        Document doc = new Document("_id", UUID.randomUUID().toString())
                .append("mapping", route.mapping())
                .append("destination", route.destination())
                .append("count", rest)
                .append("reason", reason.length() > 2000 ? reason.substring(0, 2000) + "…" : reason)
                .append("attempts", attempts)
                .append("raw", RawText.escaped(body))
                .append("rawBase64", java.util.Base64.getEncoder().encodeToString(body))
                .append("parkedAt", new Date());
        if (salvage.batch() != null) {
            doc.append("tenant", salvage.batch().tenant())
                    .append("kind", salvage.batch().kind())
                    .append("subtype", salvage.batch().subtype());
        }
        parked.insertOne(doc);
        return readable + rest;
    }

    /** Records parked for a destination and in how many batches, for the notification. */
    long[] totals(String destination) {
        long records = 0;
        long batches = 0;
        for (Document d :
                parked.find(Filters.eq("destination", destination)).projection(Projections.include("count"))) {
            records += d.getInteger("count", 0);
            batches++;
        }
        return new long[] {records, batches};
    }

    /**
     * One page, newest first. {@code before} is the previous page's {@code nextBefore}: the time and id
     * of its last batch ({@code 2026-11-27T10:00:00.123Z|<id>}), so batches parked in the same
     * millisecond are neither skipped nor listed twice; a plain instant is accepted too.
     */
    public Page list(String mapping, String destination, int limit, String before) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.Invalid.field("limit", "must be 1 to 500");
        }
        Bson filter = filter(mapping, destination);
        long total = parked.countDocuments(filter);
        Bson page = before == null || before.isBlank() ? filter : Filters.and(filter, after(before));
        List<Summary> items = new ArrayList<>();
        parked.find(page)
                .projection(Projections.exclude("records"))
                .sort(Sorts.descending("parkedAt", "_id"))
                .limit(limit)
                .forEach(d -> items.add(summary(d)));
        Summary last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = items.size() == limit ? last.parkedAt() + "|" + last.id() : null;
        return new Page(items, total, next);
    }

    /** What comes after the cursor in the newest-first order. */
    private static Bson after(String cursor) {
        int bar = cursor.indexOf('|');
        Date time;
        try {
            time = Date.from(Instant.parse(bar < 0 ? cursor : cursor.substring(0, bar)));
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.Invalid.field(
                    "before", "must be the nextBefore of the previous page (or an ISO-8601 instant)");
        }
        if (bar < 0) {
            return Filters.lt("parkedAt", time);
        }
        String id = cursor.substring(bar + 1);
        return Filters.or(
                Filters.lt("parkedAt", time), Filters.and(Filters.eq("parkedAt", time), Filters.lt("_id", id)));
    }

    public Detail get(String id) throws IOException {
        Document d = require(id);
        if (d.getString("records") == null) {
            var raw = mapper.createObjectNode().put("text", d.getString("raw")).put("base64", d.getString("rawBase64"));
            return new Detail(summary(d), raw);
        }
        return new Detail(summary(d), mapper.readTree(d.getString("records")));
    }

    /**
     * Puts the batch back into its route's queue (attempts start again) and removes it once the
     * broker confirmed the copy. Refused when the SIEM mapping no longer sends to that destination.
     */
    /** What a replay or discard did: the records, and the destination they were parked for. */
    public record Handled(int records, String destination) {}

    public Handled replay(String id) throws IOException {
        Document d = require(id);
        DeliveryRoute route = new DeliveryRoute(d.getString("mapping"), d.getString("destination"));
        if (d.getString("records") == null) {
            throw new ProblemException.Conflict("This parked message is not a readable batch (" + d.getString("reason")
                    + "); its readable records, if any, are parked as a batch of their own, which can be replayed;"
                    + " this part can only be discarded (download it first from its details).");
        }
        requireRoute(route);
        List<JsonNode> records = new ArrayList<>();
        mapper.readTree(d.getString("records")).forEach(records::add);
        byte[] body = DataBatch.write(
                mapper, bus.serviceName(), d.getString("tenant"), d.getString("kind"), d.getString("subtype"), records);
        Map<String, Object> headers = new HashMap<>();
        headers.put(BusHeaders.ATTEMPTS, 0);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .type(DataBatch.TYPE)
                .messageId(UUID.randomUUID().toString())
                .headers(headers)
                .build();
        try {
            bus.publishToQueue(route.queue(bus.names()), props, body)
                    .get(bus.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while replaying", e);
        } catch (Exception e) {
            throw new ProblemException.Unavailable(
                    "The broker did not confirm the replayed batch (" + e.getMessage() + "); it stays parked.");
        }
        parked.deleteOne(Filters.eq("_id", id));
        statistics.of(route).add(RouteStats.Outcome.replayed, records.size());
        audit.record("cls.parked.replayed", "parked:" + id, summary(d), null);
        return new Handled(records.size(), route.destination());
    }

    /** Deletes the batch for good (audited and counted). */
    public Handled discard(String id) {
        Document d = require(id);
        parked.deleteOne(Filters.eq("_id", id));
        DeliveryRoute route = new DeliveryRoute(d.getString("mapping"), d.getString("destination"));
        int count = d.getInteger("count", 0);
        statistics.of(route).add(RouteStats.Outcome.discarded, count);
        audit.record("cls.parked.discarded", "parked:" + id, summary(d), null);
        return new Handled(count, route.destination());
    }

    /** Ids of the parked batches of a filter, oldest first, at most {@code max}. */
    public List<String> ids(String mapping, String destination, int max) {
        List<String> ids = new ArrayList<>();
        parked.find(filter(mapping, destination))
                .projection(Projections.include("_id"))
                .sort(Sorts.ascending("parkedAt"))
                .limit(max)
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Deletes parked batches older than {@code days} (the settings' retention of parked messages). */
    long expire(int days) {
        Date cutoff = Date.from(Instant.now().minus(java.time.Duration.ofDays(days)));
        return parked.deleteMany(Filters.lt("parkedAt", cutoff)).getDeletedCount();
    }

    long count(String mapping, String destination) {
        return parked.countDocuments(filter(mapping, destination));
    }

    private void requireRoute(DeliveryRoute route) {
        SiemMappingModels.SiemMapping mapping;
        try {
            mapping = mappings.get(route.mapping());
        } catch (ProblemException.NotFound e) {
            throw new ProblemException.Conflict("The SIEM mapping '" + route.mapping()
                    + "' no longer exists; these records can only be discarded (or downloaded first).");
        }
        if (!mapping.destinations().contains(route.destination())) {
            throw new ProblemException.Conflict("The SIEM mapping '" + route.mapping() + "' no longer sends to '"
                    + route.destination() + "'; add it back to replay, or discard.");
        }
    }

    private static Bson filter(String mapping, String destination) {
        List<Bson> parts = new ArrayList<>();
        if (mapping != null && !mapping.isBlank()) {
            parts.add(Filters.eq("mapping", mapping));
        }
        if (destination != null && !destination.isBlank()) {
            parts.add(Filters.eq("destination", destination));
        }
        return parts.isEmpty() ? new Document() : Filters.and(parts);
    }

    private Document require(String id) {
        Document d = parked.find(Filters.eq("_id", id)).first();
        if (d == null) {
            throw new ProblemException.NotFound("No parked batch with id '" + id + "'.");
        }
        return d;
    }

    private static Summary summary(Document d) {
        return new Summary(
                d.getString("_id"),
                d.getString("mapping"),
                d.getString("destination"),
                d.getString("tenant"),
                d.getString("kind"),
                d.getString("subtype"),
                d.getInteger("count", 0),
                d.getString("reason"),
                d.getInteger("attempts", 0),
                d.getDate("parkedAt").toInstant());
    }
}
