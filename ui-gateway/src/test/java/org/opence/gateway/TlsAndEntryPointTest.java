package org.opence.gateway;

import java.net.URL;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class TlsAndEntryPointTest {

    @TestHTTPResource(tls = true)
    URL https;

    @TestHTTPResource
    URL http;

    /** The management interface listens on this fixed port in tests (application.properties). */
    private static final String HEALTH = "http://127.0.0.1:19090/q/health";

    @Test
    void shouldSpeakTls13() throws Exception {
        try (SSLSocket socket = handshake("TLSv1.3")) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void shouldRefuseTls12UnlessTheOperatorAllowsIt() {
        assertThatThrownBy(() -> handshake("TLSv1.2").close()).isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void shouldRedirectPlainHttpToHttps() {
        given().redirects()
                .follow(false)
                .when()
                .get(http.toString() + "api/system/status?x=1")
                .then()
                .statusCode(301)
                .header("Location", equalTo("https://console.example:8443/api/system/status?x=1"));
        // a forged Host header does not choose where the user goes
        given().redirects()
                .follow(false)
                .header("Host", "evil.example")
                .when()
                .get(http.toString() + "settings")
                .then()
                .statusCode(301)
                .header("Location", equalTo("https://console.example:8443/settings"));
    }

    @Test
    void shouldServeTheConsoleAtEveryPageAddressButNotForTheApi() {
        for (String page : new String[] {"", "settings/users", "logging?level=error", "cls/parked"}) {
            given().relaxedHTTPSValidation()
                    .when()
                    .get(https.toString() + page)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Cache-Control", "no-cache")
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("X-Frame-Options", "DENY")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Strict-Transport-Security", containsString("max-age="))
                    .body(containsString("<title>Open Cloud Exchange</title>"))
                    .body(containsString("<div id=\"root\">"));
        }
        // the build's files are cached, a file that is not there is a 404 (not the page)
        String index = given().relaxedHTTPSValidation().get(https.toString()).asString();
        java.util.regex.Matcher script =
                java.util.regex.Pattern.compile("/assets/[^\"]+\\.js").matcher(index);
        assertThat(script.find()).as("the page loads its script from /assets/").isTrue();
        given().relaxedHTTPSValidation()
                .when()
                .get(https.toString() + script.group().substring(1))
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("immutable"));
        given().relaxedHTTPSValidation()
                .when()
                .get(https.toString() + "assets/missing-file.js")
                .then()
                .statusCode(404);
        // an address under /api that no service owns stays a problem, never the page
        given().relaxedHTTPSValidation()
                .when()
                .get(https.toString() + "api/nothing-here")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void shouldReportItsHealthOnTheManagementPortOnly() {
        given().when()
                .get(HEALTH)
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'service' }.data.name", equalTo("ui-gateway"));
        given().relaxedHTTPSValidation()
                .when()
                .get(https.toString() + "q/health")
                .then()
                .statusCode(404);
    }

    private SSLSocket handshake(String protocol) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", https.getPort());
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket;
    }

    /** The test checks protocols, not the certificate chain. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
