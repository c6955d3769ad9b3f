package org.opence.core.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.PermanentFailure;
import org.opence.common.ingest.NetskopeDataTypes;
import org.opence.common.status.ServiceIdentity;
import org.opence.common.store.Leases;
import org.opence.common.store.Store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.rabbitmq.client.AMQP;

import io.quarkus.runtime.StartupEvent;

/**
 * Historical pulls: a module asks ({@code ingest.history.requested}) for a tenant's records of some
 * types between two times; each stream is read with a Data Export iterator of its own (an index per
 * job, started at the range's start) until the records pass the range's end or the tenant has nothing
 * newer, and published on {@code ce.data} under the job's routing prefix
 * ({@code history.<job>.<kind>.<subtype>}), so only the requester's queues receive them. Progress is
 * announced as {@code ingest.history.progress}. Jobs are kept in {@code ingest_history}; one replica
 * runs a job at a time (lease); a job interrupted by a restart starts its unfinished streams again
 * (records may come twice, none is lost).
 */
@ApplicationScoped
public class HistoryPulls implements EventListener {

    static final String REQUESTED = "ingest.history.requested";
    static final String PROGRESS = "ingest.history.progress";
    private static final Logger LOG = Logger.getLogger(HistoryPulls.class);
    private static final int MAX_FAILURES = 20;

    private final IngestSupervisor ingest;
    private final MongoCollection<Document> jobs;
    private final Leases leases;
    private final ObjectMapper mapper;
    private volatile boolean running = true;
    private Thread runner;

    public HistoryPulls(IngestSupervisor ingest, Store store, ServiceIdentity identity, ObjectMapper mapper) {
        this.ingest = ingest;
        this.jobs = store.collection("ingest_history");
        this.leases = new Leases(store.collection("ingest_leases"), identity.instance(), Clock.systemUTC());
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        runner = new Thread(this::loop, "ingest-history");
        runner.setDaemon(true);
        runner.start();
    }

    @Override
    public List<String> eventTypes() {
        return List.of(REQUESTED);
    }

    /** Keeps a requested job (idempotent: a job id is stored once). */
    @Override
    public void on(Envelope event) throws Exception {
        JsonNode p = event.payload();
        String job = p.path("job").asText("");
        String tenant = p.path("tenant").asText("");
        long from = p.path("from").asLong(-1);
        long to = p.path("to").asLong(-1);
        String prefix = p.path("routingPrefix").asText("");
        if (!job.matches("[A-Za-z0-9-]{8,64}")
                || tenant.isEmpty()
                || from < 0
                || to <= from
                || !prefix.startsWith("history.")) {
            throw new PermanentFailure("a historical pull needs job, tenant, from < to and a history.* routing prefix");
        }
        List<Document> streams = new ArrayList<>();
        for (JsonNode s : p.path("streams")) {
            String kind = s.path("kind").asText();
            String subtype = s.path("subtype").asText();
            if (!NetskopeDataTypes.subtypes(kind).contains(subtype)) {
                throw new PermanentFailure("unknown stream " + kind + "/" + subtype);
            }
            streams.add(new Document("kind", kind)
                    .append("subtype", subtype)
                    .append("status", "pending")
                    .append("records", 0L));
        }
        if (jobs.find(Filters.eq("_id", job)).first() != null) {
            return;
        }
        jobs.insertOne(new Document("_id", job)
                .append("tenant", tenant)
                .append("from", from)
                .append("to", to)
                .append("routingPrefix", prefix)
                .append("requestedBy", event.source())
                .append("status", "pending")
                .append("streams", streams)
                .append("createdAt", new Date()));
        LOG.infof(
                "Historical pull %s of tenant %s from %s to %s queued",
                job, tenant, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
    }

    private void loop() {
        while (running) {
            try {
                Document job = jobs.find(Filters.in("status", List.of("pending", "running")))
                        .first();
                if (job == null
                        || !leases.acquire(
                                "history:" + job.getString("_id"),
                                ingest.settings().leaseTtl())) {
                    Thread.sleep(1000);
                    continue;
                }
                try {
                    run(job);
                } finally {
                    leases.release("history:" + job.getString("_id"));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Historical pulls: unexpected failure; trying again shortly");
                sleepQuietly(Duration.ofSeconds(5));
            }
        }
    }

    private void run(Document job) throws InterruptedException {
        String id = job.getString("_id");
        jobs.updateOne(Filters.eq("_id", id), Updates.set("status", "running"));
        List<Document> streams = job.getList("streams", Document.class);
        String failure = null;
        for (int i = 0; i < streams.size() && running; i++) {
            Document s = streams.get(i);
            if ("done".equals(s.getString("status"))) {
                continue;
            }
            StreamKey key = new StreamKey(job.getString("tenant"), s.getString("kind"), s.getString("subtype"));
            String error = null;
            long records = 0;
            try {
                records = pull(job, key, i);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                failure = key.kind() + "/" + key.subtype() + ": " + error;
                LOG.warnf("Historical pull %s of %s failed: %s", id, key.id(), error);
            }
            jobs.updateOne(
                    Filters.eq("_id", id),
                    Updates.combine(
                            Updates.set("streams." + i + ".status", error == null ? "done" : "failed"),
                            Updates.set("streams." + i + ".error", error)));
            progress(id, key, records, true, error, null);
        }
        if (!running) {
            return;
        }
        String status = failure == null ? "done" : "failed";
        jobs.updateOne(
                Filters.eq("_id", id),
                Updates.combine(
                        Updates.set("status", status),
                        Updates.set("error", failure),
                        Updates.set("endedAt", new Date())));
        progress(id, null, 0, true, failure, status);
    }

    /** Pulls one stream of a job; returns the records published. */
    private long pull(Document job, StreamKey key, int index) throws Exception {
        String id = job.getString("_id");
        long from = job.getLong("from");
        long to = job.getLong("to");
        var tenant = ingest.directory()
                .find(key.tenant())
                .orElseThrow(() -> new IOException("no tenant named '" + key.tenant() + "' is configured"));
        if (tenant.v2Token() == null) {
            throw new IOException("a historical pull needs the tenant's v2 API token (Data Export iterator)");
        }
        String iteratorIndex =
                ingest.indexName(key.tenant()) + "_h" + id.replace("-", "").substring(0, 8);
        String routingKey = job.getString("routingPrefix") + "." + key.kind() + "." + key.subtype();
        String operation = Long.toString(from);
        long published = 0;
        int failures = 0;
        int cuts = 0;
        long pages = 0;
        while (running) {
            boolean sent = false;
            try (NetskopeClient.Answer answer = ingest.client(tenant)
                    .iterator(tenant.baseUrl(), ingest.decrypt(tenant.v2Token()), key, iteratorIndex, operation)) {
                sent = true;
                if (answer.status() == 429) {
                    sleepQuietly(answer.retryAfter().orElse(Duration.ofSeconds(1)));
                    continue; // the iterator did not move
                }
                if (answer.status() == 401 || answer.status() == 403) {
                    throw new RefusedException("the tenant refused the v2 token (HTTP " + answer.status()
                            + "); it needs read access to /api/v2/events/dataexport/" + key.kind() + "/"
                            + key.subtype());
                }
                if (answer.status() != 200) {
                    throw new IOException("the tenant answered HTTP " + answer.status());
                }
                PageTranscoder.Page page = ingest.transcoder().transcode(answer.body(), "result", key, Set.of(), to);
                if (page.wasCut() && ++cuts < 3) {
                    throw new IOException(page.cut() + "; asking for the page again");
                }
                cuts = 0;
                publish(page, routingKey);
                if (!page.malformed().isEmpty() || page.wasCut()) {
                    ingest.malformed()
                            .keep(
                                    key,
                                    "history " + id + " " + operation,
                                    "history " + id.replace("-", "").substring(0, 8) + " " + pages,
                                    page.malformed());
                    ingest.metrics().malformed(key, page.malformed().size());
                    ingest.malformed().report(key, page.malformed(), page.cut());
                }
                pages++;
                published += page.records();
                failures = 0;
                jobs.updateOne(Filters.eq("_id", id), Updates.set("streams." + index + ".records", published));
                progress(id, key, published, false, null, null);
                boolean pastEnd = page.seen() > page.records() || page.newestTimestamp() >= to;
                if (page.seen() == 0 || pastEnd) {
                    return published;
                }
                operation = "next";
            } catch (RefusedException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                if (++failures > MAX_FAILURES) {
                    throw new IOException("gave up after " + MAX_FAILURES + " failed calls: " + e.getMessage(), e);
                }
                // a page may have been handed out and lost: ask for it again
                if (sent && "next".equals(operation)) {
                    operation = "resend";
                }
                sleepQuietly(Duration.ofSeconds(Math.min(60, 1L << Math.min(failures, 6))));
            }
        }
        return published;
    }

    private void publish(PageTranscoder.Page page, String routingKey) throws Exception {
        List<CompletableFuture<Void>> confirms = new ArrayList<>();
        for (PageTranscoder.Batch batch : page.batches()) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(batch.id())
                    .type(PageTranscoder.DATA_TYPE)
                    .appId(ingest.source())
                    .timestamp(new Date())
                    .headers(java.util.Map.of("records", batch.records()))
                    .build();
            confirms.add(ingest.bus().publishEncoded(BusNames.DATA, routingKey, props, batch.body()));
        }
        CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                .get(ingest.settings().confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void progress(String job, StreamKey key, long records, boolean done, String error, String jobStatus) {
        ObjectNode p = mapper.createObjectNode()
                .put("job", job)
                .put("records", records)
                .put("done", done);
        if (key != null) {
            p.put("kind", key.kind()).put("subtype", key.subtype());
        }
        if (error != null) {
            p.put("error", error);
        }
        if (jobStatus != null) {
            p.put("status", jobStatus);
        }
        ingest.bus()
                .publish(BusNames.EVENTS, PROGRESS, Envelope.of(PROGRESS, 1, ingest.source(), p), false, null)
                .exceptionally(e -> {
                    LOG.debugf("progress of %s not published: %s", job, e.getMessage());
                    return null;
                });
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (runner != null) {
            runner.interrupt();
        }
    }

    /** The tenant refused: no point trying again. */
    private static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }
}
