package org.opence.common.bus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.rabbitmq.client.AMQP;

/** Turns envelopes into AMQP bodies and properties and back. The body is the whole envelope as JSON. */
public final class EnvelopeCodec {

    private final ObjectMapper mapper;

    public EnvelopeCodec(ObjectMapper mapper) {
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public byte[] encode(Envelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise envelope " + envelope.id(), e);
        }
    }

    public Envelope decode(byte[] body) throws IOException {
        Envelope envelope = mapper.readValue(body, Envelope.class);
        if (envelope == null) {
            throw new IOException("empty message body");
        }
        return envelope;
    }

    /**
     * Properties for a message: persistent unless {@code expiration} is given (short-lived messages
     * such as pings need not survive a broker restart).
     */
    public AMQP.BasicProperties properties(Envelope envelope, String expirationMillis) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(BusHeaders.SCHEMA_VERSION, envelope.schemaVersion());
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(expirationMillis == null ? 2 : 1)
                .messageId(envelope.id())
                .type(envelope.type())
                .appId(envelope.source())
                .timestamp(Date.from(envelope.time()))
                .expiration(expirationMillis)
                .headers(headers)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
