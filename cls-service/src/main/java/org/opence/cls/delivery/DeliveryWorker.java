package org.opence.cls.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.opence.cls.siem.SiemMappingModels;
import org.opence.common.bus.BusHeaders;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.RetryPolicy;
import org.opence.common.plugin.LoadedPlugin;
import org.opence.common.plugin.PlatformContext;
import org.opence.common.plugin.PluginInvoker;
import org.opence.common.plugin.config.PluginConfigurations;
import org.opence.common.settings.ModuleSwitch;
import org.opence.mapping.DataType;
import org.opence.mapping.format.MappingFormatter;
import org.opence.mapping.format.RecordFormatter;
import org.opence.mapping.format.Utf8;
import org.opence.mapping.query.Query;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.cls.ClsPlugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;

/**
 * Delivers one route's queue: takes a batch, keeps the records the rule lets through, formats them
 * with the mapping file, hands them to the destination plugin in chunks, and only then acknowledges
 * the batch. Records the destination refused are parked with its reason; records it could not take
 * now go to the route's delay queue for a retry (only those), and are parked once the mapping's retry
 * strategy gives up. Runs on its own thread with a small prefetch, so a slow destination holds back
 * its own queue only.
 */
final class DeliveryWorker implements ModuleSwitch.Pausable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final long STATE_TTL_MILLIS = 5_000;
    private static final int MAX_CHUNK = 50_000;

    /** A batch as it arrived, on the channel generation it arrived on. */
    private record Delivery(long tag, AMQP.BasicProperties props, byte[] body, long generation) {}

    /** What a batch is delivered with, looked up again every few seconds. */
    record State(
            SiemMappingModels.SiemMapping mapping,
            Query rule,
            Query muteRule,
            long mutedUntil,
            MappingFormatter formatter,
            Optional<PluginConfigurations.Target> destination,
            long at) {}

    private final DeliveryRoute route;
    private final String queue;
    private final DeliveryServices services;
    private final RouteStats stats;
    private final Channel channel;
    private final BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
    private final Thread thread;
    /**
     * Stores a delivered batch's figures and then acknowledges it, off the worker's thread, so that the
     * next batch is formatted and pushed while the store answers (a round trip per batch that the worker
     * used to wait for). One thread: acknowledgements keep their order, and none goes out before the
     * figures that include its batch were stored.
     */
    private final ExecutorService acker;

    private volatile String consumerTag;
    /**
     * Counts the channel's recoveries. Batches that arrived before one are dropped unhandled: the
     * broker gave them back to the queue when the connection died, their delivery tags mean nothing on
     * the recovered channel, and they come again.
     */
    private volatile long generation;

    private volatile boolean closed;
    private final FormatProblems formatProblems;
    private State state;
    private long lastHealthAt;
    private boolean lastHealthOk = true;

    DeliveryWorker(DeliveryRoute route, DeliveryServices services, boolean startPaused) throws IOException {
        this.route = route;
        this.services = services;
        this.queue = route.queue(services.bus().names());
        this.stats = services.statistics().of(route);
        this.formatProblems = new FormatProblems(services.plugins().logs(), route);
        this.channel = services.bus().openChannel();
        channel.basicQos(services.prefetch());
        if (channel instanceof com.rabbitmq.client.Recoverable recoverable) {
            recoverable.addRecoveryListener(new com.rabbitmq.client.RecoveryListener() {
                @Override
                public void handleRecoveryStarted(com.rabbitmq.client.Recoverable r) {
                    generation++;
                    inbox.clear();
                }

                @Override
                public void handleRecovery(com.rabbitmq.client.Recoverable r) {
                    LOG.infof("Delivery of %s goes on after the broker connection was recovered", route.key());
                }
            });
        }
        this.acker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cls-ack-" + route.key());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "cls-deliver-" + route.key());
        thread.setDaemon(true);
        thread.start();
        if (!startPaused) {
            resume();
        }
    }

    DeliveryRoute route() {
        return route;
    }

    String queue() {
        return queue;
    }

    @Override
    public synchronized void pause() {
        if (consumerTag == null) {
            return;
        }
        try {
            channel.basicCancel(consumerTag);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not pause the delivery of %s: %s", route.key(), e.getMessage());
        }
        consumerTag = null;
    }

    @Override
    public synchronized void resume() {
        if (consumerTag != null || closed) {
            return;
        }
        try {
            consumerTag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                        String tag, com.rabbitmq.client.Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    inbox.add(new Delivery(envelope.getDeliveryTag(), props, body, generation));
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not consume " + queue, e);
        }
    }

    boolean paused() {
        return consumerTag == null;
    }

    @Override
    public void close() {
        closed = true;
        pause();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acker.shutdown();
        try {
            acker.awaitTermination(10, TimeUnit.SECONDS); // the acknowledgements of what was delivered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (channel.isOpen()) {
                channel.close(); // unacknowledged batches go back to the queue
            }
        } catch (Exception e) {
            LOG.debugf(e, "Closing the delivery channel of %s", route.key());
        }
    }

    /** The totals include this batch before the bus forgets it: they survive a SIGKILL. */
    private void acknowledgeOnceCounted(Delivery d) {
        acker.execute(() -> {
            try {
                services.statistics().flush(stats);
                if (d.generation() == generation && channel.isOpen()) {
                    channel.basicAck(d.tag(), false);
                }
            } catch (Exception e) {
                // not acknowledged: the batch comes again (duplicates), nothing is lost
                LOG.errorf(e, "Could not acknowledge a delivered batch of %s; it will come again", route.key());
            }
        });
    }

    private void run() {
        while (!closed) {
            Delivery d;
            try {
                d = inbox.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (d == null) {
                continue;
            }
            if (d.generation() != generation || !channel.isOpen()) {
                // its channel is gone: the broker gives it back to the queue, pushing it now makes a duplicate
                continue;
            }
            try {
                if (handle(d)) {
                    acknowledgeOnceCounted(d);
                } else {
                    channel.basicNack(d.tag(), false, true);
                    pauseBriefly();
                }
            } catch (Exception e) {
                // the batch stays unacknowledged and comes back; nothing is lost
                LOG.errorf(e, "Delivery of a batch of %s failed unexpectedly; it goes back to its queue", route.key());
                stats.error("internal: " + e.getMessage());
                try {
                    channel.basicNack(d.tag(), false, true);
                } catch (Exception again) {
                    LOG.debugf(again, "nack after a failure");
                }
                pauseBriefly();
            }
        }
    }

    private void pauseBriefly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Positions of records in their batch, in the order they were added. */
    private static final class Positions {
        private int[] items = new int[16];
        private int size;

        void add(int position) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = position;
        }

        void addRange(int[] from, int start, int end) {
            for (int i = start; i < end; i++) {
                add(from[i]);
            }
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(items, size);
        }
    }

    /** The records of a batch that passed the rule: their text, position in the batch and time. */
    private static final class Formatted {
        final List<String> texts = new ArrayList<>();
        int[] positions = new int[64];
        long[] times = new long[64];

        void add(String text, int position, long time) {
            int i = texts.size();
            if (i == positions.length) {
                positions = java.util.Arrays.copyOf(positions, i * 2);
                times = java.util.Arrays.copyOf(times, i * 2);
            }
            texts.add(text);
            positions[i] = position;
            times[i] = time;
        }
    }

    /**
     * Delivers one batch; true when it may be acknowledged (everything is accepted, parked or safely
     * in the delay queue), false to put it back. Records are read, filtered and formatted one at a time;
     * only the few that end up retried or parked are read again from the message.
     */
    private boolean handle(Delivery d) throws IOException {
        int attempts = attempts(d.props());
        DataBatch batch;
        try {
            batch = DataBatch.read(d.body());
        } catch (IOException e) {
            return parkUnreadable(d, attempts, e);
        }
        State s = state();
        if (s == null) {
            // the SIEM mapping is gone or off: its queue is about to be removed or paused
            return false;
        }
        Optional<DataType> type = DataType.fromKey(batch.kind());
        Optional<RecordFormatter> formatter = type.flatMap(t -> s.formatter().forType(t, batch.subtype()));
        if (formatter.isEmpty()) {
            int total;
            try {
                total = batch.count();
            } catch (IOException e) {
                return parkUnreadable(d, attempts, e);
            }
            stats.add(RouteStats.Outcome.unmapped, total);
            return true;
        }
        RecordFormatter recordFormatter = formatter.get();
        Formatted formatted = new Formatted();
        Map<String, Positions> toPark = new LinkedHashMap<>();
        long[] dropped = new long[2]; // filtered by the rule, muted
        boolean muting = System.currentTimeMillis() < s.mutedUntil();
        try {
            batch.forEach((index, record) -> {
                if (s.rule() != null && !s.rule().matches(record)) {
                    dropped[0]++;
                    return;
                }
                if (muting && (s.muteRule() == null || s.muteRule().matches(record))) {
                    dropped[1]++;
                    return;
                }
                try {
                    String text = recordFormatter.format(record);
                    // the record's time, read while it is at hand (for the lag once it is sent)
                    formatted.add(text, index, record.path("timestamp").asLong(0));
                } catch (RuntimeException e) {
                    toPark.computeIfAbsent("the mapping file could not format the record: " + e, k -> new Positions())
                            .add(index);
                }
            });
        } catch (IOException e) {
            // nothing was pushed yet: the message is kept whole, as it came
            return parkUnreadable(d, attempts, e);
        }
        stats.add(RouteStats.Outcome.filtered, dropped[0]);
        stats.add(RouteStats.Outcome.muted, dropped[1]);
        formatProblems.check(s.formatter());

        List<String> texts = formatted.texts;
        Positions toRetry = new Positions();
        String retryReason = null;
        Optional<PluginConfigurations.Target> target = s.destination();
        String unusable = unusable(target);
        if (unusable != null) {
            toRetry.addRange(formatted.positions, 0, texts.size());
            retryReason = unusable;
        } else {
            LoadedPlugin loaded = target.get().plugin().get();
            ClsPlugin plugin = (ClsPlugin) loaded.plugin();
            int chunk = Math.max(1, Math.min(MAX_CHUNK, safeChunkSize(plugin)));
            String format = s.formatter().file().format().name().toLowerCase(java.util.Locale.ROOT);
            boolean stopped = false;
            for (int from = 0; from < texts.size(); from += chunk) {
                int to = Math.min(texts.size(), from + chunk);
                if (stopped) {
                    // the destination failed a whole chunk: the rest waits for the retry too
                    toRetry.addRange(formatted.positions, from, to);
                    continue;
                }
                int retriedBefore = toRetry.size();
                String reason = push(
                        loaded,
                        plugin,
                        target.get(),
                        texts.subList(from, to),
                        formatted,
                        from,
                        format,
                        batch,
                        toPark,
                        toRetry);
                if (reason != null) {
                    retryReason = reason;
                    stopped = toRetry.size() - retriedBefore == to - from;
                }
            }
        }
        for (Map.Entry<String, Positions> e : toPark.entrySet()) {
            services.parked().park(route, batch, batch.records(e.getValue().toArray()), e.getKey(), attempts);
            stats.add(RouteStats.Outcome.parked, e.getValue().size());
            stats.error(e.getKey());
        }
        if (!toPark.isEmpty()) {
            services.notifyParked(route, toPark.keySet().iterator().next());
        }
        if (toRetry.size() > 0) {
            stats.error(retryReason);
            List<JsonNode> records = batch.records(toRetry.toArray());
            int failures = attempts + 1;
            RetryPolicy policy = services.retryPolicy(s.mapping().retry().attemptsBeforeParking());
            if (policy.exhausted(failures)) {
                String reason = "gave up after " + failures + " failed deliveries (the SIEM mapping's retry strategy): "
                        + retryReason;
                services.parked().park(route, batch, records, reason, failures);
                stats.add(RouteStats.Outcome.parked, records.size());
                services.notifyParked(route, reason);
            } else {
                retryLater(batch, records, failures, retryReason, policy);
                stats.add(RouteStats.Outcome.retried, records.size());
            }
        }
        return true;
    }

    /** A message that is not a readable batch is kept as it came, with the reason; it is acknowledged. */
    private boolean parkUnreadable(Delivery d, int attempts, IOException e) throws IOException {
        String reason = "unreadable batch: " + e.getMessage();
        int parked = services.parked().parkUnreadable(route, d.body(), reason, attempts, declaredRecords(d.props()));
        stats.add(RouteStats.Outcome.parked, parked);
        stats.error(reason);
        services.notifyParked(route, reason);
        return true;
    }

    /** The records a message says it holds (the {@code records} header of ingest), -1 when it does not say. */
    private static int declaredRecords(AMQP.BasicProperties props) {
        Object value = props.getHeaders() == null ? null : props.getHeaders().get("records");
        return value instanceof Number n ? n.intValue() : -1;
    }

    /**
     * Pushes one chunk: {@code texts} are the formatted records {@code offset} to
     * {@code offset + texts.size()}. Accepted records are counted, refused ones added to
     * {@code toPark}; records to try again are added to {@code toRetry} (the whole chunk, or, when a
     * retryable result names them, just the ones not accepted) and the reason returned; null when
     * nothing is to be retried.
     */
    private String push(
            LoadedPlugin loaded,
            ClsPlugin plugin,
            PluginConfigurations.Target target,
            List<String> texts,
            Formatted formatted,
            int offset,
            String format,
            DataBatch batch,
            Map<String, Positions> toPark,
            Positions toRetry) {
        int[] positions = formatted.positions;
        int end = offset + texts.size();
        PlatformContext context = new PlatformContext(
                "CLS",
                loaded.manifest().id(),
                target.name(),
                target.configuration(),
                target.storage(),
                null,
                services.plugins().http(),
                services.plugins().logs());
        PluginInvoker.Outcome<PushResult> outcome = services.plugins()
                .invoker()
                .call(
                        target.name(),
                        services.plugins().callTimeout(),
                        () -> {
                            List<Object> transformed =
                                    plugin.transform(context, texts, format, batch.kind(), batch.subtype());
                            if (transformed == null || transformed.size() != texts.size()) {
                                throw new IllegalStateException("transform returned "
                                        + (transformed == null ? "nothing" : transformed.size() + " items")
                                        + " for " + texts.size() + " records");
                            }
                            return plugin.push(context, transformed, batch.kind(), batch.subtype());
                        },
                        r -> r == null ? "no push result" : null);
        if (!context.storageAfterCall().equals(target.storage())) {
            services.configurations().saveStorage(target.name(), context.storageAfterCall());
            target.storage().clear();
            target.storage().putAll(context.storageAfterCall());
        }
        if (!outcome.ok()) {
            health(false, outcome.error());
            toRetry.addRange(positions, offset, end);
            return outcome.error();
        }
        PushResult result = outcome.value();
        String retryReason = null;
        if (result.retryable()) {
            retryReason = result.failed().isEmpty() || result.failed().get(0).reason() == null
                    ? "the destination asked to retry later"
                    : result.failed().get(0).reason();
            health(false, retryReason);
            boolean named = !result.failed().isEmpty()
                    && result.failed().stream().allMatch(f -> f.index() >= 0 && f.index() < texts.size());
            if (!named) {
                toRetry.addRange(positions, offset, end);
                return retryReason;
            }
        }
        boolean[] notSent = new boolean[texts.size()];
        int notSentCount = 0;
        for (PushResult.FailedItem f : result.failed()) {
            if (f.index() < 0) {
                // the whole chunk was refused for good
                Positions refused = toPark.computeIfAbsent(refusal(f), k -> new Positions());
                refused.addRange(positions, offset, end);
                health(false, f.reason());
                return null;
            }
            if (f.index() < texts.size() && !notSent[f.index()]) {
                notSent[f.index()] = true;
                notSentCount++;
                if (result.retryable()) {
                    // named by a retryable result: not taken before the failure, so tried again
                    toRetry.add(positions[offset + f.index()]);
                } else {
                    toPark.computeIfAbsent(refusal(f), k -> new Positions()).add(positions[offset + f.index()]);
                }
            }
        }
        long bytes = 0;
        long newest = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (!notSent[i]) {
                bytes += Utf8.length(texts.get(i), 0);
                newest = Math.max(newest, formatted.times[offset + i]);
            }
        }
        stats.delivered(texts.size() - notSentCount, bytes, newest, result.acknowledged());
        stats.add(RouteStats.Outcome.resent, result.resent());
        if (retryReason == null) {
            health(true, null);
        }
        return retryReason;
    }

    private static String refusal(PushResult.FailedItem f) {
        return "the destination refused the record: " + (f.reason() == null ? "no reason given" : f.reason());
    }

    private void health(boolean ok, String error) {
        long now = System.currentTimeMillis();
        if (ok == lastHealthOk && now - lastHealthAt < 10_000) {
            return;
        }
        lastHealthOk = ok;
        lastHealthAt = now;
        try {
            services.configurations().recordHealth(route.destination(), ok, error, ok ? "delivering" : null);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Could not record the health of %s", route.destination());
        }
    }

    private static int safeChunkSize(ClsPlugin plugin) {
        try {
            return plugin.chunkSize();
        } catch (RuntimeException e) {
            return 1000;
        }
    }

    private String unusable(Optional<PluginConfigurations.Target> target) {
        if (target.isEmpty()) {
            return "the destination configuration '" + route.destination() + "' does not exist";
        }
        if (!target.get().enabled()) {
            return "the destination configuration '" + route.destination() + "' is disabled";
        }
        if (target.get().plugin().isEmpty()) {
            return "the plugin of the destination configuration '" + route.destination()
                    + "' is not installed or is turned off";
        }
        if (!(target.get().plugin().get().plugin() instanceof ClsPlugin)) {
            return "the plugin of '" + route.destination() + "' is not a Log Shipper destination";
        }
        return null;
    }

    /** Sends the records that must be retried to the delay queue of their attempt, confirmed by the broker. */
    private void retryLater(DataBatch batch, List<JsonNode> records, int failures, String reason, RetryPolicy policy)
            throws IOException {
        byte[] body = DataBatch.write(
                services.mapper(),
                services.bus().serviceName(),
                batch.tenant(),
                batch.kind(),
                batch.subtype(),
                records);
        Map<String, Object> headers = new HashMap<>();
        headers.put(BusHeaders.ATTEMPTS, failures);
        headers.put(BusHeaders.LAST_ERROR, reason.length() > 1000 ? reason.substring(0, 1000) + "…" : reason);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .type(DataBatch.TYPE)
                .messageId(java.util.UUID.randomUUID().toString())
                .headers(headers)
                .build();
        try {
            services.bus()
                    .publishEncoded(BusNames.RETRY, BusNames.retryQueue(queue, policy.step(failures)), props, body)
                    .get(services.bus().confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while moving records to the delay queue", e);
        } catch (Exception e) {
            throw new IOException(
                    "the broker did not confirm the records sent to the delay queue: " + e.getMessage(), e);
        }
    }

    private State state() {
        long now = System.currentTimeMillis();
        State current = state;
        if (current != null && now - current.at() < STATE_TTL_MILLIS) {
            return current;
        }
        state = services.state(route, current);
        return state;
    }

    static int attempts(AMQP.BasicProperties props) {
        Object value = props.getHeaders() == null ? null : props.getHeaders().get(BusHeaders.ATTEMPTS);
        return value instanceof Number n ? n.intValue() : 0;
    }
}
