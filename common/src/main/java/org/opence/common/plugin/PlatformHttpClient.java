package org.opence.common.plugin;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.opence.plugin.api.PluginHttpClient;

/**
 * The HTTP client plugins get: connect and request timeouts, the Open CE user agent, and bounded
 * retries of 429 and 503 after their {@code Retry-After} (seconds), at most {@code maxRetries} times
 * and never waiting longer than {@code maxWait}. The proxy of the settings joins it with issue 7.
 */
public final class PlatformHttpClient implements PluginHttpClient {

    private final HttpClient client;
    private final String userAgent;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration maxWait;

    public PlatformHttpClient(
            String version, Duration connectTimeout, Duration requestTimeout, int maxRetries, Duration maxWait) {
        this(version, connectTimeout, requestTimeout, maxRetries, maxWait, NetworkSettings.direct());
    }

    public PlatformHttpClient(
            String version,
            Duration connectTimeout,
            Duration requestTimeout,
            int maxRetries,
            Duration maxWait,
            NetworkSettings network) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(Tls.context(network));
        network.proxy().ifPresent(proxy -> {
            builder.proxy(java.net.ProxySelector.of(
                    new java.net.InetSocketAddress(proxy.getHost(), proxy.getPort() < 0 ? 3128 : proxy.getPort())));
            if (proxy.getUserInfo() != null) {
                String[] credentials = proxy.getUserInfo().split(":", 2);
                builder.authenticator(new java.net.Authenticator() {
                    @Override
                    protected java.net.PasswordAuthentication getPasswordAuthentication() {
                        return getRequestorType() == RequestorType.PROXY
                                ? new java.net.PasswordAuthentication(
                                        credentials[0], (credentials.length > 1 ? credentials[1] : "").toCharArray())
                                : null;
                    }
                });
            }
        });
        this.client = builder.build();
        this.userAgent = "OpenCloudExchange/" + version;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest prepared = HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("User-Agent"))
                .header("User-Agent", userAgent)
                .timeout(request.timeout().orElse(requestTimeout))
                .build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<T> response = client.send(prepared, handler);
            int status = response.statusCode();
            if ((status != 429 && status != 503) || attempt >= maxRetries) {
                return response;
            }
            Thread.sleep(waitFor(response.headers().firstValue("Retry-After"), attempt)
                    .toMillis());
        }
    }

    private Duration waitFor(Optional<String> retryAfter, int attempt) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempt, 5));
        if (retryAfter.isPresent()) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.get().trim()));
            } catch (NumberFormatException e) {
                // an HTTP date: keep the exponential wait
            }
        }
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
