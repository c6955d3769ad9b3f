package org.opence.core.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.common.logs.LogWriter;
import org.opence.common.logs.Logs;
import org.opence.common.settings.PlatformSettings;
import org.opence.common.status.ServiceIdentity;
import org.opence.common.store.Leases;
import org.opence.common.store.Store;
import org.opence.core.CoreConfig;
import org.opence.core.logs.LogStore;
import org.opence.core.notification.Notifications;
import org.opence.core.settings.SettingsService;

import io.quarkus.runtime.StartupEvent;

/**
 * Deletes what is older than the settings' retention: log entries ({@code retention.logsDays}; whole
 * segments are dropped) and resolved notifications ({@code retention.notificationsDays}). Runs every
 * {@code core.retention.interval} on one replica at a time: the lease {@code retention} in
 * {@code core_leases} is held for an interval, so with several replicas it runs once per interval.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final String LEASE = "retention";

    private final CoreConfig.Retention config;
    private final SettingsService settings;
    private final LogStore logs;
    private final Notifications notifications;
    private final LogWriter log;
    private final Leases leases;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public RetentionJob(
            CoreConfig config,
            SettingsService settings,
            LogStore logs,
            Notifications notifications,
            Logs log,
            Store store,
            ServiceIdentity identity) {
        this.config = config.retention();
        this.settings = settings;
        this.logs = logs;
        this.notifications = notifications;
        this.log = log;
        this.clock = Clock.systemUTC();
        this.leases = new Leases(store.collection("core_leases"), identity.instance(), clock);
    }

    void onStart(@Observes StartupEvent start) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(
                this::runSafely,
                config.initialDelay().toMillis(),
                config.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            if (leases.acquire(LEASE, config.interval().plus(Duration.ofSeconds(30)))) {
                run();
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Retention run failed; it tries again in %s", config.interval());
        }
    }

    /** One run, whoever holds the lease. */
    public Result run() {
        Instant now = clock.instant();
        PlatformSettings.Retention days = settings.stored().retention();
        Instant logCutoff = now.minus(Duration.ofDays(days.logsDays()));
        Instant notificationCutoff = now.minus(Duration.ofDays(days.notificationsDays()));
        int segments = logs.expire(logCutoff, now);
        long resolved = notifications.deleteResolvedBefore(notificationCutoff);
        if (segments > 0 || resolved > 0) {
            String what = "Retention: dropped " + segments + " log segment(s) older than " + days.logsDays()
                    + " days and deleted " + resolved + " notification(s) resolved more than "
                    + days.notificationsDays() + " days ago";
            LOG.info(what);
            log.info(what);
        }
        return new Result(segments, resolved);
    }

    /** What one run deleted. */
    public record Result(int logSegments, long notifications) {}

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
