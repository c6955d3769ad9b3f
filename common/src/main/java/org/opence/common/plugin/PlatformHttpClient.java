package org.opence.common.plugin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.opence.plugin.api.PluginHttpClient;

/**
 * The platform's outbound HTTP client: connect and request timeouts, the Open CE user agent, the
 * settings' proxy and TLS choices, and bounded retries of 429 and 503 after their {@code Retry-After}
 * (seconds), at most {@code maxRetries} times and never waiting longer than {@code maxWait}.
 *
 * <p>Proxy credentials go to the proxy only, as a {@code Proxy-Authorization: Basic} header that this
 * client adds to each request: on a plain HTTP request the proxy takes it off before forwarding, on
 * HTTPS the JDK puts it on the {@code CONNECT} that opens the tunnel and never on the request inside.
 * No {@link java.net.Authenticator} is installed: with one, the JDK client takes charge of every
 * {@code Authorization} header itself, drops the one a plugin set (a bearer or Splunk token) and fails
 * a 401 without {@code WWW-Authenticate}. The JDK refuses Basic on tunnels unless the system property
 * {@value #TUNNEL_SCHEMES} says otherwise; it is read once, when the JDK's client is first used, so
 * this class clears it first (and {@code scripts/start} and the tests set it on the command line).
 * A proxy that refuses the request (407, or a tunnel it does not open) is a {@link ProxyRefused} naming
 * the proxy.
 */
public final class PlatformHttpClient implements PluginHttpClient {

    static final String TUNNEL_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    static {
        if (System.getProperty(TUNNEL_SCHEMES) == null) {
            System.setProperty(TUNNEL_SCHEMES, "");
        }
    }

    /**
     * A JDK client builder for calls inside Open CE (health probes), made only after Basic on tunnels was
     * allowed: the JDK reads that setting once, when its first client is built, whoever builds it.
     */
    public static HttpClient.Builder jdkBuilder() {
        return HttpClient.newBuilder();
    }

    /** Makes sure the JDK's tunnel setting is in place (this class's initialisation does it). */
    public static void prepare() {
        // the static initialiser above has run by the time this is called
    }

    /** The proxy refused to carry a request: wrong or missing credentials, or a tunnel it would not open. */
    public static final class ProxyRefused extends IOException {
        public ProxyRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client;
    /** {@code host:port} of the proxy, or null for direct calls. */
    private final String proxyName;
    /** The {@code Proxy-Authorization} value, or null. */
    private final String proxyAuthorization;

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
        this(version, connectTimeout, requestTimeout, maxRetries, maxWait, network, true);
    }

    /** @param followRedirects false hands a redirect to the caller instead of following it */
    public PlatformHttpClient(
            String version,
            Duration connectTimeout,
            Duration requestTimeout,
            int maxRetries,
            Duration maxWait,
            NetworkSettings network,
            boolean followRedirects) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .sslContext(Tls.context(network));
        String name = null;
        String authorization = null;
        if (network.proxy().isPresent()) {
            URI proxy = network.proxy().get();
            int port = proxy.getPort() < 0 ? 3128 : proxy.getPort();
            builder.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), port)));
            name = proxy.getHost() + ":" + port;
            if (proxy.getUserInfo() != null && !proxy.getUserInfo().isEmpty()) {
                // getUserInfo decodes: "ops:p@ss:word" is the user "ops" with the password "p@ss:word"
                authorization = "Basic "
                        + Base64.getEncoder().encodeToString(proxy.getUserInfo().getBytes(StandardCharsets.UTF_8));
            }
        }
        this.proxyName = name;
        this.proxyAuthorization = authorization;
        this.client = builder.build();
        this.userAgent = "OpenCloudExchange/" + version;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        request,
                        (name, value) ->
                                !name.equalsIgnoreCase("User-Agent") && !name.equalsIgnoreCase("Proxy-Authorization"))
                .header("User-Agent", userAgent)
                .timeout(request.timeout().orElse(requestTimeout));
        if (proxyAuthorization != null) {
            builder.header("Proxy-Authorization", proxyAuthorization);
        }
        HttpRequest prepared = builder.build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<T> response = sendOnce(prepared, handler);
            int status = response.statusCode();
            if ((status != 429 && status != 503) || attempt >= maxRetries) {
                return response;
            }
            Thread.sleep(waitFor(response.headers().firstValue("Retry-After"), attempt)
                    .toMillis());
        }
    }

    private <T> HttpResponse<T> sendOnce(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response;
        try {
            response = client.send(request, handler);
        } catch (IOException e) {
            // the JDK's words for a CONNECT the proxy did not answer with 200
            if (proxyName != null && String.valueOf(e.getMessage()).contains("Unable to tunnel through proxy")) {
                throw refused(e.getMessage().replaceFirst("(?s).*Proxy returns \"([^\"]*)\".*", "$1"), request, e);
            }
            throw e;
        }
        if (proxyName != null && response.statusCode() == 407) {
            throw refused("HTTP 407", request, null);
        }
        return response;
    }

    private ProxyRefused refused(String answer, HttpRequest request, Throwable cause) {
        String what = answer.contains("407")
                ? (proxyAuthorization == null
                        ? "asks for credentials (" + answer + "): set the proxy's username and password in"
                                + " Settings > General"
                        : "refused the username and password of Settings > General (" + answer + ")")
                : "would not carry the request (" + answer + ")";
        return new ProxyRefused(
                "The proxy " + proxyName + " " + what + "; calling "
                        + request.uri().getHost() + " through it failed",
                cause);
    }

    /** {@code host:port} of the proxy calls go through, if any. */
    public Optional<String> proxy() {
        return Optional.ofNullable(proxyName);
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
