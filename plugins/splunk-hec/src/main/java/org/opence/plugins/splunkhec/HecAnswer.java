package org.opence.plugins.splunkhec;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the collector answered: the HTTP status and, when the body is HEC's JSON, its {@code text},
 * {@code code}, {@code invalid-event-number} and {@code ackId}. A body that is not HEC's JSON (a proxy's
 * error page, another server) keeps its beginning as the text, so messages can show it.
 *
 * @param code HEC's status code, or null when the body had none
 * @param invalidEventNumber zero-based position of the refused event in the request, or null
 * @param ackId the request's acknowledgement id (indexer acknowledgement on), or null
 * @param members the body's members when it was a JSON object, else empty
 */
record HecAnswer(
        int status, Integer code, String text, Integer invalidEventNumber, Long ackId, Map<String, Object> members) {

    /** HEC codes of a refused event; the events before it were indexed. */
    static final int INVALID_DATA_FORMAT = 6;

    static final int INCORRECT_INDEX = 7;
    static final int EVENT_FIELD_REQUIRED = 12;
    static final int EVENT_FIELD_BLANK = 13;
    static final int INDEXED_FIELDS = 15;
    static final int NO_DATA = 5;
    static final int CHANNEL_MISSING = 10;
    static final int ACK_DISABLED = 14;
    static final int TOKEN_DISABLED = 1;
    static final int HEALTH_INVALID_TOKEN = 21;
    static final int HEALTH_TOKEN_DISABLED = 22;

    private static final int MAX_TEXT = 200;

    static HecAnswer of(int status, String body) {
        Object parsed;
        try {
            parsed = Json.parse(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return new HecAnswer(status, null, excerpt(body), null, null, Map.of());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) map;
        Object text = members.get("text");
        return new HecAnswer(
                status,
                integer(members.get("code")),
                text instanceof String s ? s : null,
                integer(members.get("invalid-event-number")),
                members.get("ackId") instanceof BigDecimal id ? id.longValue() : null,
                members);
    }

    boolean success() {
        return status == 200 && (code == null || code == 0);
    }

    /** An event of the request was refused: HEC indexed the ones before it, none after. */
    boolean eventRefused() {
        return status == 400
                && invalidEventNumber != null
                && code != null
                && (code == INVALID_DATA_FORMAT
                        || code == EVENT_FIELD_REQUIRED
                        || code == EVENT_FIELD_BLANK
                        || code == INDEXED_FIELDS);
    }

    boolean hasCode(int expected) {
        return code != null && code == expected;
    }

    /** E.g. {@code 403 "Invalid token" (code 4)}. */
    String describe() {
        StringBuilder out = new StringBuilder().append(status);
        if (text != null && !text.isBlank()) {
            out.append(" \"").append(text).append('"');
        }
        if (code != null) {
            out.append(" (code ").append(code).append(')');
        }
        return out.toString();
    }

    private static Integer integer(Object value) {
        if (value instanceof BigDecimal number) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_TEXT ? flat : flat.substring(0, MAX_TEXT) + "…";
    }
}
