package org.opence.cls.mapping;

import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.cls.siem.SiemMappings;
import org.opence.common.security.Roles;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /api/cls/mapping-files}: list, read, download; admins upload, edit, copy and delete their own files. */
@Path("/api/cls/mapping-files")
@Tag(name = "Log Shipper")
@Produces(MediaType.APPLICATION_JSON)
public class MappingFileResource {

    private final MappingFiles files;
    private final SiemMappings siemMappings;

    public MappingFileResource(MappingFiles files, SiemMappings siemMappings) {
        this.files = files;
        this.siemMappings = siemMappings;
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "Shipped defaults (read-only) and the users' mapping files")
    public List<MappingFiles.Summary> list() {
        return files.list();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One mapping file as JSON")
    public JsonNode get(@PathParam("name") String name) {
        return files.get(name).toJsonTree();
    }

    @GET
    @Path("/{name}/download")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One mapping file as a JSON attachment")
    public Response download(@PathParam("name") String name) {
        return Response.ok(files.get(name).toJson())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json\"")
                .build();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a mapping file; every problem is reported at its JSON path")
    public Response create(JsonNode json) {
        return Response.status(201).entity(files.create(json).toJsonTree()).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a user's mapping file (shipped defaults are read-only)")
    public JsonNode update(@PathParam("name") String name, JsonNode json) {
        return files.update(name, json).toJsonTree();
    }

    /** The copy's name and description. */
    public record CopyRequest(String name, String description) {}

    @POST
    @Path("/{name}/copy")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy a mapping file (a shipped default included) under a new name, to edit it")
    public Response copy(@PathParam("name") String name, CopyRequest request) {
        return Response.status(201)
                .entity(files.copy(
                                name,
                                request == null ? null : request.name(),
                                request == null ? null : request.description())
                        .toJsonTree())
                .build();
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a user's mapping file that no SIEM mapping uses")
    public Response delete(@PathParam("name") String name) {
        files.delete(name, siemMappings.usingMappingFile(name));
        return Response.noContent().build();
    }
}
