package org.opence.cls.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opence.cls.mapping.MappingFiles;
import org.opence.cls.siem.SiemMappingModels;
import org.opence.cls.siem.SiemMappings;
import org.opence.common.bus.RabbitBus;
import org.opence.common.bus.RetryPolicy;
import org.opence.common.notify.NotificationEvents;
import org.opence.common.plugin.ModulePlugins;
import org.opence.common.plugin.config.PluginConfigurations;
import org.opence.mapping.MappingFile;
import org.opence.mapping.format.MappingFormatter;
import org.opence.mapping.query.Query;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What the delivery workers share: the bus, the stores, the plugins and the retry settings. */
@ApplicationScoped
public class DeliveryServices {

    private final RabbitBus bus;
    private final ObjectMapper mapper;
    private final SiemMappings mappings;
    private final MappingFiles files;
    private final PluginConfigurations configurations;
    private final ModulePlugins plugins;
    private final ParkedBatches parked;
    private final DeliveryStatistics statistics;
    private final NotificationEvents notifications;
    private final List<Duration> retryDelays;
    private final int prefetch;
    private final int consumersPerRoute;
    private final long noticeIntervalMillis;
    private final Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
    /** Parkings not told yet because the route's notification was updated less than a minute ago. */
    private final Map<String, String> untold = new ConcurrentHashMap<>();

    private final java.util.concurrent.ScheduledExecutorService later =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cls-parked-notices");
                t.setDaemon(true);
                return t;
            });

    public DeliveryServices(
            RabbitBus bus,
            ObjectMapper mapper,
            SiemMappings mappings,
            MappingFiles files,
            PluginConfigurations configurations,
            ModulePlugins plugins,
            ParkedBatches parked,
            DeliveryStatistics statistics,
            NotificationEvents notifications,
            @ConfigProperty(name = "cls.delivery.retry-delays", defaultValue = "5s,30s,2m,10m")
                    List<Duration> retryDelays,
            @ConfigProperty(name = "cls.delivery.prefetch", defaultValue = "4") int prefetch,
            @ConfigProperty(name = "cls.delivery.consumers-per-route", defaultValue = "2") int consumersPerRoute,
            @ConfigProperty(name = "cls.delivery.parked-notice-interval", defaultValue = "60s")
                    Duration noticeInterval) {
        this.bus = bus;
        this.mapper = mapper;
        this.mappings = mappings;
        this.files = files;
        this.configurations = configurations;
        this.plugins = plugins;
        this.parked = parked;
        this.statistics = statistics;
        this.notifications = notifications;
        this.retryDelays = List.copyOf(retryDelays);
        this.prefetch = prefetch;
        this.consumersPerRoute = Math.max(1, consumersPerRoute);
        this.noticeIntervalMillis = noticeInterval.toMillis();
    }

    RabbitBus bus() {
        return bus;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    PluginConfigurations configurations() {
        return configurations;
    }

    ModulePlugins plugins() {
        return plugins;
    }

    ParkedBatches parked() {
        return parked;
    }

    DeliveryStatistics statistics() {
        return statistics;
    }

    int prefetch() {
        return prefetch;
    }

    /** Workers per route in this process: one formats while another waits for the destination. */
    int consumersPerRoute() {
        return consumersPerRoute;
    }

    List<Duration> retryDelays() {
        return retryDelays;
    }

    /** The route's delay queues with the mapping's strategy ({@code -1} = retry for ever). */
    RetryPolicy retryPolicy(int maxAttempts) {
        return new RetryPolicy(retryDelays, maxAttempts);
    }

    /**
     * What a route delivers with now; null when its SIEM mapping is gone, off, no longer sends to the
     * destination, or its mapping file is gone. Compiled parts of {@code previous} are kept when
     * unchanged.
     */
    DeliveryWorker.State state(DeliveryRoute route, DeliveryWorker.State previous) {
        Optional<SiemMappingModels.SiemMapping> found = mappings.find(route.mapping());
        if (found.isEmpty()
                || !Boolean.TRUE.equals(found.get().enabled())
                || !found.get().destinations().contains(route.destination())) {
            return null;
        }
        SiemMappingModels.SiemMapping m = found.get();
        Optional<MappingFile> file = files.find(m.mappingFile());
        if (file.isEmpty()) {
            return null;
        }
        Query rule;
        if (m.rule() == null || m.rule().isNull()) {
            rule = null;
        } else if (previous != null
                && previous.rule() != null
                && m.rule().equals(previous.mapping().rule())) {
            rule = previous.rule();
        } else {
            rule = Query.parse(m.rule());
        }
        MappingFormatter formatter =
                previous != null && previous.formatter().file().equals(file.get())
                        ? previous.formatter()
                        : MappingFormatter.compile(file.get());
        Query muteRule =
                m.mute() == null || m.mute().rule() == null || m.mute().rule().isNull()
                        ? null
                        : Query.parse(m.mute().rule());
        long mutedUntil = m.mute() == null ? 0 : m.mute().until().toEpochMilli();
        return new DeliveryWorker.State(
                m,
                rule,
                muteRule,
                mutedUntil,
                formatter,
                configurations.target(route.destination()),
                System.currentTimeMillis());
    }

    /**
     * Raises (or brings up to date) the destination's notification with how many records are parked
     * for it now, in how many batches, and the latest reason; at most once a minute per route
     * ({@code cls.delivery.parked-notice-interval}), what came within the minute told when it is over.
     */
    void notifyParked(DeliveryRoute route, String reason) {
        long now = System.currentTimeMillis();
        Long last = notifiedAt.get(route.key());
        if (last != null && now - last < noticeIntervalMillis) {
            // told less than a minute ago: the figures are brought up to date when the minute is over
            if (untold.put(route.key(), reason) == null) {
                later.schedule(
                        () -> {
                            String latest = untold.remove(route.key());
                            if (latest != null) {
                                notifyParked(route, latest);
                            }
                        },
                        noticeIntervalMillis - (now - last),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            return;
        }
        notifiedAt.put(route.key(), now);
        tellOperators(route.destination(), "; the latest (SIEM mapping '" + route.mapping() + "') because " + reason);
    }

    @jakarta.annotation.PreDestroy
    void stopNotices() {
        later.shutdownNow();
    }

    /**
     * After parked batches were replayed or discarded: each destination's notification says what is
     * parked now, or is resolved when nothing is; the next parking is told at once.
     */
    public void parkedChanged(Set<String> destinations) {
        for (String destination : destinations) {
            notifiedAt.keySet().removeIf(key -> key.endsWith(DeliveryRoute.SEPARATOR + destination));
            untold.keySet().removeIf(key -> key.endsWith(DeliveryRoute.SEPARATOR + destination));
            tellOperators(destination, "");
        }
    }

    private void tellOperators(String destination, String latest) {
        long[] totals = parked.totals(destination);
        String key = "cls.parked:" + destination;
        if (totals[1] == 0) {
            notifications.resolve(key);
            return;
        }
        notifications.raise(
                key,
                "warning",
                false,
                totals[0] + " record(s) in " + totals[1] + " parked batch(es) wait for the destination '"
                        + destination + "'" + latest
                        + ". Replay or discard them in Log Shipper > Parked (GET /api/cls/parked).");
    }
}
