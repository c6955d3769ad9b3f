package org.opence.simulator.netskope.control;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the faults switched on through the control API. It sits in front of every route, so a fault
 * hits the call before authentication, the rate limit or the iterator see it: a failed call changes no
 * iterator position, as with a tenant that failed before doing the work.
 */
@ApplicationScoped
public class FaultInjector {

    private final ServedStats stats;
    private final List<Pending> pending = new ArrayList<>();

    public FaultInjector(ServedStats stats) {
        this.stats = stats;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::handle);
    }

    public synchronized void add(FaultRule rule) {
        pending.add(new Pending(rule, rule.count(), rule.after()));
    }

    public synchronized void clear() {
        pending.clear();
    }

    public synchronized List<Map<String, Object>> describe() {
        return pending.stream()
                .map(p -> Map.<String, Object>of("rule", p.rule, "remaining", p.remaining, "waiting", p.waiting))
                .toList();
    }

    /**
     * The next {@code corrupt} fault for a page of {@code records} records served at {@code path}, taken;
     * or null. A fault waits for a page that has a record at its position.
     */
    public FaultRule takeCorruption(String path, int records) {
        FaultRule rule = take(path, r -> r.kind().equals("corrupt") && r.position() < records);
        if (rule != null) {
            stats.fault(path, rule.kind());
        }
        return rule;
    }

    private synchronized FaultRule take(String path, java.util.function.Predicate<FaultRule> which) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (which.test(p.rule) && path.startsWith(p.rule.pathPrefix())) {
                if (p.waiting > 0) {
                    p.waiting--;
                    continue;
                }
                if (--p.remaining == 0) {
                    it.remove();
                }
                return p.rule;
            }
        }
        return null;
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        FaultRule rule = path.startsWith("/api/") ? take(path, r -> !r.kind().equals("corrupt")) : null;
        if (rule == null) {
            ctx.next();
            return;
        }
        stats.fault(path, rule.kind());
        switch (rule.kind()) {
            case "error" ->
                ctx.response()
                        .setStatusCode(rule.status())
                        .putHeader("Content-Type", "application/json")
                        .end("{\"message\":\"Simulated failure (status " + rule.status() + ")\"}");
            case "delay" -> ctx.vertx().setTimer(rule.delayMillis(), id -> ctx.next());
            default -> ctx.request().connection().close();
        }
    }

    private static final class Pending {
        final FaultRule rule;
        int remaining;
        int waiting;

        Pending(FaultRule rule, int remaining, int waiting) {
            this.rule = rule;
            this.remaining = remaining;
            this.waiting = waiting;
        }
    }
}
