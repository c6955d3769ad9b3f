package org.opence.simulator.splunk.hec;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the body of {@code /services/collector/event}: JSON event objects one after the other (not an
 * array), with or without whitespace between them. Reading stops at the first event HEC would refuse;
 * the events before it are returned with the refusal, because HEC indexes them.
 */
final class EventParser {

    /** Exact decimals, so a {@code time} of {@code 1433188255.500} or a number in an event stays as sent. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private EventParser() {}

    /** The events up to the first invalid one, and the refusal for that one ({@code null} if none). */
    record Result(List<Envelope> events, HecException failure) {}

    static Result parse(byte[] body) {
        List<Envelope> events = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            while (true) {
                int number = events.size();
                JsonToken token;
                JsonNode node;
                try {
                    token = parser.nextToken();
                    if (token == null) {
                        return new Result(events, null);
                    }
                    if (token != JsonToken.START_OBJECT) {
                        return new Result(events, new HecException(HecCode.INVALID_DATA_FORMAT, number));
                    }
                    node = JSON.readTree(parser);
                } catch (IOException malformed) {
                    return new Result(events, new HecException(HecCode.INVALID_DATA_FORMAT, number));
                }
                try {
                    events.add(envelope((ObjectNode) node));
                } catch (InvalidEvent e) {
                    return new Result(events, new HecException(e.code, number));
                }
            }
        } catch (IOException e) {
            return new Result(events, new HecException(HecCode.INVALID_DATA_FORMAT, events.size()));
        }
    }

    private static Envelope envelope(ObjectNode node) {
        JsonNode event = node.get("event");
        if (event == null || event.isNull()) {
            throw new InvalidEvent(HecCode.EVENT_FIELD_REQUIRED);
        }
        if (isBlank(event)) {
            throw new InvalidEvent(HecCode.EVENT_FIELD_BLANK);
        }
        return new Envelope(
                event,
                time(node.get("time")),
                text(node.get("host")),
                text(node.get("source")),
                text(node.get("sourcetype")),
                text(node.get("index")),
                fields(node.get("fields")));
    }

    private static boolean isBlank(JsonNode event) {
        return (event.isTextual() && event.textValue().isEmpty()) || (event.isContainerNode() && event.isEmpty());
    }

    /** Epoch seconds, fractional allowed, as a JSON number or a numeric string. */
    private static BigDecimal time(JsonNode time) {
        if (time == null || time.isNull()) {
            return null;
        }
        if (time.isNumber()) {
            return time.decimalValue();
        }
        if (time.isTextual()) {
            try {
                return new BigDecimal(time.textValue().trim());
            } catch (NumberFormatException e) {
                throw new InvalidEvent(HecCode.INVALID_DATA_FORMAT);
            }
        }
        throw new InvalidEvent(HecCode.INVALID_DATA_FORMAT);
    }

    /** Metadata values are strings; a number is taken as its text, anything else is invalid data. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new InvalidEvent(HecCode.INVALID_DATA_FORMAT);
    }

    /** Indexed fields: a flat object whose values are scalars or arrays of scalars (code 15 otherwise). */
    private static ObjectNode fields(JsonNode fields) {
        if (fields == null || fields.isNull()) {
            return null;
        }
        if (!fields.isObject()) {
            throw new InvalidEvent(HecCode.INDEXED_FIELDS_ERROR);
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            if (!isFlat(field.getValue())) {
                throw new InvalidEvent(HecCode.INDEXED_FIELDS_ERROR);
            }
        }
        return (ObjectNode) fields;
    }

    private static boolean isFlat(JsonNode value) {
        if (value.isValueNode()) {
            return true;
        }
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    /** Why one event is refused; turned into a {@link HecException} with the event's number. */
    private static final class InvalidEvent extends RuntimeException {
        final HecCode code;

        InvalidEvent(HecCode code) {
            super(code.text(), null, false, false);
            this.code = code;
        }
    }
}
