package org.opence.cls.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.security.Roles;

/**
 * {@code /api/cls/statistics} (delivery figures per destination) and {@code /api/cls/parked}
 * (records that could not be delivered: list, look at, replay, discard). Everyone reads; admins
 * replay and discard.
 */
@Path("/api/cls")
@Tag(name = "Log Shipper")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private static final int MAX_BULK = 1000;

    private final DeliveryPipeline pipeline;
    private final DeliveryStatistics statistics;
    private final ParkedBatches parked;
    private final DeliveryServices services;

    public DeliveryResource(
            DeliveryPipeline pipeline, DeliveryStatistics statistics, ParkedBatches parked, DeliveryServices services) {
        this.pipeline = pipeline;
        this.statistics = statistics;
        this.parked = parked;
        this.services = services;
    }

    /** Figures per destination, with each SIEM mapping that sends to it. */
    public record Statistics(Instant at, List<DeliveryStatistics.DestinationView> destinations) {}

    @GET
    @Path("/statistics")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(
            summary = "Delivery figures per destination: records and bytes sent, retried, parked, filtered,"
                    + " events/s over the last minute, lag, backlog")
    public Statistics statistics() {
        return new Statistics(Instant.now(), statistics.view(pipeline.routes()));
    }

    @GET
    @Path("/parked")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "Parked batches, newest first; page with 'before' = the previous page's nextBefore")
    public ParkedBatches.Page list(
            @QueryParam("mapping") String mapping,
            @QueryParam("destination") String destination,
            @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("before") String before) {
        return parked.list(mapping, destination, limit, before);
    }

    @GET
    @Path("/parked/{id}")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One parked batch with its records as the tenant sent them")
    public ParkedBatches.Detail get(@PathParam("id") String id) throws IOException {
        return parked.get(id);
    }

    @POST
    @Path("/parked/{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a parked batch again (formatted with the mapping file of now)")
    public Map<String, Integer> replay(@PathParam("id") String id) throws IOException {
        ParkedBatches.Handled handled = parked.replay(id);
        services.parkedChanged(Set.of(handled.destination()));
        return Map.of("records", handled.records(), "batches", 1);
    }

    @DELETE
    @Path("/parked/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Discard a parked batch for good (audited)")
    public Map<String, Integer> discard(@PathParam("id") String id) {
        ParkedBatches.Handled handled = parked.discard(id);
        services.parkedChanged(Set.of(handled.destination()));
        return Map.of("records", handled.records(), "batches", 1);
    }

    @POST
    @Path("/parked/replay")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send again up to 1000 parked batches of a SIEM mapping and/or destination, oldest first")
    public Map<String, Integer> replayAll(
            @QueryParam("mapping") String mapping, @QueryParam("destination") String destination) throws IOException {
        int records = 0;
        int batches = 0;
        Set<String> destinations = new HashSet<>();
        try {
            for (String id : parked.ids(mapping, destination, MAX_BULK)) {
                ParkedBatches.Handled handled = parked.replay(id);
                destinations.add(handled.destination());
                records += handled.records();
                batches++;
            }
        } finally {
            services.parkedChanged(destinations);
        }
        return Map.of("records", records, "batches", batches);
    }

    @POST
    @Path("/parked/discard")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Discard up to 1000 parked batches of a SIEM mapping and/or destination (audited)")
    public Map<String, Integer> discardAll(
            @QueryParam("mapping") String mapping, @QueryParam("destination") String destination) {
        int records = 0;
        int batches = 0;
        Set<String> destinations = new HashSet<>();
        try {
            for (String id : parked.ids(mapping, destination, MAX_BULK)) {
                ParkedBatches.Handled handled = parked.discard(id);
                destinations.add(handled.destination());
                records += handled.records();
                batches++;
            }
        } finally {
            services.parkedChanged(destinations);
        }
        return Map.of("records", records, "batches", batches);
    }
}
