package org.opence.cls.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;
import org.opence.common.store.Store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivery figures per route and per destination. Counters live in memory (and Prometheus) and are
 * added to {@code cls_delivery_stats} every few seconds, so the totals survive restarts and add up
 * over replicas; rate, lag and backlog are this process's view.
 */
@ApplicationScoped
public class DeliveryStatistics {

    private static final Logger LOG = Logger.getLogger(DeliveryStatistics.class);
    private static final String BYTES = "bytes";

    private final MongoCollection<Document> stored;
    private final MeterRegistry meters;
    private final Map<String, RouteStats> routes = new ConcurrentHashMap<>();

    public DeliveryStatistics(Store store, MeterRegistry meters) {
        this.stored = store.collection("cls_delivery_stats");
        this.meters = meters;
    }

    RouteStats of(DeliveryRoute route) {
        return routes.computeIfAbsent(route.key(), k -> new RouteStats(route, meters));
    }

    Collection<RouteStats> all() {
        return routes.values();
    }

    /** Adds what was counted since the last flush to the stored totals. */
    void flush() {
        for (RouteStats s : routes.values()) {
            flush(s);
        }
    }

    /**
     * Adds what one route counted since the last flush to its stored totals. Called before a batch is
     * acknowledged on the bus, so that the totals a restarted service shows include everything it
     * acknowledged, even after a SIGKILL; a failure leaves the figures for the next flush.
     */
    void flush(RouteStats s) {
        long[] d = s.takeDeltas();
        boolean any = false;
        for (long v : d) {
            any |= v != 0;
        }
        if (!any) {
            return;
        }
        List<org.bson.conversions.Bson> incs = new ArrayList<>();
        for (RouteStats.Outcome o : RouteStats.Outcome.values()) {
            if (d[o.ordinal()] != 0) {
                incs.add(Updates.inc(o.name(), d[o.ordinal()]));
            }
        }
        if (d[d.length - 1] != 0) {
            incs.add(Updates.inc(BYTES, d[d.length - 1]));
        }
        incs.add(Updates.set("mapping", s.route.mapping()));
        incs.add(Updates.set("destination", s.route.destination()));
        incs.add(Updates.set("updatedAt", new java.util.Date()));
        try {
            stored.updateOne(Filters.eq("_id", s.route.key()), Updates.combine(incs), new UpdateOptions().upsert(true));
        } catch (RuntimeException e) {
            s.giveBack(d);
            LOG.warnf("Could not store the delivery figures of %s: %s", s.route.key(), e.getMessage());
        }
    }

    /** Forgets the stored totals of a route that no longer exists. */
    void forget(DeliveryRoute route) {
        stored.deleteOne(Filters.eq("_id", route.key()));
    }

    /** Figures of one route. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RouteView(
            String mapping,
            String destination,
            long sent,
            long written,
            long resent,
            long bytesSent,
            long retried,
            long parked,
            long filtered,
            long muted,
            long unmapped,
            long replayed,
            long discarded,
            double eventsPerSecond,
            double lagSeconds,
            long backlogBatches,
            long retryingBatches,
            Instant lastDeliveredAt,
            String lastError,
            Instant lastErrorAt) {}

    /** Figures of one destination, summed over the SIEM mappings that send to it. */
    public record DestinationView(
            String destination,
            long sent,
            long written,
            long resent,
            long bytesSent,
            long retried,
            long parked,
            long filtered,
            double eventsPerSecond,
            double lagSeconds,
            long backlogBatches,
            long retryingBatches,
            Instant lastDeliveredAt,
            String lastError,
            List<RouteView> routes) {}

    List<DestinationView> view(Collection<DeliveryRoute> current) {
        Map<String, Document> totals = new HashMap<>();
        stored.find().forEach(d -> totals.put(d.getString("_id"), d));
        Map<String, List<RouteView>> byDestination = new LinkedHashMap<>();
        current.stream()
                .sorted(Comparator.comparing(DeliveryRoute::destination).thenComparing(DeliveryRoute::mapping))
                .forEach(r -> byDestination
                        .computeIfAbsent(r.destination(), k -> new ArrayList<>())
                        .add(routeView(r, totals.get(r.key()))));
        List<DestinationView> out = new ArrayList<>();
        byDestination.forEach((destination, views) -> {
            RouteView latestError = views.stream()
                    .filter(v -> v.lastErrorAt() != null)
                    .max(Comparator.comparing(RouteView::lastErrorAt))
                    .orElse(null);
            out.add(new DestinationView(
                    destination,
                    views.stream().mapToLong(RouteView::sent).sum(),
                    views.stream().mapToLong(RouteView::written).sum(),
                    views.stream().mapToLong(RouteView::resent).sum(),
                    views.stream().mapToLong(RouteView::bytesSent).sum(),
                    views.stream().mapToLong(RouteView::retried).sum(),
                    views.stream().mapToLong(RouteView::parked).sum(),
                    views.stream().mapToLong(RouteView::filtered).sum(),
                    views.stream().mapToDouble(RouteView::eventsPerSecond).sum(),
                    views.stream().mapToDouble(RouteView::lagSeconds).max().orElse(-1),
                    views.stream().mapToLong(RouteView::backlogBatches).sum(),
                    views.stream().mapToLong(RouteView::retryingBatches).sum(),
                    views.stream()
                            .map(RouteView::lastDeliveredAt)
                            .filter(java.util.Objects::nonNull)
                            .max(Comparator.naturalOrder())
                            .orElse(null),
                    latestError == null ? null : latestError.lastError(),
                    views));
        });
        return out;
    }

    private RouteView routeView(DeliveryRoute r, Document total) {
        RouteStats s = routes.get(r.key());
        long[] pending = s == null ? new long[RouteStats.Outcome.values().length + 1] : s.pending();
        java.util.function.ToLongFunction<RouteStats.Outcome> count =
                o -> (total == null ? 0 : number(total, o.name())) + pending[o.ordinal()];
        return new RouteView(
                r.mapping(),
                r.destination(),
                count.applyAsLong(RouteStats.Outcome.sent),
                count.applyAsLong(RouteStats.Outcome.written),
                count.applyAsLong(RouteStats.Outcome.resent),
                (total == null ? 0 : number(total, BYTES)) + pending[pending.length - 1],
                count.applyAsLong(RouteStats.Outcome.retried),
                count.applyAsLong(RouteStats.Outcome.parked),
                count.applyAsLong(RouteStats.Outcome.filtered),
                count.applyAsLong(RouteStats.Outcome.muted),
                count.applyAsLong(RouteStats.Outcome.unmapped),
                count.applyAsLong(RouteStats.Outcome.replayed),
                count.applyAsLong(RouteStats.Outcome.discarded),
                s == null ? 0 : Math.round(s.eps() * 10) / 10.0,
                s == null ? -1 : s.lagSeconds(),
                s == null ? 0 : s.backlogReady,
                s == null ? 0 : s.backlogRetrying,
                s == null || s.lastDeliveredAt == 0 ? null : Instant.ofEpochMilli(s.lastDeliveredAt),
                s == null ? null : s.lastError,
                s == null || s.lastErrorAt == 0 ? null : Instant.ofEpochMilli(s.lastErrorAt));
    }

    private static long number(Document d, String key) {
        return d.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
