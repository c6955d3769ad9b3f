package org.opence.mapping.format;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.opence.mapping.CefMapping;
import org.opence.mapping.DataType;
import org.opence.mapping.JsonMapping;
import org.opence.mapping.LeefMapping;
import org.opence.mapping.MappingFile;
import org.opence.mapping.TypeMapping;
import org.opence.mapping.field.CompiledField;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A mapping file compiled once into one {@link RecordFormatter} per data type and subtype. Look the
 * formatter up once per batch ({@link #forType}) and call it per record. Thread-safe.
 *
 * <pre>{@code
 * MappingFormatter cef = MappingFormatter.compile(MappingDefaults.get("default-cef").orElseThrow());
 * RecordFormatter malware = cef.forType(DataType.ALERTS, "malware").orElseThrow();
 * StringBuilder line = new StringBuilder();
 * for (JsonNode record : batch) { line.setLength(0); malware.format(record, line); send(line); }
 * }</pre>
 */
public final class MappingFormatter {

    private final MappingFile file;
    private final Map<DataType, Map<String, RecordFormatter>> formatters = new EnumMap<>(DataType.class);
    private final List<CompiledField> fields = new ArrayList<>();

    private MappingFormatter(MappingFile file, FormatOptions options) {
        this.file = file;
        file.taxonomy().forEach((type, subtypes) -> {
            Map<String, RecordFormatter> byName = new HashMap<>();
            subtypes.forEach(
                    (subtype, mapping) -> byName.put(subtype, compile(type.key() + "." + subtype, mapping, options)));
            formatters.put(type, byName);
        });
    }

    public static MappingFormatter compile(MappingFile file) {
        return compile(file, FormatOptions.DEFAULTS);
    }

    public static MappingFormatter compile(MappingFile file, FormatOptions options) {
        return new MappingFormatter(Objects.requireNonNull(file), Objects.requireNonNull(options));
    }

    private RecordFormatter compile(String prefix, TypeMapping mapping, FormatOptions options) {
        if (mapping instanceof CefMapping cef) {
            return new CefRecordFormatter(prefix, cef, options, fields);
        }
        if (mapping instanceof LeefMapping leef) {
            return new LeefRecordFormatter(prefix, leef, options, fields);
        }
        return new JsonRecordFormatter((JsonMapping) mapping, options);
    }

    /** The formatter for {@code subtype} (or the type's {@code *} entry); empty when the file has none. */
    public Optional<RecordFormatter> forType(DataType type, String subtype) {
        Map<String, RecordFormatter> subtypes = formatters.get(type);
        if (subtypes == null) {
            return Optional.empty();
        }
        RecordFormatter own = subtypes.get(subtype);
        return Optional.ofNullable(own != null ? own : subtypes.get(DataType.ANY_SUBTYPE));
    }

    /** One record formatted, or null when the file does not map its type and subtype. */
    public String format(JsonNode record, DataType type, String subtype) {
        return forType(type, subtype).map(f -> f.format(record)).orElse(null);
    }

    public MappingFile file() {
        return file;
    }

    /**
     * Values that could not be converted since compilation, per field that had any, keyed by the field's
     * place in the file (e.g. {@code alerts.malware.extension.cn1}).
     */
    public Map<String, Long> conversionProblems() {
        Map<String, Long> problems = new LinkedHashMap<>();
        for (CompiledField field : fields) {
            long n = field.conversionProblems();
            if (n > 0) {
                problems.put(field.name(), n);
            }
        }
        return problems;
    }

    public long totalConversionProblems() {
        return fields.stream().mapToLong(CompiledField::conversionProblems).sum();
    }

    /** The compiled fields, for reporting their counters (conversions that failed, values missing). */
    public List<CompiledField> fields() {
        return java.util.Collections.unmodifiableList(fields);
    }
}
