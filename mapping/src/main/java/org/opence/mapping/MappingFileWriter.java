package org.opence.mapping;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a mapping file as the JSON {@link MappingFileParser} reads. */
final class MappingFileWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MappingFileWriter() {}

    static String toJson(MappingFile file) {
        try {
            return MappingFileParser.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mapping file tree could not be written", e);
        }
    }

    static ObjectNode toTree(MappingFile file) {
        ObjectNode root = NODES.objectNode();
        root.put("name", file.name());
        root.put("description", file.description());
        root.put("readOnly", file.readOnly());
        root.put("format", file.format().name());
        ObjectNode taxonomy = root.putObject("taxonomy");
        file.taxonomy().forEach((type, subtypes) -> {
            ObjectNode byType = taxonomy.putObject(type.key());
            subtypes.forEach((subtype, mapping) -> byType.set(subtype, mapping(mapping)));
        });
        return root;
    }

    private static ObjectNode mapping(TypeMapping mapping) {
        ObjectNode node = NODES.objectNode();
        if (mapping instanceof CefMapping cef) {
            ObjectNode header = node.putObject("header");
            for (int i = 0; i < CefHeader.KEYS.size(); i++) {
                header.set(CefHeader.KEYS.get(i), field(cef.header().inOrder().get(i)));
            }
            fields(node.putObject("extension"), cef.extension());
        } else if (mapping instanceof LeefMapping leef) {
            ObjectNode header = node.putObject("header");
            for (int i = 0; i < LeefHeader.KEYS.size(); i++) {
                header.set(LeefHeader.KEYS.get(i), field(leef.header().inOrder().get(i)));
            }
            header.put("delimiter", String.valueOf(leef.header().delimiter()));
            fields(node.putObject("attributes"), leef.attributes());
        } else if (mapping instanceof JsonMapping json) {
            json.fields().forEach(node.putArray("fields")::add);
            ObjectNode rename = node.putObject("rename");
            json.rename().forEach(rename::put);
        }
        return node;
    }

    private static void fields(ObjectNode target, Map<String, FieldSpec> fields) {
        fields.forEach((key, spec) -> target.set(key, field(spec)));
    }

    private static ObjectNode field(FieldSpec spec) {
        ObjectNode node = NODES.objectNode();
        if (spec.mappingField() != null) {
            node.put("mapping_field", spec.mappingField());
        }
        if (spec.defaultValue() != null) {
            node.set("default_value", spec.defaultValue());
        }
        node.put("transformation", spec.transformation().label());
        return node;
    }
}
