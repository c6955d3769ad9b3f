package org.opence.core.ingest;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.logs.LogEntry;
import org.opence.common.logs.LogLevel;
import org.opence.core.CoreConfig;

import com.mongodb.client.model.Updates;
import com.rabbitmq.client.AMQP;

/**
 * Pulls one stream (tenant × kind × subtype) while this replica holds its lease: through the v2
 * iterator when the tenant has a v2 token, else through the v1 time windows. Every page is published
 * to {@code ce.data} and confirmed by the broker before the checkpoint moves; a page that may have
 * been handed out but not confirmed is asked for again with {@code resend}.
 */
final class StreamPuller implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamPuller.class);

    /** Thrown when the tenant refuses the token (401) or its scope (403): the stream stops. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final StreamKey key;
    private final IngestContext ctx;
    private final CoreConfig.Ingest settings;
    private final Backoff backoff;
    private volatile boolean running = true;
    private volatile boolean finished;
    private Instant lastCall = Instant.EPOCH;
    /** Answers in a row that ended before their page did: the same page is asked for again, twice. */
    private int cutInARow;

    StreamPuller(StreamKey key, IngestContext ctx) {
        this.key = key;
        this.ctx = ctx;
        this.settings = ctx.settings();
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
    }

    StreamKey key() {
        return key;
    }

    /**
     * Asks it to stop after the call in progress: a page being published is finished and checkpointed,
     * so the next puller of this stream (here or on another replica) starts where this one ended.
     */
    void stop() {
        running = false;
    }

    boolean stopping() {
        return !running;
    }

    /** Its thread has ended (stopped, refused, or interrupted at shutdown). */
    boolean finished() {
        return finished;
    }

    @Override
    public void run() {
        try {
            loop();
        } finally {
            finished = true;
        }
    }

    private void loop() {
        ctx.checkpoints().state(key, "starting", null, 0, ctx.owner());
        while (running) {
            try {
                if (ctx.paused()) {
                    ctx.checkpoints().state(key, "paused", ctx.pauseReason(), 0, ctx.owner());
                    sleep(settings.tick());
                    continue;
                }
                var tenant = ctx.directory().find(key.tenant());
                if (tenant.isEmpty()) {
                    ctx.checkpoints()
                            .state(
                                    key,
                                    "waiting",
                                    "no tenant named '" + key.tenant() + "' is configured",
                                    0,
                                    ctx.owner());
                    sleep(settings.tick().multipliedBy(5));
                    continue;
                }
                Duration wait = tenant.get().v2Token() != null ? pullV2(tenant.get()) : pullV1(tenant.get());
                backoff.reset();
                sleep(wait);
            } catch (Refused e) {
                LOG.errorf("Stopped pulling %s: %s", key.id(), e.getMessage());
                ctx.checkpoints().state(key, "stopped", e.getMessage(), 0, ctx.owner());
                ctx.refused(key, e.getMessage());
                running = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                Duration retryAfter = e instanceof Throttled t ? t.retryAfter : null;
                Duration wait = backoff.next(retryAfter);
                String error = describe(e);
                ctx.metrics().failed(key);
                ctx.checkpoints().state(key, "backoff", error, wait.toMillis(), ctx.owner());
                if (backoff.failures() <= 3 || backoff.failures() % 10 == 0) {
                    LOG.warnf("Pulling %s failed (%s); next try in %d ms", key.id(), error, wait.toMillis());
                    ctx.logs()
                            .write(LogEntry.of(
                                            LogLevel.warning,
                                            "Tenant " + key.tenant() + ": pulling " + key.kind() + "/" + key.subtype()
                                                    + " failed " + backoff.failures()
                                                    + " time(s) in a row; next try in "
                                                    + wait.toSeconds() + " s")
                                    .withCode(
                                            "INGEST-RETRY",
                                            error,
                                            "Nothing is lost: the stream goes on from its checkpoint. If it keeps"
                                                    + " failing, check that the tenant is reachable (proxy in"
                                                    + " Settings) and its status."));
                }
                try {
                    sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.debugf("Puller of %s ended", key.id());
    }

    // ---- v2: the Data Export iterator ----

    private Duration pullV2(TenantDirectory.Tenant tenant) throws Exception {
        Document cp = ctx.checkpoints().load(key);
        String index = ctx.indexName(key.tenant());
        String inFlight = cp.getString("inFlight");
        String operation;
        if (inFlight != null) {
            // a page may have been handed out and not confirmed: the same again (an epoch start is
            // simply repeated: it sets the position and hands the same first page)
            operation = isEpoch(inFlight) ? inFlight : "resend";
        } else if (!cp.getBoolean("started", false) || !index.equals(cp.getString("index"))) {
            long start = Instant.now()
                    .minus(Duration.ofDays(tenant.initialRangeDays()))
                    .getEpochSecond();
            operation = Long.toString(start);
        } else {
            operation = "next";
        }
        pace();
        ctx.checkpoints().inFlight(key, operation, index);
        String token = ctx.decrypt(tenant.v2Token());
        try (NetskopeClient.Answer answer =
                ctx.client(tenant).iterator(tenant.baseUrl(), token, key, index, operation)) {
            if (answer.status() == 429) {
                // refused before the iterator moved: nothing new is in flight; a page asked for again
                // (resend) stays in flight, or the next call would go past it
                if (inFlight == null) {
                    ctx.checkpoints().notInFlight(key);
                }
                ctx.metrics().throttled(key);
                throw new Throttled(answer.retryAfter().orElse(null));
            }
            checkRefusal(answer, "v2");
            if (answer.status() != 200) {
                throw new IOException("the tenant answered HTTP " + answer.status() + ": " + snippet(answer));
            }
            // a page asked for again only because the last answer ended early was never published
            boolean afterCut = cutInARow > 0;
            PageTranscoder.Page page = ctx.transcoder().transcode(answer.body(), "result", key, Set.of());
            acceptOrAskAgain(page);
            publish(page);
            setAside(page, "v2 " + operation, cp);
            // asked again because an earlier ask may have been handed out (resend, or an epoch
            // start repeated after a crash or failure): these records may come twice
            boolean resent = inFlight != null && !afterCut;
            long hwm = page.timestampHwm() == null ? page.newestTimestamp() : page.timestampHwm();
            long lag = page.records() == 0 ? 0 : Math.max(0, Instant.now().getEpochSecond() - hwm);
            ctx.checkpoints().published(key, Checkpoints.Page.of(page, resent, hwm, lag));
            ctx.metrics().page(key, page.records(), page.batches().size(), resent, lag);
            long waitSeconds = page.waitTime() == null ? 0 : page.waitTime();
            Duration wait =
                    Duration.ofSeconds(Math.min(waitSeconds, settings.maxWait().toSeconds()));
            if (page.records() == 0 && wait.isZero()) {
                wait = settings.idleWait(); // caught up and the tenant gave no wait: don't spin
            }
            ctx.checkpoints().state(key, wait.isZero() ? "running" : "caught up", null, 0, ctx.owner());
            return wait;
        }
    }

    // ---- v1: time windows with limit/skip ----

    private Duration pullV1(TenantDirectory.Tenant tenant) throws Exception {
        if (tenant.v1Token() == null) {
            throw new Refused("the tenant has no token");
        }
        Document cp = ctx.checkpoints().load(key);
        long now = Instant.now().getEpochSecond();
        long horizon = now - settings.v1Lag().toSeconds();
        Long from = cp.getLong("v1From");
        if (from == null) {
            from = now - Duration.ofDays(tenant.initialRangeDays()).toSeconds();
        }
        Long end = cp.getLong("v1End");
        int skip = cp.getInteger("v1Skip", 0);
        if (end == null) {
            end = Math.min(from + settings.v1Window().toSeconds() - 1, horizon);
            skip = 0;
            if (end < from) {
                ctx.checkpoints().state(key, "caught up", null, 0, ctx.owner());
                return Duration.ofSeconds(
                        Math.min(from - horizon + 1, settings.v1Lag().toSeconds()));
            }
        }
        Set<String> lastIds = new HashSet<>(cp.getList("v1LastIds", String.class, List.of()));
        int limit = settings.v1PageSize();
        pace();
        String token = ctx.decrypt(tenant.v1Token());
        try (NetskopeClient.Answer answer =
                ctx.client(tenant).v1(tenant.baseUrl(), token, key, from, end, limit, skip)) {
            if (answer.status() == 429) {
                ctx.metrics().throttled(key);
                throw new Throttled(answer.retryAfter().orElse(null));
            }
            checkRefusal(answer, "v1");
            if (answer.status() != 200) {
                throw new IOException("the tenant answered HTTP " + answer.status() + ": " + snippet(answer));
            }
            PageTranscoder.Page page = ctx.transcoder().transcode(answer.body(), "data", key, lastIds);
            if (!"success".equals(page.status()) && !page.wasCut()) {
                throw new IOException("the tenant answered status '" + page.status() + "'");
            }
            acceptOrAskAgain(page);
            publish(page);
            setAside(page, "v1 " + from + "-" + end + " skip " + skip, cp);
            // the tenant's offset counts every element of its pages, records or not (and a page never
            // holds more than the limit: what stands beyond it is no element the tenant counted)
            int elements = Math.min(limit, page.seen() + page.malformed().size());
            // a page that ended early (taken after asking thrice) says nothing about the window's end:
            // the next call goes on after what came, unless nothing came at all
            boolean windowDone = page.wasCut() ? elements == 0 : elements < limit;
            long lag = Math.max(0, now - end);
            var pos = windowDone
                    ? new org.bson.conversions.Bson[] {
                        Updates.set("v1From", end + 1),
                        Updates.set("v1End", null),
                        Updates.set("v1Skip", 0),
                        Updates.set("v1LastIds", page.lastIds())
                    }
                    : new org.bson.conversions.Bson[] {
                        Updates.set("v1From", from),
                        Updates.set("v1End", end),
                        Updates.set("v1Skip", skip + elements),
                        Updates.set("v1LastIds", page.lastIds())
                    };
            ctx.checkpoints().published(key, Checkpoints.Page.of(page, false, end, lag), pos);
            ctx.metrics().page(key, page.records(), page.batches().size(), false, lag);
            ctx.checkpoints().state(key, "running", null, 0, ctx.owner());
            return Duration.ZERO;
        }
    }

    // ---- common ----

    /**
     * An answer that ended before its page did is asked for again (twice: a proxy or load balancer
     * that cut one answer seldom cuts the next); the third is taken as it is: what came is delivered,
     * and the stream moves on instead of asking for the same cut page for ever.
     */
    private void acceptOrAskAgain(PageTranscoder.Page page) throws IOException {
        if (!page.wasCut()) {
            cutInARow = 0;
            return;
        }
        if (++cutInARow < 3) {
            throw new IOException(page.cut() + "; asking for the page again");
        }
        cutInARow = 0;
    }

    /** Keeps the page's elements that were no records (before its checkpoint moves), counts, tells. */
    private void setAside(PageTranscoder.Page page, String request, Document checkpoint) {
        if (page.malformed().isEmpty() && !page.wasCut()) {
            return;
        }
        long number = checkpoint.get("pages") instanceof Number n ? n.longValue() : 0;
        ctx.malformed().keep(key, request, Long.toString(number), page.malformed());
        ctx.metrics().malformed(key, page.malformed().size());
        ctx.malformed().report(key, page.malformed(), page.cut());
    }

    private void publish(PageTranscoder.Page page) throws Exception {
        List<CompletableFuture<Void>> confirms = new ArrayList<>(page.batches().size());
        for (PageTranscoder.Batch batch : page.batches()) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(batch.id())
                    .type(PageTranscoder.DATA_TYPE)
                    .appId(ctx.source())
                    .timestamp(new java.util.Date())
                    .headers(java.util.Map.of(
                            "tenant", key.tenant(),
                            "kind", key.kind(),
                            "subtype", key.subtype(),
                            "records", batch.records()))
                    .build();
            confirms.add(ctx.bus().publishEncoded(BusNames.DATA, key.routingKey(), props, batch.body()));
        }
        try {
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
                    .get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // some of these messages may be on the bus already; the page comes again (resend), so
            // consumers may see these records twice, with the same _id: count them
            ctx.checkpoints().unconfirmed(key, page.records());
            throw new IOException("the broker did not confirm the page: " + describe(e), e);
        }
    }

    private void checkRefusal(NetskopeClient.Answer answer, String api) throws IOException, Refused {
        if (answer.status() == 401 || answer.status() == 403) {
            String body = snippet(answer);
            String what = answer.status() == 401
                    ? "the tenant refused the " + api + " token (401): it is wrong or expired; update it on the tenant"
                    : "the " + api + " token lacks the scope read access to " + endpoint(api)
                            + " (403); add that scope to the token on the tenant";
            throw new Refused(what + (body.isBlank() ? "" : " — tenant said: " + body));
        }
    }

    private String endpoint(String api) {
        return "v2".equals(api)
                ? "/api/v2/events/dataexport/" + key.kind() + "/" + key.subtype()
                : "/api/v1/" + key.kind();
    }

    private static String snippet(NetskopeClient.Answer answer) throws IOException {
        String text = answer.text().replaceAll("\\s+", " ").trim();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** At most one call per {@code min-interval} per stream: the tenant allows 4 a second per endpoint. */
    private void pace() throws InterruptedException {
        Duration since = Duration.between(lastCall, Instant.now());
        if (since.compareTo(settings.minInterval()) < 0) {
            Thread.sleep(settings.minInterval().minus(since).toMillis());
        }
        lastCall = Instant.now();
    }

    private void sleep(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < end) {
            Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private static boolean isEpoch(String operation) {
        return !operation.isEmpty() && operation.chars().allMatch(Character::isDigit);
    }

    private static String describe(Exception e) {
        if (e instanceof Throttled) {
            return "rate limited by the tenant (429)";
        }
        if (e instanceof HttpTimeoutException) {
            return "the tenant did not answer in time";
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect to the tenant: " + e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** 429: wait (at least Retry-After) and try the same call again. */
    static final class Throttled extends IOException {
        final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("rate limited");
            this.retryAfter = retryAfter;
        }
    }
}
