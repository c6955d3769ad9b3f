package org.opence.plugins.splunkhec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.opence.plugin.api.PluginHttpClient;

/**
 * The collector's endpoints, called through the platform's HTTP client (proxy, TLS, timeouts, 429/503
 * retries): events, acknowledgements, health. HTTP/1.1 as HEC speaks it; the token in
 * {@code Authorization: Splunk <token>}; the channel in {@code X-Splunk-Request-Channel}.
 */
final class HecClient {

    static final String CHANNEL_HEADER = "X-Splunk-Request-Channel";

    /** Short calls: an acknowledgement query, a health or token check. */
    static final Duration SHORT_TIMEOUT = Duration.ofSeconds(10);

    private final PluginHttpClient http;
    private final HecSettings settings;

    HecClient(PluginHttpClient http, HecSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    URI url() {
        return settings.url();
    }

    /** The body after compression, when gzip is on: what goes on the wire. */
    byte[] encode(byte[] body) {
        return settings.gzip() ? gzip(body) : body;
    }

    /** Posts concatenated event objects ({@link #encode encoded} already); {@code channel} may be null. */
    HecAnswer postEvents(byte[] encoded, String channel) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(settings.eventUri(), channel)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoded));
        if (settings.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        return send(request.build());
    }

    /**
     * Which of {@code ackIds} the indexers have acknowledged. The collector forgets an ackId once it
     * reported it {@code true}, so the caller must remember those.
     *
     * @return the answer and the status per ackId (empty unless the answer was 200)
     */
    AckStatus queryAcks(Collection<Long> ackIds, String channel) throws IOException, InterruptedException {
        StringJoiner ids = new StringJoiner(",", "{\"acks\":[", "]}");
        ackIds.forEach(id -> ids.add(Long.toString(id)));
        HecAnswer answer = send(request(settings.ackUri(channel), channel)
                .timeout(SHORT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ids.toString()))
                .build());
        Map<Long, Boolean> acks = new HashMap<>();
        if (answer.status() == 200 && answer.members().get("acks") instanceof Map<?, ?> map) {
            map.forEach((id, done) -> {
                try {
                    acks.put(Long.parseLong(String.valueOf(id)), Boolean.TRUE.equals(done));
                } catch (NumberFormatException e) {
                    // not an ackId of ours
                }
            });
        }
        return new AckStatus(answer, acks);
    }

    /** {@code GET /services/collector/health} with the token: checks both where Splunk supports it. */
    HecAnswer health() throws IOException, InterruptedException {
        return send(
                request(settings.healthUri(), null).timeout(SHORT_TIMEOUT).GET().build());
    }

    /**
     * Posts an empty body: a valid token answers 400 "No data" (code 5) without anything being
     * indexed; a wrong one 401 or 403.
     */
    HecAnswer probeToken(String channel) throws IOException, InterruptedException {
        return send(request(settings.eventUri(), channel)
                .timeout(SHORT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** The answer of an acknowledgement query and what it said per ackId. */
    record AckStatus(HecAnswer answer, Map<Long, Boolean> acks) {}

    private HttpRequest.Builder request(URI uri, String channel) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Splunk " + settings.token());
        if (channel != null) {
            builder.header(CHANNEL_HEADER, channel);
        }
        return builder;
    }

    private HecAnswer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return HecAnswer.of(response.statusCode(), response.body());
    }

    /** gzip at the fastest level: CEF and JSON still shrink to a fraction, for a fraction of the CPU. */
    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (OutputStream zip = new FastGzip(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new IllegalStateException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 65_536);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
