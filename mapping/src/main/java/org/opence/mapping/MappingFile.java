package org.opence.mapping;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A mapping file: how the Log Shipper writes Netskope records of each data type and subtype in one
 * format. {@code taxonomy} maps a data type to its subtypes ({@code *} = any subtype without its own
 * entry) and each subtype to a {@link TypeMapping} of the file's format. Shipped defaults are
 * {@code readOnly}; users copy them to edit.
 */
public record MappingFile(
        String name,
        String description,
        boolean readOnly,
        Format format,
        Map<DataType, Map<String, TypeMapping>> taxonomy) {

    public static final int MAX_NAME_LENGTH = 100;
    /** Longest description: a few paragraphs. */
    public static final int MAX_DESCRIPTION_LENGTH = 4_000;

    public MappingFile {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(format, "format");
        Map<DataType, Map<String, TypeMapping>> copy = new EnumMap<>(DataType.class);
        Objects.requireNonNull(taxonomy, "taxonomy").forEach((type, subtypes) -> {
            Map<String, TypeMapping> inner = new LinkedHashMap<>();
            subtypes.forEach((subtype, mapping) -> {
                if (!type.accepts(subtype)) {
                    throw new IllegalArgumentException("unknown " + type.key() + " subtype '" + subtype + "'");
                }
                if (mapping.format() != format) {
                    throw new IllegalArgumentException(type.key() + "." + subtype + " is a " + mapping.format()
                            + " mapping in a " + format + " file");
                }
                inner.put(subtype, mapping);
            });
            copy.put(type, Collections.unmodifiableMap(inner));
        });
        if (copy.values().stream().allMatch(Map::isEmpty)) {
            throw new IllegalArgumentException("taxonomy must map at least one data type and subtype");
        }
        taxonomy = Collections.unmodifiableMap(copy);
    }

    /**
     * The mapping for records of {@code type} and {@code subtype}: the subtype's own entry, else the
     * type's {@code *} entry, else none (such records are not sent).
     */
    public Optional<TypeMapping> mappingFor(DataType type, String subtype) {
        Map<String, TypeMapping> subtypes = taxonomy.get(type);
        if (subtypes == null) {
            return Optional.empty();
        }
        TypeMapping own = subtypes.get(subtype);
        return Optional.ofNullable(own != null ? own : subtypes.get(DataType.ANY_SUBTYPE));
    }

    /** The same file under another name and writable: how users start editing a shipped default. */
    public MappingFile copyAs(String newName, String newDescription) {
        return new MappingFile(newName, newDescription, false, format, taxonomy);
    }

    /**
     * Reads and validates a mapping file.
     *
     * @throws MappingFileException listing every problem with its JSON path
     */
    public static MappingFile parse(String json) {
        return MappingFileParser.parse(json);
    }

    /** Same as {@link #parse(String)} for UTF-8 bytes. */
    public static MappingFile parse(byte[] json) {
        return MappingFileParser.parse(json);
    }

    /** Same as {@link #parse(String)} for a JSON tree. */
    public static MappingFile parse(JsonNode json) {
        return MappingFileParser.parse(json);
    }

    /** This file as pretty-printed JSON that {@link #parse(String)} reads back into an equal file. */
    public String toJson() {
        return MappingFileWriter.toJson(this);
    }

    /** This file as a JSON tree. */
    public ObjectNode toJsonTree() {
        return MappingFileWriter.toTree(this);
    }
}
