package org.opence.simulator.splunk.hec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The body of an ack query, {@code {"acks": [0, 1, 2]}}; any other shape is invalid data (code 6). */
final class AckQuery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AckQuery() {}

    static List<Long> ackIds(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new HecException(HecCode.INVALID_DATA_FORMAT);
        }
        JsonNode acks = root == null ? null : root.get("acks");
        if (acks == null || !acks.isArray()) {
            throw new HecException(HecCode.INVALID_DATA_FORMAT);
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : acks) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 0) {
                throw new HecException(HecCode.INVALID_DATA_FORMAT);
            }
            ids.add(id.longValue());
        }
        return ids;
    }
}
