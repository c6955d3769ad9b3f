package org.opence.cls.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.audit.AuditTrail;
import org.opence.common.error.Problem;
import org.opence.common.error.ProblemException;
import org.opence.common.store.Store;
import org.opence.mapping.MappingDefaults;
import org.opence.mapping.MappingFile;
import org.opence.mapping.MappingFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * Mapping files: the shipped defaults (read-only, from {@link MappingDefaults}) and the users' own in
 * {@code cls_mapping_files}. A file is validated as a whole and every problem is reported at its JSON
 * path ({@code mappingFile.taxonomy.alerts.malware.extension.src.transformation}).
 */
@ApplicationScoped
public class MappingFiles {

    /** One line of the list. */
    public record Summary(String name, String description, String format, boolean readOnly, Instant updatedAt) {}

    private final MongoCollection<Document> files;
    private final ObjectMapper mapper;
    private final AuditTrail audit;

    public MappingFiles(Store store, ObjectMapper mapper, AuditTrail audit) {
        this.files = store.collection("cls_mapping_files");
        this.mapper = mapper;
        this.audit = audit;
    }

    public List<Summary> list() {
        List<Summary> all = new ArrayList<>();
        for (MappingFile f : MappingDefaults.all()) {
            all.add(new Summary(f.name(), f.description(), f.format().name(), true, null));
        }
        files.find().sort(Sorts.ascending("name")).forEach(d -> {
            MappingFile f = MappingFile.parse(d.getString("json"));
            all.add(new Summary(
                    f.name(),
                    f.description(),
                    f.format().name(),
                    false,
                    d.getDate("updatedAt").toInstant()));
        });
        return all;
    }

    public Optional<MappingFile> find(String name) {
        Optional<MappingFile> shipped = MappingDefaults.get(name);
        if (shipped.isPresent()) {
            return shipped;
        }
        Document d = files.find(Filters.eq("name", name)).first();
        return d == null ? Optional.empty() : Optional.of(MappingFile.parse(d.getString("json")));
    }

    public MappingFile get(String name) {
        return find(name).orElseThrow(() -> new ProblemException.NotFound("No mapping file named '" + name + "'."));
    }

    /** Creates a user file from its JSON; a shipped default's name cannot be taken. */
    public MappingFile create(JsonNode json) {
        MappingFile file = parse(json);
        if (MappingDefaults.get(file.name()).isPresent()) {
            throw ProblemException.Invalid.field(
                    "name", "'" + file.name() + "' is a shipped default; choose another name (or copy the default)");
        }
        MappingFile stored = new MappingFile(file.name(), file.description(), false, file.format(), file.taxonomy());
        try {
            files.insertOne(document(stored).append("createdAt", new Date()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ProblemException.Conflict("A mapping file named '" + file.name() + "' already exists.");
            }
            throw e;
        }
        audit.record("mapping-file.created", "mapping-file:" + file.name(), null, stored.toJsonTree());
        return stored;
    }

    public MappingFile update(String name, JsonNode json) {
        requireEditable(name);
        MappingFile before = get(name);
        MappingFile file = parse(json);
        if (!name.equals(file.name())) {
            throw ProblemException.Invalid.field(
                    "name", "cannot be changed (it is '" + name + "'); copy the file instead");
        }
        MappingFile stored = new MappingFile(file.name(), file.description(), false, file.format(), file.taxonomy());
        files.replaceOne(Filters.eq("name", name), document(stored));
        audit.record("mapping-file.updated", "mapping-file:" + name, before.toJsonTree(), stored.toJsonTree());
        return stored;
    }

    /** A copy of any file (a default included) under a new name, editable. */
    public MappingFile copy(String name, String newName, String description) {
        MappingFile source = get(name);
        if (newName == null || newName.isBlank()) {
            throw ProblemException.Invalid.field("name", "is required: the name of the copy");
        }
        JsonNode json = source.copyAs(newName.trim(), description == null ? source.description() : description)
                .toJsonTree();
        return create(json);
    }

    public void delete(String name, List<String> usedBy) {
        requireEditable(name);
        MappingFile before = get(name);
        if (!usedBy.isEmpty()) {
            throw new ProblemException.Conflict("The mapping file '" + name + "' is used by the SIEM mappings "
                    + String.join(", ", usedBy) + "; change them first.");
        }
        files.deleteOne(Filters.eq("name", name));
        audit.record("mapping-file.deleted", "mapping-file:" + name, before.toJsonTree(), null);
    }

    private void requireEditable(String name) {
        if (MappingDefaults.get(name).isPresent()) {
            throw new ProblemException.Conflict(
                    "The mapping file '" + name + "' is a shipped default and read-only; copy it"
                            + " (POST /api/cls/mapping-files/" + name + "/copy) and edit the copy.");
        }
        get(name);
    }

    private MappingFile parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new ProblemException.Invalid(
                    "The body must be a mapping file: a JSON object with name, format and taxonomy.",
                    List.of(new Problem.FieldError("mappingFile", "must be a JSON object")));
        }
        try {
            return MappingFile.parse(json);
        } catch (MappingFileException e) {
            List<Problem.FieldError> errors = e.errors().stream()
                    .map(v -> new Problem.FieldError(v.path(), v.message()))
                    .toList();
            throw new ProblemException.Invalid(
                    errors.size() == 1
                            ? "The mapping file is invalid at " + errors.get(0).field() + ": "
                                    + errors.get(0).message()
                            : "The mapping file has " + errors.size() + " problems; see errors.",
                    errors);
        }
    }

    private Document document(MappingFile file) {
        return new Document("name", file.name()).append("json", file.toJson()).append("updatedAt", new Date());
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
