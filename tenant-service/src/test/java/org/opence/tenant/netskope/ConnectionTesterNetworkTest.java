package org.opence.tenant.netskope;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.common.plugin.NetworkSettings;
import org.opence.common.plugin.OutboundHttp;
import org.opence.testsupport.TestCertificates;
import org.opence.testsupport.http.ForwardProxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant connection test goes out as ingest does (issue 16.3): through the settings' proxy when the
 * tenant uses it, trusting the settings' extra CA certificates; before, it had an HTTP client of its own
 * that ignored both, and the JDK's "PKIX path building failed: sun.security…" reached the user.
 */
class ConnectionTesterNetworkTest {

    private HttpsServer tenant;
    private String pem;
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        KeyStore keys = TestCertificates.selfSigned();
        pem = TestCertificates.certificatePem(keys);
        tenant = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tenant.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(keys)));
        tenant.createContext(ConnectionTester.V2_PROBE, exchange -> {
            tokens.add(exchange.getRequestHeaders().getFirst("Netskope-Api-Token"));
            byte[] body = "{\"ok\":1,\"result\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tenant.start();
    }

    @AfterEach
    void stop() {
        tenant.stop(0);
    }

    @Test
    void shouldReachTheTenantThroughTheSettingsProxyTrustingTheSettingsCa() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.withCredentials("ops", "pw")) {
            ConnectionTester tester = tester(network("ops:pw@", proxy, pem));

            TenantModels.TestResult result = tester.test(baseUrl(), null, "v2-token", true);

            assertThat(result.checks())
                    .singleElement()
                    .satisfies(c -> assertThat(c.ok()).as(c.detail()).isTrue());
            assertThat(tokens).containsExactly("v2-token");
            assertThat(proxy.seen()).singleElement().satisfies(r -> assertThat(r.method())
                    .isEqualTo("CONNECT"));
        }
    }

    @Test
    void shouldGoDirectForATenantThatDoesNotUseTheProxy() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.withCredentials("ops", "pw")) {
            ConnectionTester tester = tester(network("ops:pw@", proxy, pem));

            TenantModels.TestResult result = tester.test(baseUrl(), null, "v2-token", false);

            assertThat(result.ok()).isTrue();
            assertThat(proxy.seen()).isEmpty();
        }
    }

    @Test
    void shouldSayInWordsThatTheCertificateIsNotTrustedAndNameTheProxyThatRefuses() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.withCredentials("ops", "pw")) {
            TenantModels.Check untrusted = tester(network("ops:pw@", proxy, null))
                    .test(baseUrl(), null, "v2-token", true)
                    .checks()
                    .get(0);
            assertThat(untrusted.stage()).isEqualTo("tls");
            assertThat(untrusted.detail())
                    .contains("is not trusted here")
                    .contains("through the proxy 127.0.0.1:" + proxy.port())
                    .contains("extra CA certificates")
                    .doesNotContain("sun.security")
                    .doesNotContain("PKIX");

            TenantModels.Check refused = tester(network("ops:wrong@", proxy, pem))
                    .test(baseUrl(), null, "v2-token", true)
                    .checks()
                    .get(0);
            assertThat(refused.stage()).isEqualTo("proxy");
            assertThat(refused.detail())
                    .contains("The proxy 127.0.0.1:" + proxy.port())
                    .contains("refused the username and password");
            assertThat(tokens).as("the token never reached the tenant").isEmpty();
        }
    }

    private String baseUrl() {
        return "https://127.0.0.1:" + tenant.getAddress().getPort();
    }

    private static NetworkSettings network(String userInfo, ForwardProxy proxy, String extraCa) {
        return new NetworkSettings(
                Optional.of(URI.create("http://" + userInfo + "127.0.0.1:" + proxy.port())),
                Optional.empty(),
                true,
                Optional.ofNullable(extraCa));
    }

    private static ConnectionTester tester(NetworkSettings network) {
        return new ConnectionTester(new ObjectMapper(), new OutboundHttp("0.1.0", network));
    }
}
