package org.opence.simulator.splunk.hec;

import java.util.Locale;

/**
 * The HEC status codes with their HTTP status and text, as Splunk's "Troubleshoot HTTP Event Collector"
 * page lists them. Codes 21 and 22 are the health endpoint's own answers for a bad token.
 */
public enum HecCode {
    SUCCESS(0, 200, "Success"),
    TOKEN_DISABLED(1, 403, "Token disabled"),
    TOKEN_REQUIRED(2, 401, "Token is required"),
    INVALID_AUTHORIZATION(3, 401, "Invalid authorization"),
    INVALID_TOKEN(4, 403, "Invalid token"),
    NO_DATA(5, 400, "No data"),
    INVALID_DATA_FORMAT(6, 400, "Invalid data format"),
    INCORRECT_INDEX(7, 400, "Incorrect index"),
    INTERNAL_SERVER_ERROR(8, 500, "Internal server error"),
    SERVER_BUSY(9, 503, "Server is busy"),
    DATA_CHANNEL_MISSING(10, 400, "Data channel is missing"),
    INVALID_DATA_CHANNEL(11, 400, "Invalid data channel"),
    EVENT_FIELD_REQUIRED(12, 400, "Event field is required"),
    EVENT_FIELD_BLANK(13, 400, "Event field cannot be blank"),
    ACK_DISABLED(14, 400, "ACK is disabled"),
    INDEXED_FIELDS_ERROR(15, 400, "Error in handling indexed fields"),
    QUERY_STRING_AUTH_DISABLED(16, 400, "Query string authorization is not enabled"),
    HEALTHY(17, 200, "HEC is healthy"),
    UNHEALTHY_QUEUES_FULL(18, 503, "HEC is unhealthy, queues are full"),
    HEALTH_INVALID_TOKEN(21, 400, "Invalid token"),
    HEALTH_TOKEN_DISABLED(22, 400, "Token disabled");

    private final int code;
    private final int httpStatus;
    private final String text;

    HecCode(int code, int httpStatus, String text) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String text() {
        return text;
    }

    /** The outcome name the statistics count this answer under, e.g. {@code invalid-data-format}. */
    public String outcome() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
