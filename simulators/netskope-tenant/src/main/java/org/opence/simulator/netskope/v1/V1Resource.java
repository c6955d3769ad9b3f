package org.opence.simulator.netskope.v1;

import java.util.HashMap;
import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.opence.simulator.netskope.api.DamagedPage;
import org.opence.simulator.netskope.api.RecordsJson;
import org.opence.simulator.netskope.control.FaultInjector;
import org.opence.simulator.netskope.control.FaultRule;
import org.opence.simulator.netskope.control.ServedStats;
import org.opence.simulator.netskope.data.StreamKey.Family;

/** {@code GET|POST /api/v1/alerts} and {@code /api/v1/events}; parameters in the query or the body. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class V1Resource {

    private final V1Service service;
    private final FaultInjector faults;
    private final ServedStats stats;

    public V1Resource(V1Service service, FaultInjector faults, ServedStats stats) {
        this.service = service;
        this.faults = faults;
        this.stats = stats;
    }

    @GET
    @Path("/alerts")
    public Response alerts(@Context UriInfo uri) {
        return answer(Family.ALERTS, params(uri, null));
    }

    @POST
    @Path("/alerts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response alertsForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return answer(Family.ALERTS, params(uri, form));
    }

    @POST
    @Path("/alerts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response alertsJson(@Context UriInfo uri, Map<String, Object> body) {
        return answer(Family.ALERTS, params(uri, body));
    }

    @GET
    @Path("/events")
    public Response events(@Context UriInfo uri) {
        return answer(Family.EVENTS, params(uri, null));
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response eventsForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return answer(Family.EVENTS, params(uri, form));
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response eventsJson(@Context UriInfo uri, Map<String, Object> body) {
        return answer(Family.EVENTS, params(uri, body));
    }

    /** The page, or the page damaged as a {@code corrupt} fault asks. */
    private Response answer(Family family, Map<String, String> params) {
        Map<String, Object> body = service.query(family, params);
        String path = "/api/v1/" + family.path();
        FaultRule corrupt = faults.takeCorruption(path, ((java.util.List<?>) body.get("data")).size());
        if (corrupt == null) {
            return Response.ok(new RecordsJson(body), MediaType.APPLICATION_JSON)
                    .build();
        }
        try {
            DamagedPage.Result damaged = DamagedPage.of(body, "data", corrupt);
            stats.damaged(path, damaged.damaged());
            return Response.ok(damaged.body(), MediaType.APPLICATION_JSON).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Query parameters, overridden by body fields of the same name. */
    private static Map<String, String> params(UriInfo uri, Object body) {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> params.put(k, v.isEmpty() ? null : v.get(0)));
        if (body instanceof MultivaluedMap<?, ?> form) {
            form.forEach((k, v) -> params.put(String.valueOf(k), v.isEmpty() ? null : String.valueOf(v.get(0))));
        } else if (body instanceof Map<?, ?> json) {
            json.forEach((k, v) -> params.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        return params;
    }
}
