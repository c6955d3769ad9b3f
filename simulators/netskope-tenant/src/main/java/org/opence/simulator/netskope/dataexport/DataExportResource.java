package org.opence.simulator.netskope.dataexport;

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
import org.opence.simulator.netskope.api.RecordsJson;
import org.opence.simulator.netskope.auth.AccessGuard;
import org.opence.simulator.netskope.data.StreamKey;
import org.opence.simulator.netskope.data.StreamKey.Family;

/** {@code GET /api/v2/events/dataexport/{events|alerts}/{type}?index=&operation=}. */
@Path("/api/v2/events/dataexport")
@Produces(MediaType.APPLICATION_JSON)
public class DataExportResource {

    private final IteratorService iterator;
    private final AccessGuard guard;

    public DataExportResource(IteratorService iterator, AccessGuard guard) {
        this.iterator = iterator;
        this.guard = guard;
    }

    @GET
    @Path("/events/{type}")
    public Response events(
            @PathParam("type") String type,
            @QueryParam("index") String index,
            @QueryParam("operation") String operation,
            @HeaderParam("Netskope-Api-Token") String token) {
        return page(Family.EVENTS, type, index, operation, token);
    }

    @GET
    @Path("/alerts/{subtype}")
    public Response alerts(
            @PathParam("subtype") String subtype,
            @QueryParam("index") String index,
            @QueryParam("operation") String operation,
            @HeaderParam("Netskope-Api-Token") String token) {
        return page(Family.ALERTS, subtype, index, operation, token);
    }

    private Response page(Family family, String name, String index, String operation, String token) {
        StreamKey stream = StreamKey.of(family, name)
                .orElseThrow(() -> ApiException.v2(404, "Unknown " + family.path() + " type '" + name + "'"));
        Map<String, String> rateHeaders = guard.checkV2(token, false, stream.path());
        IteratorService.Page page = iterator.fetch(stream, index, operation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", 1);
        body.put("result", page.result());
        body.put("wait_time", page.waitTime());
        body.put("timestamp_hwm", page.timestampHwm());
        Response.ResponseBuilder response = Response.ok(new RecordsJson(body), MediaType.APPLICATION_JSON);
        rateHeaders.forEach(response::header);
        return response.build();
    }
}
