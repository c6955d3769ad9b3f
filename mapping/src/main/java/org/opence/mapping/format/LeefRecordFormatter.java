package org.opence.mapping.format;

import java.util.List;
import java.util.Map;

import org.opence.mapping.FieldSpec;
import org.opence.mapping.LeefHeader;
import org.opence.mapping.LeefMapping;
import org.opence.mapping.field.CompiledField;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code LEEF:2.0|vendor|product|version|eventId|delimiter|k=v<delimiter>k=v}. Header fields are escaped
 * as in CEF ({@code \|}, {@code \\}). Attribute values cannot be escaped in LEEF, so the delimiter and
 * line breaks inside a value become a space ({@code _} when the delimiter is a space). A printable ASCII
 * delimiter is written as itself, any other as its hex code ({@code x09} for the default tab).
 *
 * <p>{@code devTime}: when the mapping has no {@code devTimeFormat} attribute, an epoch value (seconds
 * or milliseconds) is written as a UTC date in {@value Timestamps#LEEF_FORMAT} followed by
 * {@code devTimeFormat} naming that pattern; any other value is written as it is.
 */
final class LeefRecordFormatter extends RecordFormatter {

    private final CompiledField[] header;
    private final String delimiterField;
    private final char delimiter;
    private final char replacement;
    private final String[] keys;
    private final CompiledField[] values;
    private final int devTime;

    LeefRecordFormatter(String prefix, LeefMapping mapping, FormatOptions options, List<CompiledField> registry) {
        super(options);
        List<FieldSpec> specs = mapping.header().inOrder();
        header = new CompiledField[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            header[i] =
                    CefRecordFormatter.compile(prefix + ".header." + LeefHeader.KEYS.get(i), specs.get(i), registry);
        }
        delimiter = mapping.header().delimiter();
        delimiterField = delimiter > 0x20 && delimiter < 0x7f ? String.valueOf(delimiter) : hex(delimiter);
        replacement = delimiter == ' ' ? '_' : ' ';
        int n = mapping.attributes().size();
        keys = new String[n];
        values = new CompiledField[n];
        int i = 0;
        int devTimeIndex = -1;
        for (Map.Entry<String, FieldSpec> e : mapping.attributes().entrySet()) {
            keys[i] = e.getKey() + "=";
            values[i] = CefRecordFormatter.compile(prefix + ".attributes." + e.getKey(), e.getValue(), registry);
            if (e.getKey().equals("devTime")) {
                devTimeIndex = i;
            }
            i++;
        }
        devTime = mapping.attributes().containsKey("devTimeFormat") ? -1 : devTimeIndex;
    }

    private static String hex(char c) {
        return "x" + (c < 0x10 ? "0" : "") + Integer.toHexString(c);
    }

    @Override
    int render(JsonNode record, StringBuilder out, int cap) {
        int longest = 0;
        out.append("LEEF:2.0|");
        for (CompiledField field : header) {
            // a header field is never left empty: a record without the value gets "Unknown", counted
            String v = field.required(record, MISSING);
            longest = Math.max(longest, Text.cefHeader(out, v, cap));
            out.append('|');
        }
        out.append(delimiterField).append('|');
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            String v = values[i].value(record);
            if (v == null || v.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append(delimiter);
            }
            first = false;
            out.append(keys[i]);
            String date = i == devTime ? Timestamps.leefDate(v) : null;
            if (date != null) {
                out.append(date).append(delimiter).append("devTimeFormat=").append(Timestamps.LEEF_FORMAT);
            } else {
                longest = Math.max(longest, Text.leefValue(out, v, delimiter, replacement, cap));
            }
        }
        return longest;
    }
}
