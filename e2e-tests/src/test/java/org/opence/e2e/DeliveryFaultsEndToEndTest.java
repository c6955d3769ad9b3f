package org.opence.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.NetskopeSimulator;
import org.opence.testsupport.syslog.RelpReceiver;
import org.opence.testsupport.syslog.TcpReceiver;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Log Shipper promises when the receiver misbehaves, on the whole suite: a tenant (the
 * simulator) shipped by one SIEM mapping to two syslog destinations whose receivers are written in the
 * tests (a RELP server and an octet-counting TCP server, not the plugin's code). Both cut every
 * connection (RELP after 2,500 messages, the last one unanswered; TCP after 8,000, about 7 MB, more than
 * the resend window, with data unread in its buffers), stall (RELP stops answering, TCP stops reading) and are stopped and started again on the same
 * port. With RELP nothing is lost and the route's "sent" (acknowledged) is every record; with TCP nothing
 * is lost, the duplicates stay within the resend window per lost connection, "written" is every record
 * and "resent" covers every duplicate.
 */
class DeliveryFaultsEndToEndTest {

    private static final Pattern EXTERNAL_ID = Pattern.compile("externalId=(\\S+)");
    private static final String PASSWORD = "E2e!Faults-pass1";
    /** RELP sessions are cut often: every unanswered message is sent again, whatever the window. */
    private static final int RELP_CLOSE_EVERY = 2_500;
    /** TCP connections carry more than the 4 MiB resend window (about 7 MB) before they are cut. */
    private static final int TCP_CLOSE_EVERY = 8_000;

    private static final long WINDOW_BYTES = 4096L * 1024;
    private static Suite suite;
    private static NetskopeSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("opence-e2e-faults");
        sim = NetskopeSimulator.start(Map.of(
                "netskope-sim.seed", "17",
                "netskope-sim.history-hours", "1",
                "netskope-sim.history-rates", "events.page=5,alerts.malware=1,*=0",
                "netskope-sim.rates", "*=0",
                "netskope-sim.wait-time", "1",
                "netskope-sim.tokens", "faults-token=*"));
        suite = new Suite(Files.createDirectories(dir.resolve("suite")));
        Files.writeString(
                suite.dataDir.resolve("seed.json"),
                "{\"tenants\": [{\"name\": \"acme\", \"tenantName\": \"" + sim.url()
                        + "\", \"v2Token\": \"faults-token\", \"initialRangeDays\": 1}]}");
        suite.env.put("TENANT_SEED_FILE", suite.dataDir.resolve("seed.json").toString());
        suite.env.put("CE_DEV_ALLOW_HTTP_TENANT_ON_LOOPBACK", "true");
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.script("stop");
            Path logs = suite.dataDir.resolve("logs");
            if (Files.isDirectory(logs)) {
                // kept for a look after a failed run
                Path kept = Files.createDirectories(
                        Path.of(System.getProperty("java.io.tmpdir"), "opence-e2e-faults-logs"));
                try (var files = Files.list(logs)) {
                    for (Path log : files.toList()) {
                        Files.copy(
                                log,
                                kept.resolve(log.getFileName()),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            suite.deleteDataDirectory();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldLoseNothingWhenReceiversCloseStallAndRestart() throws Exception {
        List<RelpReceiver> relp = new ArrayList<>(List.of(RelpReceiver.tcp()));
        List<TcpReceiver> tcp = new ArrayList<>(List.of(TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING)));
        relp.get(0).closeEvery(RELP_CLOSE_EVERY);
        tcp.get(0).closeEvery(TCP_CLOSE_EVERY);
        int relpPort = relp.get(0).port();
        int tcpPort = tcp.get(0).port();
        try {
            Suite.Run started = suite.script("start");
            assertThat(started.exitCode()).as(started.output()).isZero();
            long expected = sim.available("events.page") + sim.available("alerts.malware");
            // slow tenant answers spread the records out, so the faults below land while they flow
            sim.fault(Map.of("kind", "delay", "count", 10, "delayMillis", 1500, "pathPrefix", "/api/v2/"));

            Browser browser = new Browser(suite);
            assertThat(browser.signInAsAdmin("admin").status()).isEqualTo(200);
            assertThat(browser.post(
                                    "/api/auth/first-login",
                                    "{\"acceptEula\":true,\"newPassword\":\"" + PASSWORD + "\"}")
                            .status())
                    .isEqualTo(200);
            destination(browser, "relp-siem", "RELP", relpPort);
            destination(browser, "tcp-siem", "TCP", tcpPort);
            Browser.Answer mapping = browser.post("/api/cls/siem-mappings", """
                    {"name": "acme-to-both", "source": {"tenant": "acme", "alerts": ["malware"], "events": ["page"]},
                     "mappingFile": "default-cef", "destinations": ["relp-siem", "tcp-siem"]}""");
            assertThat(mapping.status()).as(String.valueOf(mapping.body())).isEqualTo(201);

            // stall both once records flow: RELP stops answering, new TCP connections are not read
            await(
                    Duration.ofSeconds(120),
                    () -> relpReceived(relp).size() > 3_000 && tcpReceived(tcp).size() > 3_000);
            relp.get(0).stopAnswering();
            tcp.get(0).stopReading();
            Thread.sleep(10_000);
            relp.get(0).resumeAnswering();
            tcp.get(0).resumeReading();

            // stop both receivers and start them again on the same ports
            await(Duration.ofSeconds(120), () -> distinct(relpReceived(relp)).size() > expected / 2);
            relp.get(0).close();
            tcp.get(0).close();
            Thread.sleep(3_000);
            relp.add(RelpReceiver.tcp(relpPort));
            tcp.add(TcpReceiver.tcp(TcpReceiver.Framing.OCTET_COUNTING, tcpPort));
            relp.get(1).closeEvery(RELP_CLOSE_EVERY);
            tcp.get(1).closeEvery(TCP_CLOSE_EVERY);

            try {
                await(
                        Duration.ofSeconds(240),
                        () -> distinct(relpReceived(relp)).size() == expected
                                && distinct(tcpReceived(tcp)).size() == expected);
            } catch (AssertionError e) {
                Browser look = new Browser(suite);
                look.signInAsAdmin(PASSWORD);
                Set<String> missingInRelp = new HashSet<>(distinct(tcpReceived(tcp)));
                missingInRelp.removeAll(distinct(relpReceived(relp)));
                Set<String> missingInTcp = new HashSet<>(distinct(relpReceived(relp)));
                missingInTcp.removeAll(distinct(tcpReceived(tcp)));
                throw new AssertionError(
                        e.getMessage() + ": missing in RELP (of what TCP got) " + first(missingInRelp, 20)
                                + ", missing in TCP (of what RELP got) " + first(missingInTcp, 20) + "; "
                                + expected + " records; RELP has "
                                + distinct(relpReceived(relp)).size()
                                + " distinct, TCP " + distinct(tcpReceived(tcp)).size() + "; statistics "
                                + look.get("/api/cls/statistics").body(),
                        e);
            }
            Thread.sleep(3_000); // anything still on its way

            List<String> relpLines = relpReceived(relp);
            List<String> relpAcknowledged = new ArrayList<>();
            relp.forEach(r -> relpAcknowledged.addAll(r.acknowledged()));
            List<String> tcpLines = tcpReceived(tcp);
            int tcpConnections = tcp.stream().mapToInt(TcpReceiver::connections).sum();
            long averageBytes = tcpLines.stream().mapToLong(String::length).sum() / Math.max(1, tcpLines.size());
            long windowRecords = WINDOW_BYTES / Math.max(1, averageBytes) + 1;
            long tcpDuplicates = tcpLines.size() - distinct(tcpLines).size();
            long relpDuplicates = relpLines.size() - distinct(relpLines).size();

            Browser again = new Browser(suite);
            assertThat(again.signInAsAdmin(PASSWORD).status()).isEqualTo(200);
            JsonNode stats = again.get("/api/cls/statistics").body();
            JsonNode relpStats = destinationStats(stats, "relp-siem");
            JsonNode tcpStats = destinationStats(stats, "tcp-siem");
            System.out.printf(
                    "FIGURES delivery faults e2e: %d records; RELP: %d received (%d duplicates), %d sessions,"
                            + " sent %d, written %d, resent %d, parked %d; TCP: %d received (%d duplicates, bound %d x %d),"
                            + " written %d, sent %d, resent %d, parked %d%n",
                    expected,
                    relpLines.size(),
                    relpDuplicates,
                    relp.stream().mapToInt(RelpReceiver::sessions).sum(),
                    relpStats.path("sent").asLong(),
                    relpStats.path("written").asLong(),
                    relpStats.path("resent").asLong(),
                    relpStats.path("parked").asLong(),
                    tcpLines.size(),
                    tcpDuplicates,
                    tcpConnections,
                    windowRecords,
                    tcpStats.path("written").asLong(),
                    tcpStats.path("sent").asLong(),
                    tcpStats.path("resent").asLong(),
                    tcpStats.path("parked").asLong());

            // RELP: every record acknowledged by the receiver, counted once as sent
            assertThat(distinct(relpAcknowledged)).hasSize((int) expected);
            assertThat(relpStats.path("sent").asLong()).isEqualTo(expected);
            assertThat(relpStats.path("written").asLong()).isZero();
            assertThat(relpStats.path("parked").asLong()).isZero();
            assertThat(relpDuplicates)
                    .as("what RELP sent again")
                    .isLessThanOrEqualTo(relpStats.path("resent").asLong());
            // TCP: every record arrived; duplicates only from windows sent again, and counted as resent
            assertThat(tcpStats.path("written").asLong()).isEqualTo(expected);
            assertThat(tcpStats.path("sent").asLong()).isZero();
            assertThat(tcpStats.path("parked").asLong()).isZero();
            // resent counts what pushes sent again; what the plugin's watcher sent again between pushes is
            // counted with the next push, so up to its three replays after the last push are not counted yet
            assertThat(tcpDuplicates)
                    .isLessThanOrEqualTo(tcpStats.path("resent").asLong() + 3 * windowRecords);
            assertThat(tcpDuplicates)
                    .as("at most one resend window per lost connection")
                    .isLessThanOrEqualTo(tcpConnections * windowRecords);
            assertThat(tcpConnections).as("connections the receivers cut").isGreaterThan(4);
        } finally {
            for (RelpReceiver r : relp) {
                r.close();
            }
            for (TcpReceiver r : tcp) {
                r.close();
            }
        }
    }

    private static List<String> first(Set<String> ids, int n) {
        return ids.stream().sorted().limit(n).toList();
    }

    private static void destination(Browser browser, String name, String protocol, int port) throws Exception {
        Browser.Answer created = browser.post("/api/cls/configurations", """
                {"name": "%s", "pluginId": "syslog", "configuration": {"host": "127.0.0.1", "port": %d,
                 "protocol": "%s", "format": "RFC5424", "framing": "octet-counting"}}""".formatted(name, port, protocol));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    }

    private static JsonNode destinationStats(JsonNode stats, String destination) {
        for (JsonNode d : stats.path("destinations")) {
            if (destination.equals(d.path("destination").asText())) {
                return d;
            }
        }
        throw new AssertionError("no statistics for " + destination + ": " + stats);
    }

    private static List<String> relpReceived(List<RelpReceiver> receivers) {
        List<String> all = new ArrayList<>();
        receivers.forEach(r -> all.addAll(r.received()));
        return all;
    }

    private static List<String> tcpReceived(List<TcpReceiver> receivers) {
        List<String> all = new ArrayList<>();
        receivers.forEach(r -> all.addAll(r.messages()));
        return all;
    }

    private static Set<String> distinct(List<String> lines) {
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            Matcher m = EXTERNAL_ID.matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static void await(Duration within, Check condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within);
            }
            Thread.sleep(200);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }
}
