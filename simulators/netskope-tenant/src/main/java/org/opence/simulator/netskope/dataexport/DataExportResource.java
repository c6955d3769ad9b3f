package org.opence.simulator.netskope.dataexport;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.opence.simulator.netskope.api.ApiException;
import org.opence.simulator.netskope.api.DamagedPage;
import org.opence.simulator.netskope.api.RecordsJson;
import org.opence.simulator.netskope.auth.AccessGuard;
import org.opence.simulator.netskope.control.FaultInjector;
import org.opence.simulator.netskope.control.FaultRule;
import org.opence.simulator.netskope.control.ServedStats;
import org.opence.simulator.netskope.data.StreamKey;
import org.opence.simulator.netskope.data.StreamKey.Family;

/** {@code GET /api/v2/events/dataexport/{events|alerts}/{type}?index=&operation=}. */
@Path("/api/v2/events/dataexport")
@Produces(MediaType.APPLICATION_JSON)
public class DataExportResource {

    private final IteratorService iterator;
    private final AccessGuard guard;
    private final FaultInjector faults;
    private final ServedStats stats;

    public DataExportResource(IteratorService iterator, AccessGuard guard, FaultInjector faults, ServedStats stats) {
        this.iterator = iterator;
        this.guard = guard;
        this.faults = faults;
        this.stats = stats;
    }

    @GET
    @Path("/events/{type}")
    public Response events(
            @PathParam("type") String type,
            @QueryParam("index") String index,
            @QueryParam("operation") String operation,
            @HeaderParam("Netskope-Api-Token") String token)
            throws IOException {
        return page(Family.EVENTS, type, index, operation, token);
    }

    @GET
    @Path("/alerts/{subtype}")
    public Response alerts(
            @PathParam("subtype") String subtype,
            @QueryParam("index") String index,
            @QueryParam("operation") String operation,
            @HeaderParam("Netskope-Api-Token") String token)
            throws IOException {
        return page(Family.ALERTS, subtype, index, operation, token);
    }

    private Response page(Family family, String name, String index, String operation, String token) throws IOException {
        StreamKey stream = StreamKey.of(family, name)
                .orElseThrow(() -> ApiException.v2(404, "Unknown " + family.path() + " type '" + name + "'"));
        Map<String, String> rateHeaders = guard.checkV2(token, false, stream.path());
        IteratorService.Page page = iterator.fetch(stream, index, operation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", 1);
        body.put("result", page.result());
        body.put("wait_time", page.waitTime());
        body.put("timestamp_hwm", page.timestampHwm());
        FaultRule corrupt = faults.takeCorruption(stream.path(), page.result().size());
        Response.ResponseBuilder response;
        if (corrupt == null) {
            response = Response.ok(new RecordsJson(body), MediaType.APPLICATION_JSON);
        } else {
            DamagedPage.Result damaged = DamagedPage.of(body, "result", corrupt);
            stats.damaged(stream.path(), damaged.damaged());
            response = Response.ok(damaged.body(), MediaType.APPLICATION_JSON);
        }
        rateHeaders.forEach(response::header);
        return response.build();
    }
}
