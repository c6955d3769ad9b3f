package org.opence.mapping.format;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opence.mapping.JsonMapping;
import org.opence.mapping.field.FieldPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One compact JSON object per record. With listed fields, each present path is written under its new
 * name or its dotted path, in the order listed; absent paths are left out, a JSON null is kept. With no
 * fields listed, every top-level field is written in the record's order; a field renamed onto the name
 * of another field replaces it.
 */
final class JsonRecordFormatter extends RecordFormatter {

    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final boolean allFields;
    private final FieldPath[] paths;
    private final String[] names;
    private final Map<String, String> renamed = new HashMap<>();
    private final Set<String> shadowed = new HashSet<>();

    JsonRecordFormatter(JsonMapping mapping, FormatOptions options) {
        super(options);
        List<String> fields = mapping.fields();
        allFields = fields.isEmpty();
        paths = new FieldPath[fields.size()];
        names = new String[fields.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = FieldPath.of(fields.get(i));
            names[i] = key(mapping.outputName(fields.get(i)));
        }
        mapping.rename().forEach((from, to) -> renamed.put(from, key(to)));
        for (String target : mapping.rename().values()) {
            if (!mapping.rename().containsKey(target)) {
                shadowed.add(target);
            }
        }
    }

    private static String key(String name) {
        StringBuilder sb = new StringBuilder();
        Text.json(sb, name, Text.NO_CAP);
        return sb.append(':').toString();
    }

    @Override
    int render(JsonNode record, StringBuilder out, int cap) {
        return allFields ? renderAll(record, out, cap) : renderListed(record, out, cap);
    }

    private int renderListed(JsonNode record, StringBuilder out, int cap) {
        int longest = 0;
        out.append('{');
        boolean first = true;
        for (int i = 0; i < paths.length; i++) {
            JsonNode value = paths[i].resolve(record);
            if (value == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(names[i]);
            longest = Math.max(longest, JsonValues.write(out, value, paths[i].leaf(), cap));
        }
        out.append('}');
        return longest;
    }

    private int renderAll(JsonNode record, StringBuilder out, int cap) {
        if (renamed.isEmpty()) {
            return JsonValues.object(out, record.isObject() ? record : EMPTY, cap);
        }
        int longest = 0;
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (shadowed.contains(name)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            String key = renamed.get(name);
            if (key != null) {
                out.append(key);
            } else {
                Text.json(out, name, Text.NO_CAP);
                out.append(':');
            }
            longest = Math.max(longest, JsonValues.write(out, e.getValue(), name, cap));
        }
        out.append('}');
        return longest;
    }
}
