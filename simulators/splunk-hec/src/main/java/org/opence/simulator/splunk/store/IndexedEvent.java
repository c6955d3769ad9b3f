package org.opence.simulator.splunk.store;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event as the collector indexed it: the metadata after defaults ({@code time} in epoch seconds as
 * sent or the arrival time), the indexed {@code fields} when there were any, and the event itself (a
 * string or JSON as sent). {@code endpoint} and {@code channel} say how it arrived.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"time", "host", "source", "sourcetype", "index", "fields", "event", "endpoint", "channel"})
public record IndexedEvent(
        BigDecimal time,
        String host,
        String source,
        String sourcetype,
        String index,
        JsonNode fields,
        JsonNode event,
        String endpoint,
        String channel) {}
