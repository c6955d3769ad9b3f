package org.opence.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.opence.common.ingest.TenantAddress;
import org.opence.common.plugin.PlatformHttpClient;

/**
 * The two ways of reading a tenant: the v2 Data Export iterator and the v1 time-window endpoints.
 * Answers come back unread (an {@link InputStream}), so a page streams into its batches.
 */
final class NetskopeClient {

    /** An answer: status, Retry-After if any, and the body to read (and close). */
    record Answer(int status, Optional<Duration> retryAfter, InputStream body) implements AutoCloseable {
        String text() throws IOException {
            try (InputStream in = body) {
                byte[] bytes = in.readNBytes(4096);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private final PlatformHttpClient http;
    private final Duration timeout;
    private final boolean allowHttpOnLoopback;

    /**
     * @param http the platform's client (proxy, TLS, user agent), without retries of its own
     * @param allowHttpOnLoopback the development switch: plain http:// only to a loopback simulator
     */
    NetskopeClient(PlatformHttpClient http, Duration timeout, boolean allowHttpOnLoopback) {
        this.http = http;
        this.timeout = timeout;
        this.allowHttpOnLoopback = allowHttpOnLoopback;
    }

    Answer iterator(String baseUrl, String token, StreamKey stream, String index, String operation)
            throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + "/api/v2/events/dataexport/" + stream.kind() + "/" + stream.subtype() + "?index="
                + enc(index) + "&operation=" + enc(operation));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Netskope-Api-Token", token)
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(request);
    }

    Answer v1(String baseUrl, String token, StreamKey stream, long start, long end, int limit, int skip)
            throws IOException, InterruptedException {
        String query = "token=" + enc(token) + "&type=" + enc(stream.subtype()) + "&starttime=" + start + "&endtime="
                + end + "&limit=" + limit + "&skip=" + skip;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + stream.kind()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                // POST: the token stays out of URLs and access logs
                .POST(HttpRequest.BodyPublishers.ofString(query))
                .build();
        return send(request);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        if (!TenantAddress.mayCarryTokens(request.uri(), allowHttpOnLoopback)) {
            throw new IOException(
                    "the tenant's token is not sent to " + request.uri().getScheme() + "://"
                            + request.uri().getAuthority() + ": tenants must be reached over https://");
        }
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Optional<Duration> retryAfter =
                response.headers().firstValue("Retry-After").flatMap(NetskopeClient::seconds);
        return new Answer(response.statusCode(), retryAfter, response.body());
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
