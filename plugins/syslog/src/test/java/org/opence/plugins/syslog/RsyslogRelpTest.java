package org.opence.plugins.syslog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.TestContext;
import org.opence.testsupport.Rsyslog;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opence.plugins.syslog.Fixtures.config;

/**
 * RELP to a real rsyslog with imrelp (Debian's rsyslog-relp), whose queues write each message to its
 * file before it is acknowledged. rsyslog is killed with SIGKILL in the middle of the stream and
 * started again on the same port: every message must be in the file afterwards.
 */
class RsyslogRelpTest {

    private static final Pattern ID = Pattern.compile("cn1=(\\d+)");

    @TempDir
    Path dir;

    private Rsyslog rsyslog;

    @AfterEach
    void stop() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void shouldLoseNothingWhenRsyslogIsKilledMidStream() throws Exception {
        rsyslog = Rsyslog.relp(dir.resolve("rsyslog"), null);
        TestContext context = TestContext.with(config("RELP", rsyslog.port()));
        SyslogPlugin plugin = Fixtures.plugin();
        int total = 30_000;
        AtomicInteger resent = new AtomicInteger();

        // Given 30,000 messages pushed in chunks, each retried until rsyslog acknowledged all of it
        Thread sender = new Thread(() -> {
            for (int from = 0; from < total; from += 1_000) {
                List<Object> chunk = Fixtures.cef(1_000, from);
                while (!chunk.isEmpty()) {
                    PushResult result = plugin.push(context, chunk, "alerts", "malware");
                    resent.addAndGet(result.resent());
                    List<Object> again = new ArrayList<>();
                    if (result.retryable()) {
                        if (result.failed().size() == 1
                                && result.failed().get(0).index() < 0) {
                            again.addAll(chunk);
                        } else {
                            List<Object> current = chunk;
                            result.failed().forEach(f -> again.add(current.get(f.index())));
                        }
                        sleep(300);
                    }
                    chunk = again;
                }
            }
        });
        sender.start();

        // When rsyslog is killed once a third has arrived, and comes back two seconds later
        await().atMost(60, SECONDS).until(() -> rsyslog.count() >= 10_000);
        rsyslog.kill();
        Thread.sleep(2_000);
        rsyslog.restart();
        sender.join(TimeUnit.MINUTES.toMillis(3));

        // Then every message is in rsyslog's file; only messages in flight at the kill came twice
        Set<Integer> ids = ids(rsyslog.lines());
        assertThat(ids).hasSize(total);
        long duplicates = rsyslog.count() - total;
        System.out.printf(
                "FIGURES RELP to rsyslog killed mid-stream: %d messages, %d in the file, %d duplicates, %d resent%n",
                total, rsyslog.count(), duplicates, resent.get());
        assertThat(duplicates).isLessThanOrEqualTo(SyslogSettings.DEFAULT_RELP_WINDOW + 1_000);
    }

    @Test
    void shouldDeliverOverTlsToImrelp() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path certificate = keys.resolve("cert.pem");
        Path key = keys.resolve("key.pem");
        Path clientCertificate = keys.resolve("client-cert.pem");
        Path clientKey = keys.resolve("client-key.pem");
        openssl(key, certificate, "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        openssl(clientKey, clientCertificate, "/CN=opence", "subjectAltName=DNS:opence");
        rsyslog = Rsyslog.relp(
                dir.resolve("rsyslog-tls"), new Rsyslog.Tls(certificate, key, clientCertificate, "opence"));
        Map<String, Object> config = config("RELP_TLS", rsyslog.port());
        config.put("caCertificate", Files.readString(certificate));
        config.put("clientCertificate", Files.readString(clientCertificate));
        config.put("clientKey", Files.readString(clientKey));

        PushResult result =
                Fixtures.plugin().push(TestContext.with(config), Fixtures.cef(5_000, 0), "alerts", "malware");

        assertThat(result)
                .as(() -> {
                    try {
                        return new String(
                                Files.readAllBytes(dir.resolve("rsyslog-tls/rsyslogd.out")),
                                java.nio.charset.StandardCharsets.ISO_8859_1);
                    } catch (java.io.IOException e) {
                        return e.toString();
                    }
                })
                .isEqualTo(PushResult.allAccepted(5_000));
        await().atMost(30, SECONDS).until(() -> rsyslog.count() >= 5_000);
        assertThat(ids(rsyslog.lines())).hasSize(5_000);
        assertThat(rsyslog.count()).isEqualTo(5_000);
    }

    /** A self-signed certificate and its PKCS #8 key, made by the openssl command line. */
    private static void openssl(Path key, Path certificate, String subject, String extension) throws Exception {
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        certificate.toString(),
                        "-days",
                        "2",
                        "-subj",
                        subject,
                        "-addext",
                        extension)
                .redirectErrorStream(true)
                .start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(output).isZero();
    }

    private static Set<Integer> ids(List<String> lines) {
        Set<Integer> ids = new HashSet<>();
        for (String line : lines) {
            Matcher m = ID.matcher(line);
            if (m.find()) {
                ids.add(Integer.parseInt(m.group(1)));
            }
        }
        return ids;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
