package org.opence.simulator.splunk.control;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.opence.simulator.splunk.hec.Endpoints;
import org.opence.simulator.splunk.hec.HecCode;
import org.opence.simulator.splunk.hec.HecResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the faults switched on through the control API. Busy, error, delay and drop sit in front of
 * every collector route, so they hit a request before authentication or parsing, as a collector that
 * failed before doing the work; lose-acks is taken by the ingest once it has accepted a request.
 */
@ApplicationScoped
public class FaultInjector {

    private static final String LOSE = "lose-acks";

    private final RequestStats stats;
    private final ObjectMapper json;
    private final List<Pending> pending = new ArrayList<>();

    public FaultInjector(RequestStats stats, ObjectMapper json) {
        this.stats = stats;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::handle);
    }

    public synchronized void add(FaultRule rule) {
        pending.add(new Pending(rule, rule.count()));
    }

    public synchronized void clear() {
        pending.clear();
    }

    public synchronized List<Map<String, Object>> describe() {
        return pending.stream()
                .map(p -> Map.<String, Object>of("rule", p.rule, "remaining", p.remaining))
                .toList();
    }

    /** Whether a busy fault is pending: the health endpoint then reports full queues. */
    public synchronized boolean busy() {
        return pending.stream().anyMatch(p -> p.rule.kind().equals("busy"));
    }

    /** Takes one lose-acks fault for an accepted data request; {@code true}: lose its events. */
    public boolean takeLose(String path) {
        FaultRule rule = take(path, Endpoints.of(path), true);
        if (rule == null) {
            return false;
        }
        stats.outcome(Endpoints.of(path), "fault-" + LOSE);
        return true;
    }

    private synchronized FaultRule take(String path, String endpoint, boolean lose) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.rule.kind().equals(LOSE) == lose && p.rule.hits(path, endpoint)) {
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
        String endpoint = Endpoints.of(path);
        FaultRule rule = path.startsWith(Endpoints.PREFIX) ? take(path, endpoint, false) : null;
        if (rule == null) {
            ctx.next();
            return;
        }
        stats.outcome(endpoint, "fault-" + rule.kind());
        switch (rule.kind()) {
            case "busy" -> answer(ctx, HecCode.SERVER_BUSY.httpStatus(), HecResponse.of(HecCode.SERVER_BUSY));
            case "error" -> answer(ctx, rule.status(), errorBody(rule.status()));
            case "delay" -> ctx.vertx().setTimer(rule.delayMillis(), id -> ctx.next());
            default -> ctx.request().connection().close();
        }
    }

    /** The HEC body of an injected error: the documented one for 500 and 503, a generic one otherwise. */
    private static HecResponse errorBody(int status) {
        return switch (status) {
            case 500 -> HecResponse.of(HecCode.INTERNAL_SERVER_ERROR);
            case 503 -> HecResponse.of(HecCode.SERVER_BUSY);
            default -> new HecResponse("Simulated failure (status " + status + ")", 8, null, null);
        };
    }

    private void answer(RoutingContext ctx, int status, HecResponse body) {
        try {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    private static final class Pending {
        final FaultRule rule;
        int remaining;

        Pending(FaultRule rule, int remaining) {
            this.rule = rule;
            this.remaining = remaining;
        }
    }
}
