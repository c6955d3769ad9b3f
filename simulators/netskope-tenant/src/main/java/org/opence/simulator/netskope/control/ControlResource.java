package org.opence.simulator.netskope.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.opence.simulator.netskope.auth.AccessGuard;
import org.opence.simulator.netskope.auth.TokenRegistry;
import org.opence.simulator.netskope.data.StreamKey;
import org.opence.simulator.netskope.data.TenantData;
import org.opence.simulator.netskope.dataexport.IteratorService;

/** The simulator's own control and inspection API (not part of Netskope's API). */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    private final FaultInjector faults;
    private final ServedStats stats;
    private final TokenRegistry tokens;
    private final IteratorService iterator;
    private final AccessGuard guard;
    private final TenantData data;

    public ControlResource(
            FaultInjector faults,
            ServedStats stats,
            TokenRegistry tokens,
            IteratorService iterator,
            AccessGuard guard,
            TenantData data) {
        this.faults = faults;
        this.stats = stats;
        this.tokens = tokens;
        this.iterator = iterator;
        this.guard = guard;
        this.data = data;
    }

    @POST
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addFault(FaultRule rule) {
        faults.add(rule);
        return Response.status(201).entity(Map.of("faults", faults.describe())).build();
    }

    @GET
    @Path("/faults")
    public Map<String, Object> faults() {
        return Map.of("faults", faults.describe());
    }

    @DELETE
    @Path("/faults")
    public Response clearFaults() {
        faults.clear();
        return Response.noContent().build();
    }

    /** Calls and records served per endpoint, iterator positions, and what each stream holds now. */
    @GET
    @Path("/stats")
    public Map<String, Object> stats() {
        Map<String, Object> streams = new LinkedHashMap<>();
        for (StreamKey key : StreamKey.all()) {
            streams.put(
                    key.id(),
                    Map.of(
                            "available",
                            data.available(key),
                            "historyStart",
                            data.timeline(key).historyStart()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", (long) Math.floor(data.now()));
        out.put("served", stats.snapshot());
        out.put("damaged", stats.damaged());
        out.put("indexes", iterator.describe());
        out.put("streams", streams);
        return out;
    }

    /** Adds or replaces a v2 token: {@code {"token": "...", "scopes": ["read:/api/v2/events/dataexport/*"]}}. */
    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putToken(TokenRequest request) {
        if (request == null || request.token() == null) {
            throw new IllegalArgumentException("token is required");
        }
        if (request.v1()) {
            tokens.addV1(request.token());
        } else {
            tokens.putV2(request.token(), request.scopes() == null ? List.of() : request.scopes());
        }
        return Response.status(201).entity(Map.of("tokens", tokens.describe())).build();
    }

    @GET
    @Path("/tokens")
    public Map<String, Object> tokens() {
        return Map.of("tokens", tokens.describe());
    }

    /** Forgets iterator positions, counters, faults and rate-limit windows; the data stays as it is. */
    @POST
    @Path("/reset")
    public Response reset() {
        iterator.reset();
        stats.clear();
        faults.clear();
        guard.resetLimits();
        return Response.noContent().build();
    }

    public record TokenRequest(String token, List<String> scopes, boolean v1) {}
}
