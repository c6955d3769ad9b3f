package org.opence.plugins.splunkhec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opence.plugin.api.cls.ClsPlugin;

/**
 * Wraps each formatted record into one HEC event object, serialized, so that a request body is the
 * events one after the other (HEC takes concatenated objects, not an array):
 * {@code {"time":…,"host":…,"source":…,"sourcetype":…,"index":…,"event":…}}. A JSON record is the
 * {@code event} as it is (its text embedded, not re-escaped into a string), so Splunk extracts its
 * fields; a CEF or LEEF line is the {@code event} as a string. Metadata that is not configured is left
 * out, and HEC applies the token's defaults.
 */
final class EventWriter {

    /** What the writer made of a chunk: the events, and how many JSON records were not valid JSON. */
    record Written(List<Object> events, int invalidJson, String firstInvalid) {}

    private final String prefix;
    private final String format;

    EventWriter(HecSettings settings, String format, String dataType, String subType) {
        this.format = format == null ? "" : format;
        StringBuilder metadata = new StringBuilder();
        field(metadata, "host", settings.host());
        field(metadata, "source", settings.sourceFor(dataType, subType, format));
        field(metadata, "sourcetype", settings.sourcetypeFor(dataType, subType, format));
        field(metadata, "index", settings.index());
        this.prefix = metadata.toString();
    }

    Written write(List<String> records) {
        List<Object> events = new ArrayList<>(records.size());
        int invalid = 0;
        String firstInvalid = null;
        for (String record : records) {
            String text = record == null ? "" : record;
            String event;
            if (format.equalsIgnoreCase(ClsPlugin.JSON)) {
                event = json(text);
                if (event == null) {
                    if (invalid++ == 0) {
                        firstInvalid = invalidReason(text);
                    }
                    event = string(text, null);
                }
            } else {
                BigDecimal time =
                        format.equalsIgnoreCase(ClsPlugin.LEEF) ? RecordTime.ofLeef(text) : RecordTime.ofCef(text);
                event = string(text, time);
            }
            events.add(event);
        }
        return new Written(events, invalid, firstInvalid);
    }

    /** The event around a JSON record's own text, or null when the text is not one JSON value. */
    private String json(String text) {
        Object value;
        try {
            value = Json.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        BigDecimal time = value instanceof Map<?, ?> members ? RecordTime.ofJson(members) : null;
        StringBuilder out = start(text.length(), time);
        return out.append(text.strip()).append('}').toString();
    }

    private String string(String text, BigDecimal time) {
        StringBuilder out = start(text.length() + text.length() / 8, time);
        return Json.quote(out, text).append('}').toString();
    }

    private StringBuilder start(int eventLength, BigDecimal time) {
        StringBuilder out = new StringBuilder(eventLength + prefix.length() + 48).append('{');
        if (time != null) {
            out.append("\"time\":").append(time.toPlainString()).append(',');
        }
        return out.append(prefix).append("\"event\":");
    }

    private static String invalidReason(String text) {
        try {
            Json.parse(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value != null && !value.isBlank()) {
            Json.quote(out.append('"').append(name).append("\":"), value).append(',');
        }
    }
}
