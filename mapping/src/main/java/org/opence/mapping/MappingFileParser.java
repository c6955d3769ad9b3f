package org.opence.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a mapping file from JSON, collecting every problem with its JSON path before anything is built,
 * so a user sees all mistakes at once.
 */
final class MappingFileParser {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> FILE_KEYS = List.of("name", "description", "readOnly", "format", "taxonomy");

    private final JsonChecks checks = new JsonChecks();
    private final TypeMappingParser types = new TypeMappingParser(checks);

    private MappingFileParser() {}

    static MappingFile parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static MappingFile parse(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonParseException e) {
            throw new MappingFileException(List.of(new ValidationError(
                    "",
                    "not valid JSON: " + e.getOriginalMessage() + " (line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")")));
        } catch (IOException e) {
            throw new MappingFileException(List.of(new ValidationError("", "not valid JSON: " + e.getMessage())));
        }
        return parse(tree);
    }

    static MappingFile parse(JsonNode tree) {
        MappingFileParser parser = new MappingFileParser();
        MappingFile file = parser.file(tree);
        if (!parser.checks.errors().isEmpty()) {
            throw new MappingFileException(parser.checks.errors());
        }
        return file;
    }

    private MappingFile file(JsonNode root) {
        if (root == null || !root.isObject()) {
            checks.error("", "a mapping file must be a JSON object");
            return null;
        }
        checks.onlyKeys(root, "", FILE_KEYS);
        String name = checks.text(root, "name", "", true);
        if (name != null && (name.isBlank() || name.length() > MappingFile.MAX_NAME_LENGTH)) {
            checks.error("name", "must be 1 to " + MappingFile.MAX_NAME_LENGTH + " characters and not blank");
        }
        String description = checks.text(root, "description", "", false);
        if (description != null && description.length() > MappingFile.MAX_DESCRIPTION_LENGTH) {
            checks.error("description", "must be at most " + MappingFile.MAX_DESCRIPTION_LENGTH + " characters");
        }
        JsonNode readOnly = root.get("readOnly");
        if (readOnly != null && !readOnly.isBoolean()) {
            checks.error("readOnly", "must be true or false");
        }
        Format format = null;
        String formatText = checks.text(root, "format", "", true);
        if (formatText != null) {
            format = Arrays.stream(Format.values())
                    .filter(f -> f.name().equals(formatText))
                    .findFirst()
                    .orElse(null);
            if (format == null) {
                checks.error("format", "must be one of " + joined(Arrays.asList(Format.values())));
            }
        }
        Map<DataType, Map<String, TypeMapping>> taxonomy = taxonomy(root.get("taxonomy"), format);
        if (!checks.errors().isEmpty()) {
            return null;
        }
        try {
            return new MappingFile(name, description, readOnly != null && readOnly.booleanValue(), format, taxonomy);
        } catch (IllegalArgumentException e) {
            checks.error("", e.getMessage());
            return null;
        }
    }

    private Map<DataType, Map<String, TypeMapping>> taxonomy(JsonNode node, Format format) {
        Map<DataType, Map<String, TypeMapping>> taxonomy = new EnumMap<>(DataType.class);
        if (node == null || !node.isObject()) {
            checks.error("taxonomy", node == null ? "is required" : "must be an object of data types");
            return taxonomy;
        }
        if (node.isEmpty()) {
            checks.error("taxonomy", "must map at least one data type: " + dataTypeKeys());
        }
        node.fields().forEachRemaining(typeEntry -> {
            String typePath = "taxonomy." + typeEntry.getKey();
            DataType type = DataType.fromKey(typeEntry.getKey()).orElse(null);
            if (type == null) {
                checks.error(typePath, "unknown data type; allowed: " + dataTypeKeys());
                return;
            }
            JsonNode subtypes = typeEntry.getValue();
            if (!subtypes.isObject() || subtypes.isEmpty()) {
                checks.error(typePath, "must be a non-empty object of subtypes");
                return;
            }
            Map<String, TypeMapping> mappings = new LinkedHashMap<>();
            subtypes.fields().forEachRemaining(sub -> {
                String path = typePath + "." + sub.getKey();
                if (!type.accepts(sub.getKey())) {
                    checks.error(
                            path,
                            "unknown " + type.key() + " subtype; allowed: " + DataType.ANY_SUBTYPE + ", "
                                    + String.join(", ", type.subtypes()));
                } else if (format != null) {
                    TypeMapping mapping = types.parse(sub.getValue(), path, format);
                    if (mapping != null) {
                        mappings.put(sub.getKey(), mapping);
                    }
                }
            });
            taxonomy.put(type, mappings);
        });
        return taxonomy;
    }

    private static String dataTypeKeys() {
        return joined(Arrays.stream(DataType.values()).map(DataType::key).toList());
    }

    private static String joined(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
