package org.opence.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/setup as an operator uses it: flags, re-runs that keep keys, own certificates, bad input. */
class SetupScriptTest {

    private Suite suite;

    @BeforeEach
    void createDataDirectory() throws Exception {
        suite = new Suite(Files.createTempDirectory("opence-setup"));
    }

    @AfterEach
    void deleteDataDirectory() throws Exception {
        suite.deleteDataDirectory();
    }

    @Test
    void shouldCreateKeysCertificateAndSettingsOnce() throws Exception {
        Suite.Run first = suite.script("setup", "--non-interactive", "--ui-port", "9443", "--tls12");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(Files.readString(suite.dataDir.resolve("ce.env")))
                .contains("CE_UI_PORT=9443")
                .contains("CE_TLS_PROTOCOLS=TLSv1.3,TLSv1.2");
        assertThat(Files.readString(suite.dataDir.resolve("ssl_certs/cte_cert.crt")))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(suite.dataDir.resolve("keys/jwt-private.pem")))
                .contains("PRIVATE KEY");
        assertThat(Files.readString(suite.dataDir.resolve("keys/jwt-public.pem")))
                .contains("PUBLIC KEY");
        assertThat(Files.readString(suite.dataDir.resolve("keys/master.key")).trim())
                .hasSize(44);
        assertThat(Files.getPosixFilePermissions(suite.dataDir.resolve("keys/master.key")))
                .as("only the owner may read the master key")
                .hasSize(2);

        // Re-running keeps every key and the settings it does not manage
        byte[] masterKey = Files.readAllBytes(suite.dataDir.resolve("keys/master.key"));
        Files.writeString(
                suite.dataDir.resolve("ce.env"),
                "CE_MONGODB_URI=mongodb://db:27017\n",
                java.nio.file.StandardOpenOption.APPEND);
        Suite.Run again = suite.script("setup", "--non-interactive");

        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("kept the existing keys and certificate");
        assertThat(Files.readAllBytes(suite.dataDir.resolve("keys/master.key"))).isEqualTo(masterKey);
        assertThat(Files.readString(suite.dataDir.resolve("ce.env")))
                .contains("CE_UI_PORT=9443")
                .contains("CE_MONGODB_URI=mongodb://db:27017");

        // --replace makes new ones
        suite.script("setup", "--non-interactive", "--replace");
        assertThat(Files.readAllBytes(suite.dataDir.resolve("keys/master.key"))).isNotEqualTo(masterKey);
    }

    @Test
    void shouldUseTheOperatorsOwnCertificate() throws Exception {
        Path own = Files.createTempDirectory("own-cert");
        Suite other = new Suite(own);
        other.script("setup", "--non-interactive");
        Path cert = own.resolve("ssl_certs/cte_cert.crt");
        Path key = own.resolve("ssl_certs/cte_cert_key.key");

        Suite.Run run = suite.script("setup", "--non-interactive", "--cert", cert.toString(), "--key", key.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.readString(suite.dataDir.resolve("ssl_certs/cte_cert.crt")))
                .isEqualTo(Files.readString(cert));
        other.deleteDataDirectory();
    }

    @Test
    void shouldSayWhatIsWrongWithBadInput() throws Exception {
        Path notACert = Files.writeString(suite.dataDir.resolve("x.crt"), "hello");

        Suite.Run badCert =
                suite.script("setup", "--non-interactive", "--cert", notACert.toString(), "--key", notACert.toString());
        Suite.Run badPort = suite.script("setup", "--non-interactive", "--ui-port", "http");
        Suite.Run unknown = suite.script("setup", "--colour");

        assertThat(badCert.exitCode()).isNotZero();
        assertThat(badCert.output()).contains("is not a PEM certificate");
        assertThat(badPort.exitCode()).isNotZero();
        assertThat(badPort.output()).contains("--ui-port must be a number from 1 to 65535, was 'http'");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("unknown option --colour").contains("Usage: scripts/setup");
    }

    @Test
    void shouldExplainEveryScriptWithHelp() throws Exception {
        for (String script : new String[] {"setup", "start", "stop", "status", "test"}) {
            Suite.Run help = suite.script(script, "--help");
            assertThat(help.exitCode()).as(script).isZero();
            assertThat(help.output()).as(script).contains("Usage: scripts/" + script);
        }
    }
}
