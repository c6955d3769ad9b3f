package org.opence.simulator.splunk.hec;

import java.util.Map;

/** The answer of {@code /services/collector/ack}: {@code {"acks": {"0": true, "1": false}}}. */
public record AckAnswer(Map<String, Boolean> acks) {}
