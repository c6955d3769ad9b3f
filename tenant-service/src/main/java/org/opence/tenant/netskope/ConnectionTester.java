package org.opence.tenant.netskope;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.plugin.OutboundErrors;
import org.opence.common.plugin.OutboundHttp;
import org.opence.common.plugin.PlatformHttpClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tries each given token against the tenant and says exactly where it failed: name resolution,
 * connection, TLS, authentication (401) or a missing scope (403), naming the endpoint whose scope is
 * missing. It reads only: a data-export {@code head} under an index of its own, and one v1 alert.
 */
@ApplicationScoped
public class ConnectionTester {

    static final String V2_PROBE = "/api/v2/events/dataexport/alerts/malware";
    static final String V2_INDEX = "opence-connection-test";
    static final String V1_PROBE = "/api/v1/alerts";

    private final ObjectMapper mapper;
    private final OutboundHttp outbound;

    public ConnectionTester(ObjectMapper mapper, OutboundHttp outbound) {
        this.mapper = mapper;
        this.outbound = outbound;
    }

    /**
     * @param useSystemProxy whether the tenant's calls go through the settings' proxy, as ingest makes them
     *     (the test takes the same path; the settings' extra CA certificates and checks apply either way)
     */
    public TenantModels.TestResult test(String baseUrl, String v1Token, String v2Token, boolean useSystemProxy) {
        List<TenantModels.Check> checks = new ArrayList<>();
        String host = URI.create(baseUrl).getHost();
        PlatformHttpClient client = outbound.client(OutboundHttp.Profile.CHECKS, useSystemProxy);
        boolean viaProxy = client.proxy().isPresent();
        if (!viaProxy) { // through a proxy, the proxy resolves the name
            try {
                java.net.InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                for (String token : v2Token != null && v1Token != null
                        ? List.of("v2", "v1")
                        : List.of(v2Token != null ? "v2" : "v1")) {
                    checks.add(dnsFailure(token, host));
                }
                return new TenantModels.TestResult(false, baseUrl, checks);
            }
        }
        if (v2Token != null) {
            checks.add(testV2(client, baseUrl, v2Token));
        }
        if (v1Token != null) {
            checks.add(testV1(client, baseUrl, v1Token));
        }
        return new TenantModels.TestResult(checks.stream().allMatch(TenantModels.Check::ok), baseUrl, checks);
    }

    private TenantModels.Check testV2(PlatformHttpClient client, String baseUrl, String token) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + V2_PROBE + "?index=" + V2_INDEX + "&operation=head"))
                .timeout(Duration.ofSeconds(20))
                .header("Netskope-Api-Token", token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 ->
                    new TenantModels.Check("v2", true, "ok", "The v2 token works: data export of alerts is readable.");
                case 401 ->
                    new TenantModels.Check(
                            "v2",
                            false,
                            "auth",
                            "The tenant refused the v2 token (401): it is wrong, revoked or expired.");
                case 403 ->
                    new TenantModels.Check(
                            "v2",
                            false,
                            "scope",
                            "The v2 token lacks the read scope of GET " + V2_PROBE + " (403)" + message(response.body())
                                    + ". Add the data-export endpoints to the token's scopes in the tenant (Settings > Tools > REST API v2).");
                case 429 ->
                    new TenantModels.Check(
                            "v2",
                            true,
                            "ok",
                            "The v2 token was accepted, but the tenant is rate limiting (429); try again shortly.");
                default ->
                    new TenantModels.Check(
                            "v2",
                            false,
                            "http",
                            "Unexpected answer HTTP " + response.statusCode() + " from " + baseUrl + V2_PROBE
                                    + message(response.body()));
            };
        } catch (Exception e) {
            return transportFailure("v2", baseUrl, client, e);
        }
    }

    private TenantModels.Check testV1(PlatformHttpClient client, String baseUrl, String token) {
        String form =
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&type=malware&timeperiod=3600&limit=1";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + V1_PROBE))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                return new TenantModels.Check(
                        "v1", false, "auth", "The tenant refused the v1 token (HTTP " + response.statusCode() + ").");
            }
            if (response.statusCode() != 200) {
                return new TenantModels.Check(
                        "v1",
                        false,
                        "http",
                        "Unexpected answer HTTP " + response.statusCode() + " from " + baseUrl + V1_PROBE);
            }
            JsonNode body = mapper.readTree(response.body());
            if ("success".equals(body.path("status").asText())) {
                return new TenantModels.Check("v1", true, "ok", "The v1 token works: alerts are readable.");
            }
            return new TenantModels.Check(
                    "v1", false, "auth", "The tenant refused the v1 token: " + body.path("errors"));
        } catch (Exception e) {
            return transportFailure("v1", baseUrl, client, e);
        }
    }

    private static TenantModels.Check transportFailure(
            String token, String baseUrl, PlatformHttpClient client, Exception e) {
        String host = URI.create(baseUrl).getHost();
        String path = client.proxy().map(p -> " through the proxy " + p).orElse("");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PlatformHttpClient.ProxyRefused) {
                return new TenantModels.Check(token, false, "proxy", t.getMessage() + ".");
            }
            if (t instanceof UnknownHostException) {
                return new TenantModels.Check(
                        token,
                        false,
                        "dns",
                        "The name " + host + " does not resolve" + path
                                + ": check the tenant name, DNS, or the proxy setting.");
            }
            if (t instanceof SSLException) {
                String words = OutboundErrors.describe(t, URI.create(baseUrl), client.proxy());
                return new TenantModels.Check(
                        token, false, "tls", Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".");
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return new TenantModels.Check(
                        token,
                        false,
                        "timeout",
                        host + " did not answer in time" + path + ": check the network path or proxy.");
            }
            if (t instanceof ConnectException) {
                return new TenantModels.Check(
                        token,
                        false,
                        "connect",
                        "Cannot connect to " + baseUrl + path
                                + (path.isEmpty() ? "" : " (the proxy refused the connection or is down)") + ".");
            }
        }
        String words = OutboundErrors.describe(e, URI.create(baseUrl), client.proxy());
        return new TenantModels.Check(
                token, false, "connect", Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".");
    }

    private static TenantModels.Check dnsFailure(String token, String host) {
        return new TenantModels.Check(
                token,
                false,
                "dns",
                "The name " + host + " does not resolve: check the tenant name, DNS, or the proxy setting.");
    }

    private String message(String body) {
        try {
            JsonNode json = mapper.readTree(body);
            String m = json.path("message").asText(null);
            return m == null ? "" : ": \"" + m + "\"";
        } catch (Exception e) {
            return "";
        }
    }
}
