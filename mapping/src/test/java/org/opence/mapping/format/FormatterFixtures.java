package org.opence.mapping.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opence.mapping.CefHeader;
import org.opence.mapping.CefMapping;
import org.opence.mapping.DataType;
import org.opence.mapping.FieldSpec;
import org.opence.mapping.Format;
import org.opence.mapping.JsonMapping;
import org.opence.mapping.LeefHeader;
import org.opence.mapping.LeefMapping;
import org.opence.mapping.MappingFile;
import org.opence.mapping.TypeMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small mapping files built in code, for formatter tests. */
final class FormatterFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private FormatterFixtures() {}

    static JsonNode record(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static CefHeader header(FieldSpec name, FieldSpec severity) {
        return new CefHeader(
                FieldSpec.constant("Netskope"),
                FieldSpec.constant("Security Cloud"),
                FieldSpec.constant("1.0"),
                FieldSpec.constant("alert:malware"),
                name,
                severity);
    }

    static RecordFormatter cef(CefHeader header, Map<String, FieldSpec> extension, FormatOptions options) {
        return formatter(Format.CEF, new CefMapping(header, extension), options);
    }

    static RecordFormatter cef(Map<String, FieldSpec> extension) {
        return cef(
                header(FieldSpec.field("alert_name", "Alert"), FieldSpec.field("severity")),
                extension,
                FormatOptions.DEFAULTS);
    }

    static RecordFormatter leef(LeefHeader header, Map<String, FieldSpec> attributes) {
        return formatter(Format.LEEF, new LeefMapping(header, attributes), FormatOptions.DEFAULTS);
    }

    static RecordFormatter json(List<String> fields, Map<String, String> rename, FormatOptions options) {
        return formatter(Format.JSON, new JsonMapping(fields, rename), options);
    }

    static MappingFormatter compiled(Format format, TypeMapping mapping, FormatOptions options) {
        Map<String, TypeMapping> subtypes = new LinkedHashMap<>();
        subtypes.put("malware", mapping);
        MappingFile file = new MappingFile("test", "", false, format, Map.of(DataType.ALERTS, subtypes));
        return MappingFormatter.compile(file, options);
    }

    static RecordFormatter formatter(Format format, TypeMapping mapping, FormatOptions options) {
        return compiled(format, mapping, options)
                .forType(DataType.ALERTS, "malware")
                .orElseThrow();
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, FieldSpec> fields(Object... keysAndSpecs) {
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSpecs.length; i += 2) {
            map.put((String) keysAndSpecs[i], (FieldSpec) keysAndSpecs[i + 1]);
        }
        return map;
    }
}
