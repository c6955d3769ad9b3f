package org.opence.simulator.netskope.push;

import java.util.List;
import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.opence.simulator.netskope.api.ApiException;
import org.opence.simulator.netskope.auth.AccessGuard;

/** The v2 calls modules use to push to the tenant: URL lists, UCI, SCIM and incident updates. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PushResource {

    private static final String URLLIST = "/api/v2/policy/urllist";

    private final AccessGuard guard;
    private final UrlListService urlLists;
    private final FileHashListService fileHashes;
    private final UciService uci;
    private final ScimService scim;
    private final IncidentService incidents;

    public PushResource(
            AccessGuard guard,
            UrlListService urlLists,
            FileHashListService fileHashes,
            UciService uci,
            ScimService scim,
            IncidentService incidents) {
        this.guard = guard;
        this.urlLists = urlLists;
        this.fileHashes = fileHashes;
        this.uci = uci;
        this.scim = scim;
        this.incidents = incidents;
    }

    @GET
    @Path("/policy/urllist")
    public Response listUrlLists(
            @HeaderParam("Netskope-Api-Token") String token, @HeaderParam("Authorization") String auth) {
        return ok(check(token, auth, false, URLLIST), urlLists.all());
    }

    @POST
    @Path("/policy/urllist")
    public Response createUrlList(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            UrlListBody body) {
        Map<String, String> headers = check(token, auth, true, URLLIST);
        UrlListBody b = required(body);
        return ok(headers, urlLists.create(b.name(), b.data().urls(), b.data().type()));
    }

    @PATCH
    @Path("/policy/urllist/{id}/append")
    public Response append(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            @PathParam("id") int id,
            UrlListBody body) {
        Map<String, String> headers = check(token, auth, true, URLLIST + "/{id}/append");
        UrlListBody b = required(body);
        return ok(headers, urlLists.append(id, b.data().urls(), b.data().type()));
    }

    @PATCH
    @Path("/policy/urllist/{id}/replace")
    public Response replace(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            @PathParam("id") int id,
            UrlListBody body) {
        Map<String, String> headers = check(token, auth, true, URLLIST + "/{id}/replace");
        UrlListBody b = required(body);
        return ok(headers, urlLists.replace(id, b.data().urls(), b.data().type()));
    }

    /** Applies every pending change of the tenant: URL lists and file-hash lists alike. */
    @POST
    @Path("/policy/urllist/deploy")
    public Response deploy(@HeaderParam("Netskope-Api-Token") String token, @HeaderParam("Authorization") String auth) {
        Map<String, String> headers = check(token, auth, true, URLLIST + "/deploy");
        fileHashes.deploy();
        return ok(headers, urlLists.deploy());
    }

    @POST
    @Path("/incidents/uba/getuci")
    public Response getUci(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            Map<String, Object> body) {
        Map<String, String> headers = check(token, auth, false, "/api/v2/incidents/uba/getuci");
        Map<String, Object> b = body == null ? Map.of() : body;
        return ok(
                headers,
                uci.get(
                        strings(b.get("users")),
                        b.get("fromTime") instanceof Number n ? n.longValue() : 0,
                        b.get("capPerUser") instanceof Number c ? c.intValue() : 0));
    }

    @POST
    @Path("/incidents/user/uciimpact")
    public Response uciImpact(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            Map<String, Object> body) {
        Map<String, String> headers = check(token, auth, true, "/api/v2/incidents/user/uciimpact");
        return ok(headers, uci.impact(body == null ? Map.of() : body));
    }

    @POST
    @Path("/incidents/users/uci/reset")
    public Response uciReset(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            Map<String, Object> body) {
        Map<String, String> headers = check(token, auth, true, "/api/v2/incidents/users/uci/reset");
        return ok(headers, uci.reset(strings(body == null ? null : body.get("users"))));
    }

    @POST
    @Path("/incidents/update")
    public Response updateIncidents(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            Map<String, Object> body) {
        Map<String, String> headers = check(token, auth, true, "/api/v2/incidents/update");
        return ok(headers, incidents.update(body));
    }

    @GET
    @Path("/scim/Users")
    public Response scimUsers(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            @QueryParam("filter") String filter) {
        return ok(check(token, auth, false, "/api/v2/scim/Users"), scim.listUsers(filter));
    }

    @POST
    @Path("/scim/Users")
    public Response scimCreateUser(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            Map<String, Object> body) {
        Map<String, String> headers = check(token, auth, true, "/api/v2/scim/Users");
        return status(201, headers, scim.createUser(body == null ? Map.of() : body));
    }

    @GET
    @Path("/scim/Groups")
    public Response scimGroups(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            @QueryParam("filter") String filter) {
        return ok(check(token, auth, false, "/api/v2/scim/Groups"), scim.listGroups(filter));
    }

    @POST
    @Path("/scim/Groups")
    public Response scimCreateGroup(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            Map<String, Object> body) {
        Map<String, String> headers = check(token, auth, true, "/api/v2/scim/Groups");
        return status(201, headers, scim.createGroup(body == null ? Map.of() : body));
    }

    @PATCH
    @Path("/scim/Groups/{id}")
    public Response scimPatchGroup(
            @HeaderParam("Netskope-Api-Token") String token,
            @HeaderParam("Authorization") String auth,
            @PathParam("id") String id,
            Map<String, Object> body) {
        Map<String, String> headers = check(token, auth, true, "/api/v2/scim/Groups/{id}");
        return ok(headers, scim.patchGroup(id, body == null ? Map.of() : body));
    }

    /** Management calls take the token in {@code Netskope-Api-Token} or as {@code Authorization: Bearer}. */
    private Map<String, String> check(String token, String authorization, boolean write, String path) {
        String t = token;
        if (t == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            t = authorization.substring(7).trim();
        }
        return guard.checkV2(t, write, path);
    }

    private static UrlListBody required(UrlListBody body) {
        if (body == null || body.data() == null) {
            throw ApiException.v2(
                    400, "body must be {\"name\", \"data\": {\"urls\": [...], \"type\": \"exact\"|\"regex\"}}");
        }
        return body;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw ApiException.v2(400, "users must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static Response ok(Map<String, String> headers, Object body) {
        return status(200, headers, body);
    }

    private static Response status(int status, Map<String, String> headers, Object body) {
        Response.ResponseBuilder r = Response.status(status).entity(body);
        headers.forEach(r::header);
        return r.build();
    }

    public record UrlListBody(String name, UrlListData data) {}

    public record UrlListData(List<String> urls, String type) {}
}
