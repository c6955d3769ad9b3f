package org.opence.core.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Streams one page of a Netskope answer (v2 {@code result} or v1 {@code data}) straight into the
 * bodies of {@code ce.data} messages, without building a tree: each body is a complete envelope
 * ({@code type tenant.data}) holding up to {@code batchRecords} records. Integers that a JavaScript or
 * double-based consumer would round (beyond ±2^53) and every {@code *_id} number are written as
 * strings, so 64-bit ids survive every hop.
 */
final class PageTranscoder {

    static final String DATA_TYPE = "tenant.data";
    private static final long SAFE = 1L << 53;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** A page as transcoded: the batches to publish and what the tenant said around the records. */
    record Page(
            List<Batch> batches,
            int records,
            int seen,
            Long waitTime,
            Long timestampHwm,
            long newestTimestamp,
            List<String> lastIds,
            String status,
            String message) {}

    /** One message body and the number of records in it. */
    record Batch(String id, byte[] body, int records) {}

    private final String source;
    private final int batchRecords;

    PageTranscoder(String source, int batchRecords) {
        this.source = source;
        this.batchRecords = batchRecords;
    }

    /**
     * @param recordsField {@code result} (v2) or {@code data} (v1)
     * @param idsToSkip record {@code _id}s already published (v1 window overlap); may be empty
     */
    Page transcode(InputStream in, String recordsField, StreamKey stream, java.util.Set<String> idsToSkip)
            throws IOException {
        return transcode(in, recordsField, stream, idsToSkip, Long.MAX_VALUE);
    }

    /**
     * As {@link #transcode(InputStream, String, StreamKey, java.util.Set)}, leaving out records whose
     * {@code timestamp} is after {@code maxTimestamp} (a historical pull's end); they count as seen.
     */
    Page transcode(
            InputStream in, String recordsField, StreamKey stream, java.util.Set<String> idsToSkip, long maxTimestamp)
            throws IOException {
        List<Batch> batches = new ArrayList<>();
        Long waitTime = null;
        Long hwm = null;
        String status = null;
        String message = null;
        int total = 0;
        int seen = 0;
        long newest = 0;
        List<String> ids = new ArrayList<>();
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the tenant's answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(recordsField) && value == JsonToken.START_ARRAY) {
                    BatchWriter writer = null;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        if (writer == null) {
                            writer = new BatchWriter(stream);
                        }
                        RecordInfo info = writer.copyRecord(p, idsToSkip, maxTimestamp);
                        seen++;
                        if (info.skipped) {
                            ids.add(info.id);
                            continue;
                        }
                        total++;
                        newest = Math.max(newest, info.timestamp);
                        ids.add(info.id);
                        if (writer.count >= batchRecords || writer.size() >= MAX_BATCH_BYTES) {
                            batches.add(writer.finish());
                            writer = null;
                        }
                    }
                    if (writer != null && writer.count > 0) {
                        batches.add(writer.finish());
                    }
                } else if (field.equals("wait_time") && value.isNumeric()) {
                    waitTime = p.getLongValue();
                } else if (field.equals("timestamp_hwm") && value.isNumeric()) {
                    hwm = p.getLongValue();
                } else if (field.equals("status") && value == JsonToken.VALUE_STRING) {
                    status = p.getText();
                } else if (field.equals("message") && value == JsonToken.VALUE_STRING) {
                    message = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Page(batches, total, seen, waitTime, hwm, newest, ids, status, message);
    }

    private record RecordInfo(String id, long timestamp, boolean skipped) {}

    /** Writes one envelope: header fields, then records as they stream by, then the count. */
    private final class BatchWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        private final JsonGenerator g;
        private final String id = UUID.randomUUID().toString();
        int count;

        BatchWriter(StreamKey stream) throws IOException {
            g = JSON.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("type", DATA_TYPE);
            g.writeNumberField("schemaVersion", 1);
            g.writeStringField("id", id);
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("source", source);
            g.writeObjectFieldStart("payload");
            g.writeStringField("tenant", stream.tenant());
            g.writeStringField("kind", stream.kind());
            g.writeStringField("subtype", stream.subtype());
            g.writeArrayFieldStart("records");
        }

        int size() throws IOException {
            g.flush();
            return out.size();
        }

        /** Copies the record at the parser (on its START_OBJECT), unless its id is one to skip. */
        RecordInfo copyRecord(JsonParser p, java.util.Set<String> idsToSkip, long maxTimestamp) throws IOException {
            if (!idsToSkip.isEmpty() || maxTimestamp != Long.MAX_VALUE) {
                // rare paths (v1 window overlap, end of a historical pull): look at the record first
                com.fasterxml.jackson.databind.JsonNode tree = TREES.readTree(p);
                String rid = tree.path("_id").asText(null);
                long timestamp = tree.path("timestamp").asLong();
                if ((rid != null && idsToSkip.contains(rid)) || timestamp > maxTimestamp) {
                    return new RecordInfo(rid, timestamp, true);
                }
                try (JsonParser again = tree.traverse()) {
                    again.nextToken();
                    return copyObject(again);
                }
            }
            return copyObject(p);
        }

        private RecordInfo copyObject(JsonParser p) throws IOException {
            String rid = null;
            long timestamp = 0;
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                g.writeFieldName(name);
                if (t == JsonToken.VALUE_STRING && name.equals("_id")) {
                    rid = p.getText();
                    g.writeString(rid);
                } else if (t == JsonToken.VALUE_NUMBER_INT && name.equals("timestamp")) {
                    timestamp = p.getLongValue();
                    g.writeNumber(timestamp);
                } else {
                    copyValue(p, t, name);
                }
            }
            g.writeEndObject();
            count++;
            return new RecordInfo(rid, timestamp, false);
        }

        private void copyValue(JsonParser p, JsonToken t, String name) throws IOException {
            switch (t) {
                case START_OBJECT -> {
                    g.writeStartObject();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        JsonToken it = p.nextToken();
                        g.writeFieldName(inner);
                        copyValue(p, it, inner);
                    }
                    g.writeEndObject();
                }
                case START_ARRAY -> {
                    g.writeStartArray();
                    JsonToken it;
                    while ((it = p.nextToken()) != JsonToken.END_ARRAY) {
                        copyValue(p, it, name);
                    }
                    g.writeEndArray();
                }
                case VALUE_NUMBER_INT -> {
                    // copied as text, never parsed: a JSON integer is its canonical decimal text
                    char[] text = p.getTextCharacters();
                    int offset = p.getTextOffset();
                    int length = p.getTextLength();
                    if ((name != null && name.endsWith("_id")) || !safeInteger(p, text, offset, length)) {
                        g.writeString(text, offset, length);
                    } else {
                        g.writeNumber(text, offset, length);
                    }
                }
                case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                case VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                case VALUE_TRUE -> g.writeBoolean(true);
                case VALUE_FALSE -> g.writeBoolean(false);
                case VALUE_NULL -> g.writeNull();
                default -> throw new IOException("unexpected JSON token " + t + " in a record");
            }
        }

        /** Whether the integer at the parser is within ±2^53 (up to 15 digits always, 17 or more never). */
        private static boolean safeInteger(JsonParser p, char[] text, int offset, int length) throws IOException {
            int digits = length - (length > 0 && text[offset] == '-' ? 1 : 0);
            if (digits <= 15) {
                return true;
            }
            if (digits >= 17) {
                return false;
            }
            long v = p.getLongValue();
            return v <= SAFE && v >= -SAFE;
        }

        Batch finish() throws IOException {
            g.writeEndArray();
            g.writeNumberField("count", count);
            g.writeEndObject();
            g.writeEndObject();
            g.close();
            return new Batch(id, out.toByteArray(), count);
        }
    }
}
