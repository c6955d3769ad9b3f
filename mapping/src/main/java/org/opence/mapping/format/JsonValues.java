package org.opence.mapping.format;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a record value as compact JSON. Integers a double-based reader would round (beyond ±2^53) and
 * every integer under a name ending in {@code _id} are written as strings, the rule the tenant ingest
 * applies, so 64-bit ids survive every hop.
 */
final class JsonValues {

    private static final long SAFE = 1L << 53;

    private JsonValues() {}

    /** @return the length of the longest string written (before cutting) */
    static int write(StringBuilder out, JsonNode value, String name, int cap) {
        switch (value.getNodeType()) {
            case STRING:
                return Text.json(out, value.textValue(), cap);
            case NUMBER:
                number(out, value, name);
                return 0;
            case BOOLEAN:
                out.append(value.booleanValue());
                return 0;
            case OBJECT:
                return object(out, value, cap);
            case ARRAY:
                return array(out, value, name, cap);
            case NULL:
            case MISSING:
                out.append("null");
                return 0;
            default:
                return Text.json(out, value.asText(), cap);
        }
    }

    static int object(StringBuilder out, JsonNode value, int cap) {
        int longest = 0;
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!first) {
                out.append(',');
            }
            first = false;
            Text.json(out, e.getKey(), Text.NO_CAP);
            out.append(':');
            longest = Math.max(longest, write(out, e.getValue(), e.getKey(), cap));
        }
        out.append('}');
        return longest;
    }

    private static int array(StringBuilder out, JsonNode value, String name, int cap) {
        int longest = 0;
        out.append('[');
        for (int i = 0; i < value.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            longest = Math.max(longest, write(out, value.get(i), name, cap));
        }
        out.append(']');
        return longest;
    }

    private static void number(StringBuilder out, JsonNode value, String name) {
        if (value.isIntegralNumber()) {
            if (value.canConvertToLong()) {
                long v = value.longValue();
                if (v > SAFE || v < -SAFE || isId(name)) {
                    out.append('"').append(v).append('"');
                } else {
                    out.append(v);
                }
            } else {
                out.append('"').append(value.bigIntegerValue()).append('"');
            }
        } else if (value.isBigDecimal()) {
            out.append(value.decimalValue());
        } else {
            double d = value.doubleValue();
            if (Double.isFinite(d)) {
                out.append(d);
            } else {
                out.append("null");
            }
        }
    }

    private static boolean isId(String name) {
        return name != null && name.endsWith("_id");
    }
}
