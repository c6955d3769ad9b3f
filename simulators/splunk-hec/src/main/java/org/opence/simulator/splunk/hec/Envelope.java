package org.opence.simulator.splunk.hec;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a request as the client sent it, checked for shape: the {@code event} itself and the
 * optional metadata ({@code null} when absent). Defaults and the index check come later, per token.
 */
record Envelope(
        JsonNode event,
        BigDecimal time,
        String host,
        String source,
        String sourcetype,
        String index,
        ObjectNode fields) {}
