package org.opence.cls.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.cls.siem.HistoricalPulls;
import org.opence.cls.siem.SiemMappingModels;
import org.opence.cls.siem.SiemMappings;
import org.opence.common.bus.BusNames;
import org.opence.common.ingest.NeedsChanged;
import org.opence.common.settings.ModuleSwitch;
import org.opence.common.store.Store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.quarkus.runtime.StartupEvent;

/**
 * Keeps one queue and one worker per route (SIEM mapping × destination) in line with the SIEM
 * mappings: a new route gets its queue bound to the tenant data it takes; a disabled mapping's
 * queues are unbound and not consumed (what they hold waits); a removed route's queue is deleted.
 * Bindings are remembered in {@code cls_delivery} so changes can be undone exactly. Runs at start-up,
 * on every change of a SIEM mapping and every few seconds (for changes made through other replicas).
 */
@ApplicationScoped
public class DeliveryPipeline implements ModuleSwitch.Pausable {

    private static final Logger LOG = Logger.getLogger(DeliveryPipeline.class);

    private final DeliveryServices services;
    private final SiemMappings mappings;
    private final HistoricalPulls history;
    private final org.opence.common.settings.CurrentSettings settings;
    private final ModuleSwitch moduleSwitch;
    private final MongoCollection<Document> routes;
    private final Map<String, List<DeliveryWorker>> workers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cls-delivery-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;

    public DeliveryPipeline(
            DeliveryServices services,
            SiemMappings mappings,
            HistoricalPulls history,
            ModuleSwitch moduleSwitch,
            org.opence.common.settings.CurrentSettings settings,
            Store store) {
        this.services = services;
        this.settings = settings;
        this.history = history;
        this.mappings = mappings;
        this.moduleSwitch = moduleSwitch;
        this.routes = store.collection("cls_delivery");
    }

    void start(@Observes StartupEvent event) {
        started = true;
        moduleSwitch.register(this);
        reconcileSafely();
        timer.scheduleWithFixedDelay(this::reconcileSafely, 15, 15, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::updateBacklog, 2, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(services.statistics()::flush, 10, 10, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::expireParked, 1, 60, TimeUnit.MINUTES);
    }

    void onMappingsChanged(@Observes NeedsChanged change) {
        if (started) {
            reconcileSafely();
        }
    }

    /** A historical pull binds the mapping's queues to its routing prefix before it is requested. */
    void onHistoricalPull(@Observes HistoricalPulls.Started pull) throws IOException {
        reconcile();
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (Exception e) {
            LOG.errorf(e, "Could not bring the delivery queues in line with the SIEM mappings; trying again shortly");
        }
    }

    /** Declares, binds, unbinds and removes route queues and starts or stops their workers. */
    synchronized void reconcile() throws IOException {
        Map<String, DeliveryRoute> wanted = new LinkedHashMap<>();
        Map<String, List<String>> wantedKeys = new HashMap<>();
        Map<String, Boolean> wantedOn = new HashMap<>();
        for (SiemMappingModels.SiemMapping m : mappings.list()) {
            boolean on = Boolean.TRUE.equals(m.enabled());
            List<String> keys = new ArrayList<>();
            if (on) {
                keys.addAll(DeliveryRoute.routingKeys(
                        m.source().tenant(), m.source().alerts(), m.source().events()));
                keys.addAll(history.activeBindings(m.name()));
            }
            for (String destination : m.destinations()) {
                DeliveryRoute route = new DeliveryRoute(m.name(), destination);
                wanted.put(route.key(), route);
                wantedKeys.put(route.key(), keys);
                wantedOn.put(route.key(), on);
            }
        }
        Map<String, Document> known = new HashMap<>();
        routes.find().forEach(d -> known.put(d.getString("_id"), d));
        var topology = services.bus().topology();
        BusNames names = services.bus().names();
        for (DeliveryRoute route : wanted.values()) {
            String queue = route.queue(names);
            List<String> keys = wantedKeys.get(route.key());
            Document before = known.get(route.key());
            List<String> old = before == null ? List.of() : before.getList("keys", String.class, List.of());
            if (before == null || !old.equals(keys)) {
                topology.declareQueueWithRetries(queue, BusNames.DATA, keys, services.retryPolicy(-1));
                List<String> stale = new ArrayList<>(old);
                stale.removeAll(keys);
                topology.unbind(queue, BusNames.DATA, stale);
                routes.replaceOne(
                        Filters.eq("_id", route.key()),
                        new Document("_id", route.key())
                                .append("mapping", route.mapping())
                                .append("destination", route.destination())
                                .append("queue", queue)
                                .append("keys", keys),
                        new ReplaceOptions().upsert(true));
            }
            boolean on = wantedOn.get(route.key());
            List<DeliveryWorker> running = workers.get(route.key());
            if (on && running == null) {
                List<DeliveryWorker> started = new ArrayList<>();
                for (int i = 0; i < services.consumersPerRoute(); i++) {
                    started.add(new DeliveryWorker(route, services, !moduleSwitch.on()));
                }
                workers.put(route.key(), started);
                LOG.infof("Delivering %s from queue %s (%d consumers)", route.key(), queue, started.size());
            } else if (!on && running != null) {
                workers.remove(route.key()).forEach(DeliveryWorker::close);
                LOG.infof(
                        "SIEM mapping %s is disabled: delivery to %s stops, its queue keeps what it holds",
                        route.mapping(), route.destination());
            }
        }
        for (String key : known.keySet()) {
            if (wanted.containsKey(key)) {
                continue;
            }
            DeliveryRoute route = DeliveryRoute.fromKey(key);
            List<DeliveryWorker> running = workers.remove(key);
            if (running != null) {
                running.forEach(DeliveryWorker::close);
            }
            String queue = route.queue(names);
            long left = topology.messageCount(queue);
            topology.deleteWithRetries(queue, services.retryDelays().size());
            routes.deleteOne(Filters.eq("_id", key));
            services.statistics().forget(route);
            LOG.warnf(
                    "Removed the delivery queue of %s (its SIEM mapping or that destination was removed)%s",
                    key, left == 0 ? "" : "; " + left + " batch(es) in it were not delivered");
        }
    }

    /** Parked batches older than the settings' retention go (counted in the log). */
    void expireParked() {
        try {
            int days = settings.get().retention().parkedDays();
            long gone = services.parked().expire(days);
            if (gone > 0) {
                LOG.infof("Deleted %d parked batch(es) older than %d days (retention of parked messages)", gone, days);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not apply the retention of parked batches: %s", e.getMessage());
        }
    }

    private void updateBacklog() {
        var topology = services.bus().topology();
        for (List<DeliveryWorker> running : workers.values()) {
            DeliveryWorker w = running.get(0);
            try {
                RouteStats s = services.statistics().of(w.route());
                s.backlogReady = topology.messageCount(w.queue());
                long retrying = 0;
                for (int step = 1; step <= services.retryDelays().size(); step++) {
                    retrying += topology.messageCount(BusNames.retryQueue(w.queue(), step));
                }
                s.backlogRetrying = retrying;
            } catch (IOException | RuntimeException e) {
                LOG.debugf(e, "Could not read the backlog of %s", w.queue());
            }
        }
    }

    /** The routes that exist now (for statistics). */
    Collection<DeliveryRoute> routes() {
        List<DeliveryRoute> all = new ArrayList<>();
        routes.find().forEach(d -> all.add(DeliveryRoute.fromKey(d.getString("_id"))));
        return all;
    }

    /** Whether every route's worker is paused (module off). */
    boolean allPaused() {
        return workers.values().stream().flatMap(List::stream).allMatch(DeliveryWorker::paused);
    }

    @Override
    public void pause() {
        workers.values().forEach(l -> l.forEach(DeliveryWorker::pause));
    }

    @Override
    public void resume() {
        workers.values().forEach(l -> l.forEach(DeliveryWorker::resume));
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        workers.values().forEach(l -> l.forEach(DeliveryWorker::close));
        workers.clear();
        try {
            services.statistics().flush();
        } catch (RuntimeException e) {
            LOG.debugf(e, "Last flush of the delivery figures");
        }
    }
}
