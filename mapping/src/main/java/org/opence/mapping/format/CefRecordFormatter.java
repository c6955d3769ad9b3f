package org.opence.mapping.format;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opence.mapping.CefHeader;
import org.opence.mapping.CefMapping;
import org.opence.mapping.FieldSpec;
import org.opence.mapping.field.CompiledField;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code CEF:0|vendor|product|version|classId|name|severity|k=v k=v}. Extension pairs whose value is
 * absent are left out; values of the CEF time keys are written as epoch milliseconds (see
 * {@link Timestamps}); the severity is normalised by {@link CefSeverity} and {@code Unknown} when the
 * record and the default give none.
 */
final class CefRecordFormatter extends RecordFormatter {

    /** CEF keys (short and full names) whose values are timestamps. */
    static final Set<String> TIME_KEYS = Set.of(
            "rt",
            "deviceReceiptTime",
            "start",
            "startTime",
            "end",
            "endTime",
            "deviceCustomDate1",
            "deviceCustomDate2",
            "fileCreateTime",
            "fileModificationTime",
            "oldFileCreateTime",
            "oldFileModificationTime");

    private final CompiledField[] header;
    private final CompiledField severity;
    private final String[] keys;
    private final CompiledField[] values;
    private final boolean[] times;

    CefRecordFormatter(String prefix, CefMapping mapping, FormatOptions options, List<CompiledField> registry) {
        super(options);
        List<FieldSpec> specs = mapping.header().inOrder();
        header = new CompiledField[5];
        for (int i = 0; i < 5; i++) {
            header[i] = compile(prefix + ".header." + CefHeader.KEYS.get(i), specs.get(i), registry);
        }
        severity = compile(prefix + ".header.severity", mapping.header().severity(), registry);
        int n = mapping.extension().size();
        keys = new String[n];
        values = new CompiledField[n];
        times = new boolean[n];
        int i = 0;
        for (Map.Entry<String, FieldSpec> e : mapping.extension().entrySet()) {
            keys[i] = e.getKey() + "=";
            values[i] = compile(prefix + ".extension." + e.getKey(), e.getValue(), registry);
            times[i] = TIME_KEYS.contains(e.getKey());
            i++;
        }
    }

    static CompiledField compile(String name, FieldSpec spec, List<CompiledField> registry) {
        CompiledField field = new CompiledField(name, spec);
        registry.add(field);
        return field;
    }

    @Override
    int render(JsonNode record, StringBuilder out, int cap) {
        int longest = 0;
        out.append("CEF:0|");
        for (CompiledField field : header) {
            // a header field is never left empty: a record without the value gets "Unknown", counted
            String v = field.required(record, MISSING);
            longest = Math.max(longest, Text.cefHeader(out, v, cap));
            out.append('|');
        }
        out.append(severity(record)).append('|');
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            String v = values[i].value(record);
            if (v == null || v.isEmpty()) {
                continue;
            }
            if (times[i]) {
                v = Timestamps.cefMillis(v);
            }
            if (!first) {
                out.append(' ');
            }
            out.append(keys[i]);
            longest = Math.max(longest, Text.cefValue(out, v, cap));
            first = false;
        }
        return longest;
    }

    private String severity(JsonNode record) {
        String raw = severity.value(record);
        String normal = CefSeverity.normalise(raw);
        if (normal != null) {
            return normal;
        }
        if (raw != null && !raw.equals(severity.defaultText())) {
            severity.countProblem();
            normal = CefSeverity.normalise(severity.defaultText());
        }
        return normal != null ? normal : "Unknown";
    }
}
