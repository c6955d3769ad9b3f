package org.opence.simulator.netskope.push;

import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.opence.simulator.netskope.auth.AccessGuard;

/** {@code POST /api/v1/updateFileHashList?token=...} with {@code {"name", "list": "h1,h2,..."}}. */
@Path("/api/v1/updateFileHashList")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FileHashResource {

    private static final String PATH = "/api/v1/updateFileHashList";

    private final AccessGuard guard;
    private final FileHashListService service;

    public FileHashResource(AccessGuard guard, FileHashListService service) {
        this.guard = guard;
        this.service = service;
    }

    @POST
    public Map<String, Object> update(@QueryParam("token") String queryToken, Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        String token = queryToken != null ? queryToken : (String) b.get("token");
        guard.checkV1(token, PATH);
        return service.replace((String) b.get("name"), (String) b.get("list"));
    }
}
