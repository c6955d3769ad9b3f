package org.opence.simulator.splunk.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.opence.simulator.splunk.ack.AckRegistry;
import org.opence.simulator.splunk.auth.HecToken;
import org.opence.simulator.splunk.auth.TokenRegistry;
import org.opence.simulator.splunk.store.EventStore;

/** The simulator's own control and inspection API (not part of Splunk's). */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    private final FaultInjector faults;
    private final RequestStats stats;
    private final EventStore store;
    private final AckRegistry acks;
    private final TokenRegistry tokens;

    public ControlResource(
            FaultInjector faults, RequestStats stats, EventStore store, AckRegistry acks, TokenRegistry tokens) {
        this.faults = faults;
        this.stats = stats;
        this.store = store;
        this.acks = acks;
        this.tokens = tokens;
    }

    @POST
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addFault(FaultRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("a fault rule is required");
        }
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

    /** The newest indexed events kept in memory, oldest first, optionally of one index or sourcetype. */
    @GET
    @Path("/events")
    public EventStore.Page events(
            @QueryParam("index") String index,
            @QueryParam("sourcetype") String sourcetype,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > store.maxEvents()) {
            throw new IllegalArgumentException("limit must be within 1.." + store.maxEvents());
        }
        return store.find(blankToNull(index), blankToNull(sourcetype), limit);
    }

    /** Forgets the indexed events and their counters. */
    @DELETE
    @Path("/events")
    public Response clearEvents() {
        store.clear();
        return Response.noContent().build();
    }

    /** Requests per endpoint and outcome, bytes, events per index, channels with pending ackIds. */
    @GET
    @Path("/stats")
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", stats.requests());
        out.put("bytes", stats.bytes());
        out.put("events", store.stats());
        out.put("channels", acks.describe());
        return out;
    }

    /** Adds or replaces a token: {@code {"token": "t", "indexes": ["main", "*"], "ack": true}}. */
    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putToken(TokenRequest request) {
        if (request == null || request.token() == null) {
            throw new IllegalArgumentException("token is required");
        }
        List<String> indexes = request.indexes() == null ? List.of() : request.indexes();
        tokens.put(HecToken.parse(request.token(), indexes, request.ack(), request.disabled()));
        return Response.status(201).entity(Map.of("tokens", tokens.describe())).build();
    }

    @GET
    @Path("/tokens")
    public Map<String, Object> tokens() {
        return Map.of("tokens", tokens.describe());
    }

    /** Forgets events, counters, faults and channels with their ackIds; tokens stay. */
    @POST
    @Path("/reset")
    public Response reset() {
        store.clear();
        stats.clear();
        faults.clear();
        acks.clear();
        return Response.noContent().build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public record TokenRequest(String token, List<String> indexes, boolean ack, boolean disabled) {}
}
