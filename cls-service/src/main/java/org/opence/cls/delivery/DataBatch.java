package org.opence.cls.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@code tenant.data} envelope as the delivery reads it: tenant, kind (alerts or events), subtype
 * and the records, which are read one at a time as the delivery walks them ({@link #forEach}), so a
 * record is formatted while it is still in the processor's cache and is garbage right after, instead
 * of a whole batch becoming one tree first. Also writes one again, for the records of a batch that
 * must be retried or parked.
 */
final class DataBatch {

    static final String TYPE = "tenant.data";

    /** Plain trees: the records were checked where they were pulled; last duplicate name wins. */
    private static final ObjectMapper TREES = new ObjectMapper();

    /** Receives each record and its position in the batch. */
    interface RecordVisitor {
        void record(int index, JsonNode record);
    }

    private final String id;
    private final String tenant;
    private final String kind;
    private final String subtype;
    private final byte[] body;
    /** The records, when the envelope named its tenant, kind or subtype only after them. */
    private final JsonNode readRecords;

    private DataBatch(String id, String tenant, String kind, String subtype, byte[] body, JsonNode readRecords) {
        this.id = id;
        this.tenant = tenant;
        this.kind = kind;
        this.subtype = subtype;
        this.body = body;
        this.readRecords = readRecords;
    }

    String id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    String kind() {
        return kind;
    }

    String subtype() {
        return subtype;
    }

    /**
     * Reads the envelope up to its records (what Open CE writes: type, id, then the payload's tenant,
     * kind and subtype before the records); an envelope in another order is read whole.
     *
     * @throws IOException when the message is not a {@code tenant.data} batch
     */
    static DataBatch read(byte[] body) throws IOException {
        String type = null;
        String id = "";
        String tenant = null;
        String kind = null;
        String subtype = null;
        try (JsonParser p = TREES.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the message is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("payload") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        JsonToken v = p.nextToken();
                        if (inner.equals("records")) {
                            if (type != null && tenant != null && kind != null && subtype != null) {
                                return checked(type, id, tenant, kind, subtype, body, null, v == JsonToken.START_ARRAY);
                            }
                            return readWhole(body);
                        }
                        String text = v.isScalarValue() ? p.getValueAsString("") : skip(p);
                        switch (inner) {
                            case "tenant" -> tenant = text;
                            case "kind" -> kind = text;
                            case "subtype" -> subtype = text;
                            default -> {}
                        }
                    }
                } else if (field.equals("type")) {
                    type = value.isScalarValue() ? p.getValueAsString("") : skip(p);
                } else if (field.equals("id")) {
                    id = value.isScalarValue() ? p.getValueAsString("") : skip(p);
                } else {
                    p.skipChildren();
                }
            }
        }
        return checked(type, id, tenant, kind, subtype, body, null, false);
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return "";
    }

    private static DataBatch readWhole(byte[] body) throws IOException {
        JsonNode root = TREES.readTree(body);
        JsonNode p = root.path("payload");
        JsonNode records = p.path("records");
        return checked(
                root.path("type").asText(),
                root.path("id").asText(""),
                p.path("tenant").asText(""),
                p.path("kind").asText(""),
                p.path("subtype").asText(""),
                body,
                records,
                records.isArray());
    }

    private static DataBatch checked(
            String type,
            String id,
            String tenant,
            String kind,
            String subtype,
            byte[] body,
            JsonNode records,
            boolean hasRecords)
            throws IOException {
        if (!TYPE.equals(type)) {
            throw new IOException("the message is a '" + (type == null ? "" : type) + "', not a " + TYPE + " batch");
        }
        if (!hasRecords) {
            throw new IOException("the batch has no records array");
        }
        if (tenant == null
                || kind == null
                || subtype == null
                || kind.isEmpty()
                || subtype.isEmpty()
                || tenant.isEmpty()) {
            throw new IOException("the batch does not say its tenant, kind and subtype");
        }
        return new DataBatch(id, tenant, kind, subtype, body, records);
    }

    /**
     * Hands every record to {@code visitor}, in order, reading each just before.
     *
     * @return how many records the batch holds
     * @throws IOException when the records turn out not to be valid JSON (some may have been visited)
     */
    int forEach(RecordVisitor visitor) throws IOException {
        return walk(visitor);
    }

    /** How many records the batch holds, without reading them into trees. */
    int count() throws IOException {
        return walk(null);
    }

    private int walk(RecordVisitor visitor) throws IOException {
        if (readRecords != null) {
            for (int i = 0; visitor != null && i < readRecords.size(); i++) {
                visitor.record(i, readRecords.get(i));
            }
            return readRecords.size();
        }
        try (JsonParser p = TREES.getFactory().createParser(body)) {
            toRecords(p);
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IOException("the batch ends inside its records");
                }
                if (visitor == null) {
                    p.skipChildren();
                    n++;
                } else {
                    visitor.record(n++, TREES.readTree(p));
                }
            }
            return n;
        }
    }

    /** What could be read of a message that is not a readable batch as a whole. */
    record Salvage(DataBatch batch, List<JsonNode> records, int declared) {}

    /**
     * The readable part of a message whose records cannot all be read: its envelope, when that was
     * readable, and its records up to the first that is not.
     *
     * @param declared the number of records the message said it holds (its {@code records} header), -1 if unknown
     */
    static Salvage salvage(byte[] body, int declared) {
        DataBatch batch;
        try {
            batch = read(body);
        } catch (IOException | RuntimeException e) {
            return new Salvage(null, List.of(), declared);
        }
        List<JsonNode> readable = new ArrayList<>();
        try {
            batch.forEach((index, record) -> readable.add(record));
        } catch (IOException | RuntimeException e) {
            // the records up to the broken one are kept
        }
        return new Salvage(batch, readable, declared);
    }

    /** The records at {@code indexes}, in the order of the indexes (read again from the message). */
    List<JsonNode> records(int[] indexes) throws IOException {
        if (indexes.length == 0) {
            return List.of();
        }
        java.util.Map<Integer, JsonNode> wanted = new java.util.HashMap<>();
        for (int index : indexes) {
            wanted.put(index, null);
        }
        forEach((index, record) -> {
            if (wanted.containsKey(index)) {
                wanted.put(index, record);
            }
        });
        List<JsonNode> out = new ArrayList<>(indexes.length);
        for (int index : indexes) {
            JsonNode record = wanted.get(index);
            if (record == null) {
                throw new IOException("the batch has no record " + index);
            }
            out.add(record);
        }
        return out;
    }

    /** Moves the parser onto the start of {@code payload.records} (the envelope was read once already). */
    private static void toRecords(JsonParser p) throws IOException {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("payload") && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = p.currentName();
                    p.nextToken();
                    if (inner.equals("records")) {
                        return;
                    }
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        throw new IOException("the batch has no records array");
    }

    /** A new envelope with {@code records} of a batch of {@code tenant}, {@code kind}, {@code subtype}. */
    static byte[] write(
            ObjectMapper mapper,
            String source,
            String tenant,
            String kind,
            String subtype,
            Collection<JsonNode> records)
            throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024 + records.size() * 512);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
            g.writeNumberField("schemaVersion", 1);
            g.writeStringField("id", UUID.randomUUID().toString());
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("source", source);
            g.writeObjectFieldStart("payload");
            g.writeStringField("tenant", tenant);
            g.writeStringField("kind", kind);
            g.writeStringField("subtype", subtype);
            g.writeArrayFieldStart("records");
            for (JsonNode record : records) {
                mapper.writeTree(g, record);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
