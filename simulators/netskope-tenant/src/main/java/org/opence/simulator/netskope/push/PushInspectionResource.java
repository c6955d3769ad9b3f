package org.opence.simulator.netskope.push;

import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /sim/pushed}: what modules pushed to the tenant (simulator control API, not Netskope's). */
@Path("/sim/pushed")
@Produces(MediaType.APPLICATION_JSON)
public class PushInspectionResource {

    private final UrlListService urlLists;
    private final FileHashListService fileHashes;
    private final UciService uci;
    private final ScimService scim;
    private final IncidentService incidents;

    public PushInspectionResource(
            UrlListService urlLists,
            FileHashListService fileHashes,
            UciService uci,
            ScimService scim,
            IncidentService incidents) {
        this.urlLists = urlLists;
        this.fileHashes = fileHashes;
        this.uci = uci;
        this.scim = scim;
        this.incidents = incidents;
    }

    @GET
    public Map<String, Object> pushed() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("urlLists", urlLists.inspect());
        out.put("fileHashLists", fileHashes.inspect());
        out.put("uci", uci.inspect());
        out.put("scim", scim.inspect());
        out.put("incidentUpdates", incidents.inspect());
        return out;
    }

    /** Forget everything pushed. */
    @DELETE
    public Response clear() {
        urlLists.clear();
        fileHashes.clear();
        uci.clear();
        scim.clear();
        incidents.clear();
        return Response.noContent().build();
    }
}
