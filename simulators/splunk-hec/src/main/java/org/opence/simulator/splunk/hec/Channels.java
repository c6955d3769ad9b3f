package org.opence.simulator.splunk.hec;

import java.util.regex.Pattern;

/**
 * The data channel of a request: the {@code X-Splunk-Request-Channel} header, else the {@code channel}
 * query parameter. A channel is a GUID; anything else is "Invalid data channel" (code 11). It is kept
 * as sent: ackIds belong to the exact channel string.
 */
final class Channels {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Channels() {}

    /**
     * The request's channel, or {@code null} when it has none and none is required.
     *
     * @throws HecException code 10 when a required channel is missing, code 11 when it is not a GUID
     */
    static String resolve(String header, String query, boolean required) {
        String channel = header != null && !header.isBlank() ? header.trim() : query;
        if (channel == null || channel.isBlank()) {
            if (required) {
                throw new HecException(HecCode.DATA_CHANNEL_MISSING);
            }
            return null;
        }
        if (!GUID.matcher(channel.trim()).matches()) {
            throw new HecException(HecCode.INVALID_DATA_CHANNEL);
        }
        return channel.trim();
    }
}
