package org.opence.core.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Streams one page of a Netskope answer (v2 {@code result} or v1 {@code data}) into the bodies of
 * {@code ce.data} messages, without building a tree: each body is a complete envelope ({@code type
 * tenant.data}) holding up to {@code batchRecords} records. Integers that a JavaScript or double-based
 * consumer would round (beyond ±2^53) and every {@code *_id} number are written as strings, so 64-bit
 * ids survive every hop.
 *
 * <p>The page is split into its elements by {@link PageScanner}, which looks at bytes only, and each
 * element is parsed on its own: an element that is no record (null, a string, a number, an array) or
 * that is not valid JSON (bytes that are not UTF-8, control characters, a stray token) is handed back
 * as {@link Malformed} with its position and bytes, and every record around it is kept. An answer that
 * ends before the page did is reported as {@link Page#cut()} with what came before it.
 */
final class PageTranscoder {

    static final String DATA_TYPE = "tenant.data";
    /** The most of one element kept in memory (and parked); larger elements are kept cut, and say so. */
    static final int MAX_ELEMENT_BYTES = 8 * 1024 * 1024;

    private static final long SAFE = 1L << 53;
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final JsonFactory JSON =
            new JsonFactoryBuilder().rootValueSeparator((String) null).build();
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
            String message,
            List<Malformed> malformed,
            String cut) {

        /** Whether the answer ended (or stopped being JSON) before the page did. */
        boolean wasCut() {
            return cut != null;
        }
    }

    /** One message body and the number of records in it. */
    record Batch(String id, byte[] body, int records) {}

    /**
     * An element of the page that is no record: where it stood (0 = first element), why, its bytes as
     * they came (at most {@link #MAX_ELEMENT_BYTES}) and its whole size.
     */
    record Malformed(int position, String reason, byte[] bytes, long size) {}

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
     *
     * @throws IOException when reading the answer failed (the connection broke), or when it is not a
     *     JSON object at all
     */
    Page transcode(
            InputStream in, String recordsField, StreamKey stream, java.util.Set<String> idsToSkip, long maxTimestamp)
            throws IOException {
        PageScanner scanner = new PageScanner(in);
        if (scanner.peek() != '{') {
            throw new IOException("the tenant's answer is not a JSON object");
        }
        scanner.skip();
        Fields fields = new Fields();
        Elements elements = new Elements(stream, idsToSkip, maxTimestamp);
        PageScanner.Bytes value = new PageScanner.Bytes(MAX_ELEMENT_BYTES);
        String cut = null;
        while (cut == null) {
            int c = scanner.peek();
            if (c == '}') {
                break;
            }
            if (c == ',') {
                scanner.skip();
                continue;
            }
            if (c < 0 || !scanner.readValue(value) || c != '"') {
                cut = c < 0 || c == '"' ? ended(scanner) : notJson(scanner);
                break;
            }
            String name = fieldName(value);
            if (scanner.peek() != ':') {
                cut = scanner.peek() < 0 ? ended(scanner) : notJson(scanner);
                break;
            }
            scanner.skip();
            if (recordsField.equals(name) && scanner.peek() == '[') {
                scanner.skip();
                cut = elements.read(scanner, value);
            } else if (!scanner.readValue(value)) {
                cut = ended(scanner);
            } else {
                fields.take(name, value);
            }
        }
        return new Page(
                elements.batches,
                elements.total,
                elements.seen,
                fields.waitTime,
                fields.hwm,
                elements.newest,
                elements.ids,
                fields.status,
                fields.message,
                elements.malformed,
                cut);
    }

    private static String ended(PageScanner scanner) {
        return "the answer ended after " + scanner.offset() + " bytes, before the page did";
    }

    private static String notJson(PageScanner scanner) {
        return "the answer is not JSON after byte " + scanner.offset();
    }

    private static String fieldName(PageScanner.Bytes value) throws IOException {
        try (JsonParser p = JSON.createParser(value.array(), 0, value.length())) {
            return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : "";
        } catch (JsonProcessingException e) {
            return ""; // a name that is no valid string is no field we read
        }
    }

    /** The fields around the records that the puller uses. */
    private static final class Fields {
        Long waitTime;
        Long hwm;
        String status;
        String message;

        void take(String name, PageScanner.Bytes value) throws IOException {
            if (!name.equals("wait_time")
                    && !name.equals("timestamp_hwm")
                    && !name.equals("status")
                    && !name.equals("message")) {
                return;
            }
            try (JsonParser p = JSON.createParser(value.array(), 0, value.length())) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "wait_time" -> waitTime = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                    case "timestamp_hwm" -> hwm = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                    case "status" -> status = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> message = t == JsonToken.VALUE_STRING ? p.getText() : null;
                }
            } catch (JsonProcessingException e) {
                // a field that is not valid JSON reads as absent, as a field of another type does
            }
        }
    }

    /** The elements of the records array: records into batches, the rest set aside. */
    private final class Elements {
        private final StreamKey stream;
        private final java.util.Set<String> idsToSkip;
        private final long maxTimestamp;
        final List<Batch> batches = new ArrayList<>();
        final List<Malformed> malformed = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        int total;
        int seen;
        long newest;
        private BatchWriter writer;
        private final RecordCopier copier = new RecordCopier();

        Elements(StreamKey stream, java.util.Set<String> idsToSkip, long maxTimestamp) {
            this.stream = stream;
            this.idsToSkip = idsToSkip;
            this.maxTimestamp = maxTimestamp;
        }

        /** Reads up to the array's end; returns why the page was cut, or null. */
        String read(PageScanner scanner, PageScanner.Bytes element) throws IOException {
            int position = 0;
            String cut = null;
            while (true) {
                int c = scanner.peek();
                if (c == ']') {
                    scanner.skip();
                    break;
                }
                if (c == ',') {
                    scanner.skip();
                    continue;
                }
                if (c < 0) {
                    cut = ended(scanner);
                    break;
                }
                if (!scanner.readValue(element)) {
                    cut = ended(scanner);
                    malformed.add(new Malformed(
                            position,
                            "the answer ended inside this element (" + element.total() + " bytes of it came)",
                            element.copy(),
                            element.total()));
                    break;
                }
                take(element, position++);
            }
            if (writer != null && writer.count > 0) {
                batches.add(writer.finish());
            }
            writer = null;
            return cut;
        }

        private void take(PageScanner.Bytes element, int position) throws IOException {
            String notARecord = notARecord(element);
            if (notARecord != null) {
                malformed.add(new Malformed(position, notARecord, element.copy(), element.total()));
                return;
            }
            if (!element.complete()) {
                malformed.add(new Malformed(
                        position,
                        "a record of " + element.total() + " bytes, larger than the " + MAX_ELEMENT_BYTES
                                + " bytes one record may have",
                        element.copy(),
                        element.total()));
                return;
            }
            RecordInfo info;
            try {
                info = copier.copy(element, idsToSkip, maxTimestamp);
            } catch (JsonProcessingException e) {
                copier.discard();
                malformed.add(new Malformed(
                        position,
                        "not valid JSON: " + e.getOriginalMessage() + " (at byte "
                                + e.getLocation().getByteOffset() + " of the element)",
                        element.copy(),
                        element.total()));
                return;
            }
            seen++;
            ids.add(info.id);
            if (info.skipped) {
                return;
            }
            if (writer == null) {
                writer = new BatchWriter(stream);
            }
            writer.add(copier);
            total++;
            newest = Math.max(newest, info.timestamp);
            if (writer.count >= batchRecords || writer.size() >= MAX_BATCH_BYTES) {
                batches.add(writer.finish());
                writer = null;
            }
        }
    }

    /** Why an element is no record (by its first byte), or null when it may be one. */
    private static String notARecord(PageScanner.Bytes element) {
        return switch (element.first()) {
            case '{' -> null;
            case 'n' -> "null where a record belongs";
            case '"' -> "a string where a record belongs";
            case 't', 'f' -> "true or false where a record belongs";
            case '[' -> "an array where a record belongs";
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> "a number where a record belongs";
            default -> "not JSON where a record belongs";
        };
    }

    private record RecordInfo(String id, long timestamp, boolean skipped) {}

    /**
     * Copies one record from its bytes to its transcoded bytes, with one generator kept from record to
     * record; an element that turns out not to be valid JSON half-way is thrown away with the generator.
     */
    private static final class RecordCopier {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        private JsonGenerator g;

        RecordInfo copy(PageScanner.Bytes element, java.util.Set<String> idsToSkip, long maxTimestamp)
                throws IOException {
            out.reset();
            if (g == null) {
                g = JSON.createGenerator(out);
            }
            try (JsonParser p = JSON.createParser(element.array(), 0, element.length())) {
                p.nextToken(); // the element's first byte is '{'
                RecordInfo info;
                if (!idsToSkip.isEmpty() || maxTimestamp != Long.MAX_VALUE) {
                    // rare paths (v1 window overlap, end of a historical pull): look at the record first
                    com.fasterxml.jackson.databind.JsonNode tree = TREES.readTree(p);
                    String rid = tree.path("_id").asText(null);
                    long timestamp = tree.path("timestamp").asLong();
                    if ((rid != null && idsToSkip.contains(rid)) || timestamp > maxTimestamp) {
                        info = new RecordInfo(rid, timestamp, true);
                    } else {
                        try (JsonParser again = tree.traverse()) {
                            again.nextToken();
                            info = copyObject(again);
                        }
                    }
                } else {
                    info = copyObject(p);
                }
                if (p.nextToken() != null) {
                    throw new JsonParseException(p, "more follows the end of the record");
                }
                g.flush();
                return info;
            }
        }

        /** After a failed copy: the generator may be inside an object; start over with a new one. */
        void discard() {
            g = null;
            out.reset();
        }

        void writeTo(ByteArrayOutputStream target) throws IOException {
            out.writeTo(target);
        }

        int size() {
            return out.size();
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
                default -> throw new JsonParseException(p, "unexpected JSON token " + t + " in a record");
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
    }

    /** Writes one envelope: header fields, then the records as copied, then the count. */
    private final class BatchWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        private final String id = UUID.randomUUID().toString();
        int count;

        BatchWriter(StreamKey stream) throws IOException {
            JsonGenerator g = JSON.createGenerator(out);
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
            g.flush(); // the rest is written here as bytes; this generator is not used again
        }

        void add(RecordCopier record) throws IOException {
            if (count > 0) {
                out.write(',');
            }
            record.writeTo(out);
            count++;
        }

        int size() {
            return out.size();
        }

        Batch finish() {
            byte[] end = ("],\"count\":" + count + "}}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.write(end, 0, end.length);
            return new Batch(id, out.toByteArray(), count);
        }
    }
}
