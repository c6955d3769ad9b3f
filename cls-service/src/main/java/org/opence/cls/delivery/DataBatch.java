package org.opence.cls.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@code tenant.data} envelope as the delivery reads it: tenant, kind (alerts or events), subtype
 * and the records. Also writes one again, for the records of a batch that must be retried.
 */
record DataBatch(String id, String tenant, String kind, String subtype, JsonNode records) {

    static final String TYPE = "tenant.data";

    static DataBatch read(ObjectMapper mapper, byte[] body) throws IOException {
        JsonNode root = mapper.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("the message is not a JSON object");
        }
        if (!TYPE.equals(root.path("type").asText())) {
            throw new IOException("the message is a '" + root.path("type").asText() + "', not a " + TYPE + " batch");
        }
        JsonNode p = root.path("payload");
        JsonNode records = p.path("records");
        if (!records.isArray()) {
            throw new IOException("the batch has no records array");
        }
        String kind = p.path("kind").asText("");
        String subtype = p.path("subtype").asText("");
        String tenant = p.path("tenant").asText("");
        if (kind.isEmpty() || subtype.isEmpty() || tenant.isEmpty()) {
            throw new IOException("the batch does not say its tenant, kind and subtype");
        }
        return new DataBatch(root.path("id").asText(""), tenant, kind, subtype, records);
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
