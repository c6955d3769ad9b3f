package org.opence.common.logs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.config.CeConfig;
import org.opence.common.settings.SettingsApplied;
import org.opence.common.status.ServiceIdentity;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * This service's writer of the platform log. Entries go into a bounded {@link LogBuffer} (the caller
 * never waits and never sees an error) and one thread publishes them on {@code ce.events} as
 * {@link LogBatch#EVENT}, a batch every {@code ce.log.flush-interval} or as soon as
 * {@code ce.log.batch-size} are waiting, with publisher confirms. Entries dropped because the buffer
 * was full or the broker did not take them are counted ({@code ce_logs_dropped_total}) and reported
 * by a warning entry ({@code LOG-DROPPED}) in a later batch. Entries below the current log level
 * (settings, else {@code ce.log.level}) are not written at all.
 */
@ApplicationScoped
public class Logs implements LogWriter {

    private static final Logger LOG = Logger.getLogger(Logs.class);
    /** Error code of the entry that reports dropped entries. */
    public static final String DROPPED_CODE = "LOG-DROPPED";

    private final RabbitBus bus;
    private final ObjectMapper mapper;
    private final Instance<CurrentVertxRequest> request;
    private final CeConfig config;
    private final String service;
    private final String module;
    private final LogBuffer buffer;
    private final int batchSize;
    private final Duration confirmTimeout;
    private final Counter droppedCounter;
    private final Counter publishedCounter;
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ScheduledExecutorService flusher;
    private volatile LogLevel minimum;

    public Logs(
            RabbitBus bus,
            ObjectMapper mapper,
            CeConfig config,
            ServiceIdentity identity,
            MeterRegistry meters,
            Instance<CurrentVertxRequest> request) {
        this.bus = bus;
        this.mapper = mapper;
        this.request = request;
        this.config = config;
        this.service = identity.name();
        this.module = moduleOf(identity.name());
        this.buffer = new LogBuffer(config.log().bufferSize());
        this.batchSize = Math.max(1, config.log().batchSize());
        this.confirmTimeout = config.rabbitmq().confirmTimeout();
        this.minimum = levelOr(config.log().level(), LogLevel.info);
        this.droppedCounter = Counter.builder("ce.logs.dropped")
                .description("Platform log entries dropped: buffer full or not taken by the broker")
                .register(meters);
        this.publishedCounter = Counter.builder("ce.logs.published")
                .description("Platform log entries published on the bus")
                .register(meters);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "log-flusher");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, config.log().flushInterval().toMillis());
        flusher.scheduleWithFixedDelay(this::flushSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** {@code core-service} → {@code core}: the module a service's own entries belong to. */
    static String moduleOf(String serviceName) {
        return serviceName.endsWith("-service")
                ? serviceName.substring(0, serviceName.length() - "-service".length())
                : serviceName;
    }

    /** The module of this service's own entries. */
    public String module() {
        return module;
    }

    @Override
    public void write(LogEntry entry) {
        try {
            if (entry == null || !entry.level().atLeast(minimum)) {
                return;
            }
            if (!buffer.offer(entry.completed(module, service, currentRequestId()))) {
                droppedCounter.increment();
                return;
            }
            if (buffer.size() >= batchSize && flushQueued.compareAndSet(false, true)) {
                flusher.execute(this::flushSafely);
            }
        } catch (RuntimeException e) {
            // the log must never break the caller; the executor may be shut down at stop
            LOG.debugf("Log entry not written: %s", e.getMessage());
        }
    }

    /** The least level written now. */
    public LogLevel minimum() {
        return minimum;
    }

    /** Entries dropped since start. */
    public long droppedTotal() {
        return buffer.droppedTotal();
    }

    void onSettings(@Observes SettingsApplied change) {
        String level = change.current().logLevel() == null
                ? config.log().level()
                : change.current().logLevel();
        minimum = levelOr(level, LogLevel.info);
    }

    private static LogLevel levelOr(String name, LogLevel fallback) {
        try {
            return LogLevel.parse(name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private String currentRequestId() {
        try {
            if (!Arc.container().requestContext().isActive()) {
                return null;
            }
            var ctx = request.get().getCurrent();
            return ctx == null ? null : ctx.request().getHeader("X-Request-Id");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void flushSafely() {
        flushQueued.set(false);
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Publishing platform log entries failed: %s", e.getMessage());
        }
    }

    /** Publishes everything buffered now, a batch at a time. */
    void flush() {
        while (true) {
            LogBuffer.Drained batch = buffer.drain(batchSize, this::droppedNotice);
            if (batch.entries().isEmpty()) {
                return;
            }
            if (!publish(batch)) {
                return; // the next tick tries again; what this batch held is counted as dropped
            }
            if (batch.written() < batchSize) {
                return;
            }
        }
    }

    private boolean publish(LogBuffer.Drained batch) {
        try {
            Envelope envelope =
                    Envelope.of(LogBatch.EVENT, 1, service, mapper.valueToTree(new LogBatch(batch.entries())));
            bus.publish(BusNames.EVENTS, LogBatch.EVENT, envelope, false, null)
                    .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            publishedCounter.increment(batch.entries().size());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lost(batch, "interrupted");
            return false;
        } catch (Exception e) {
            lost(batch, e.getMessage());
            return false;
        }
    }

    private void lost(LogBuffer.Drained batch, String why) {
        buffer.dropped(batch.lostIfUndelivered());
        droppedCounter.increment(batch.written());
        LOG.warnf("%d platform log entries not published (%s); they are counted as dropped", batch.written(), why);
    }

    private LogEntry droppedNotice(long count) {
        return new LogEntry(
                java.time.Instant.now(),
                LogLevel.warning,
                module,
                null,
                null,
                count + " log entr" + (count == 1 ? "y was" : "ies were") + " dropped by " + service
                        + ": the buffer of " + buffer.capacity() + " entries was full or the broker did not take them",
                DROPPED_CODE,
                null,
                "Entries were written faster than they could be published, or RabbitMQ was unreachable. If it"
                        + " happens often, lower the log level in Settings, raise CE_LOG_BUFFER_SIZE, or check the"
                        + " broker.",
                null,
                service);
    }

    /** Stops the publishing thread after a last flush (also at shutdown). */
    @PreDestroy
    public void stop() {
        flusher.shutdown();
        try {
            if (flusher.awaitTermination(2, TimeUnit.SECONDS)) {
                flush(); // what was written last, if the broker still takes it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("Last platform log entries not published: %s", e.getMessage());
        }
    }
}
