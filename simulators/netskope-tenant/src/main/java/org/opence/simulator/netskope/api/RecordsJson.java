package org.opence.simulator.netskope.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An answer holding pages of records, written with a streaming generator. Records repeat the same
 * few dozen field names thousands of times a page; Jackson's generic map serialisation escaped each
 * name again for every record and took most of the simulator's CPU, which competed with the suite
 * under test in benchmarks. Field names here are encoded once and copied; the JSON is the same.
 */
public final class RecordsJson implements StreamingOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_CACHED_NAMES = 4096;
    private static final Map<String, SerializedString> NAMES = new ConcurrentHashMap<>();

    private final Map<String, ?> body;

    public RecordsJson(Map<String, ?> body) {
        this.body = body;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            value(g, body);
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(name(String.valueOf(e.getKey())));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(g, item);
            }
            g.writeEndArray();
        } else {
            g.writeObject(v); // null, booleans, doubles, arrays: as Jackson writes them
        }
    }

    private static SerializedString name(String key) {
        SerializedString cached = NAMES.get(key);
        if (cached == null) {
            cached = new SerializedString(key);
            if (NAMES.size() < MAX_CACHED_NAMES) {
                NAMES.putIfAbsent(key, cached);
            }
        }
        return cached;
    }
}
