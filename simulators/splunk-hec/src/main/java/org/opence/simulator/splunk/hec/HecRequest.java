package org.opence.simulator.splunk.hec;

import java.util.Map;

/**
 * What the collector reads from a request: the path, the credentials (header and {@code ?token=}), the
 * channel (header and {@code ?channel=}), {@code Content-Encoding}, the {@code Host} it was sent to,
 * the other query parameters (first values) and the body as received.
 */
public record HecRequest(
        String path,
        String authorization,
        String queryToken,
        String channelHeader,
        String channelQuery,
        String contentEncoding,
        String hostHeader,
        Map<String, String> query,
        byte[] body) {

    public HecRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** A query parameter, {@code null} when absent or blank. */
    String param(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
