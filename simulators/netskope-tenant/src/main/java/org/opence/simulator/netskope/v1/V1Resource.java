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
import jakarta.ws.rs.core.UriInfo;

import org.opence.simulator.netskope.api.RecordsJson;
import org.opence.simulator.netskope.data.StreamKey.Family;

/** {@code GET|POST /api/v1/alerts} and {@code /api/v1/events}; parameters in the query or the body. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class V1Resource {

    private final V1Service service;

    public V1Resource(V1Service service) {
        this.service = service;
    }

    @GET
    @Path("/alerts")
    public RecordsJson alerts(@Context UriInfo uri) {
        return new RecordsJson(service.query(Family.ALERTS, params(uri, null)));
    }

    @POST
    @Path("/alerts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RecordsJson alertsForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return new RecordsJson(service.query(Family.ALERTS, params(uri, form)));
    }

    @POST
    @Path("/alerts")
    @Consumes(MediaType.APPLICATION_JSON)
    public RecordsJson alertsJson(@Context UriInfo uri, Map<String, Object> body) {
        return new RecordsJson(service.query(Family.ALERTS, params(uri, body)));
    }

    @GET
    @Path("/events")
    public RecordsJson events(@Context UriInfo uri) {
        return new RecordsJson(service.query(Family.EVENTS, params(uri, null)));
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RecordsJson eventsForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return new RecordsJson(service.query(Family.EVENTS, params(uri, form)));
    }

    @POST
    @Path("/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public RecordsJson eventsJson(@Context UriInfo uri, Map<String, Object> body) {
        return new RecordsJson(service.query(Family.EVENTS, params(uri, body)));
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
