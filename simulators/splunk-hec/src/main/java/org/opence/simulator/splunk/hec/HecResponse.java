package org.opence.simulator.splunk.hec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of every HEC answer: {@code {"text": ..., "code": N}}, with {@code invalid-event-number} on a
 * refused event of a batch and {@code ackId} on an accepted request of a token with indexer
 * acknowledgement.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"text", "code", "invalid-event-number", "ackId"})
public record HecResponse(
        String text,
        int code,
        @JsonProperty("invalid-event-number") Integer invalidEventNumber,
        Long ackId) {

    public static HecResponse of(HecCode code) {
        return new HecResponse(code.text(), code.code(), null, null);
    }

    public static HecResponse success(Long ackId) {
        return new HecResponse(HecCode.SUCCESS.text(), HecCode.SUCCESS.code(), null, ackId);
    }
}
