package org.opence.simulator.splunk.hec;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.opence.simulator.splunk.auth.Authenticator;
import org.opence.simulator.splunk.control.FaultInjector;
import org.opence.simulator.splunk.control.RequestStats;

/** The HTTP Event Collector endpoints under {@code /services/collector}. */
@Path(Endpoints.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CollectorResource {

    private final IngestService ingest;
    private final Authenticator auth;
    private final FaultInjector faults;
    private final RequestStats stats;

    public CollectorResource(IngestService ingest, Authenticator auth, FaultInjector faults, RequestStats stats) {
        this.ingest = ingest;
        this.auth = auth;
        this.faults = faults;
        this.stats = stats;
    }

    @POST
    public Response collector(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return answer(Endpoints.EVENT, ingest::events, headers, uri, body);
    }

    @POST
    @Path("/event")
    public Response event(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return answer(Endpoints.EVENT, ingest::events, headers, uri, body);
    }

    @POST
    @Path("/event/1.0")
    public Response event10(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return answer(Endpoints.EVENT, ingest::events, headers, uri, body);
    }

    @POST
    @Path("/raw")
    public Response raw(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return answer(Endpoints.RAW, ingest::raw, headers, uri, body);
    }

    @POST
    @Path("/raw/1.0")
    public Response raw10(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return answer(Endpoints.RAW, ingest::raw, headers, uri, body);
    }

    @POST
    @Path("/ack")
    public Response ack(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return answer(Endpoints.ACK, ingest::ack, headers, uri, body);
    }

    /** Needs no token; a token sent must be valid. Unhealthy (503 code 18) while a busy fault is pending. */
    @GET
    @Path("/health")
    public Response health(@HeaderParam("Authorization") String authorization) {
        try {
            auth.checkForHealth(authorization);
        } catch (HecException e) {
            stats.outcome(Endpoints.HEALTH, e.outcome());
            throw e;
        }
        HecCode state = faults.busy() ? HecCode.UNHEALTHY_QUEUES_FULL : HecCode.HEALTHY;
        stats.outcome(Endpoints.HEALTH, state.outcome());
        return Response.status(state.httpStatus()).entity(HecResponse.of(state)).build();
    }

    @GET
    @Path("/health/1.0")
    public Response health10(@HeaderParam("Authorization") String authorization) {
        return health(authorization);
    }

    /** Runs the call and counts its outcome; refusals go on to {@link HecExceptionMapper}. */
    private Response answer(
            String endpoint, Function<HecRequest, Object> call, HttpHeaders headers, UriInfo uri, byte[] body) {
        Object answer;
        try {
            answer = call.apply(request(headers, uri, body));
        } catch (HecException e) {
            stats.outcome(endpoint, e.outcome());
            throw e;
        }
        stats.outcome(endpoint, HecCode.SUCCESS.outcome());
        return Response.ok(answer).build();
    }

    private static HecRequest request(HttpHeaders headers, UriInfo uri, byte[] body) {
        Map<String, String> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        return new HecRequest(
                uri.getPath(),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                query.get("token"),
                headers.getHeaderString("X-Splunk-Request-Channel"),
                query.get("channel"),
                headers.getHeaderString("Content-Encoding"),
                headers.getHeaderString(HttpHeaders.HOST),
                query,
                body);
    }
}
