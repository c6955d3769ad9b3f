package org.opence.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.opence.testsupport.Rsyslog;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Log Shipper end to end, as an operator sets it up through the gateway: a tenant (the simulator),
 * the built-in syslog destination pointing at a real rsyslog, a SIEM mapping with the shipped CEF
 * mapping file. Every record the tenant holds reaches rsyslog as CEF, also when cls-service is killed
 * with SIGKILL in the middle and brought back by scripts/start; duplicates are bounded and counted.
 */
class LogShipperEndToEndTest {

    private static final Pattern EXTERNAL_ID = Pattern.compile("externalId=(\\S+)");
    private static final String PASSWORD = "E2e!Shipper-pass1";
    private static Suite suite;
    private static NetskopeSimulator sim;
    private static Rsyslog rsyslog;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("opence-e2e-cls");
        rsyslog = Rsyslog.start(Files.createDirectories(dir.resolve("rsyslog")));
        sim = NetskopeSimulator.start(Map.of(
                "netskope-sim.seed", "11",
                "netskope-sim.history-hours", "1",
                "netskope-sim.history-rates", "events.page=5,alerts.malware=1,*=0",
                "netskope-sim.rates", "*=0",
                "netskope-sim.wait-time", "1",
                "netskope-sim.tokens", "cls-token=*"));
        suite = new Suite(Files.createDirectories(dir.resolve("suite")));
        Files.writeString(
                suite.dataDir.resolve("seed.json"),
                "{\"tenants\": [{\"name\": \"acme\", \"tenantName\": \"" + sim.url()
                        + "\", \"v2Token\": \"cls-token\", \"initialRangeDays\": 1}]}");
        suite.env.put("TENANT_SEED_FILE", suite.dataDir.resolve("seed.json").toString());
        // the simulator in the test speaks plain http on 127.0.0.1
        suite.env.put("CE_DEV_ALLOW_HTTP_TENANT_ON_LOOPBACK", "true");
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.script("stop");
            suite.deleteDataDirectory();
        }
        if (sim != null) {
            sim.close();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void shouldShipEveryTenantRecordToRsyslogOnceEvenWhenClsServiceIsKilled() throws Exception {
        Suite.Run started = suite.script("start");
        assertThat(started.exitCode()).as(started.output()).isZero();
        long expected = sim.available("events.page") + sim.available("alerts.malware");
        // slow tenant answers, so the kill lands while records are still coming
        sim.fault(Map.of("kind", "delay", "count", 12, "delayMillis", 1500, "pathPrefix", "/api/v2/"));

        Browser browser = new Browser(suite);
        assertThat(browser.signInAsAdmin("admin").status()).isEqualTo(200);
        assertThat(browser.post("/api/auth/first-login", "{\"acceptEula\":true,\"newPassword\":\"" + PASSWORD + "\"}")
                        .status())
                .isEqualTo(200);
        Browser.Answer plugins = browser.get("/api/plugins");
        assertThat(plugins.body().findValuesAsText("id"))
                .as("built-in plugins in the catalogue")
                .contains("syslog");
        Browser.Answer destination = browser.post("/api/cls/configurations", """
                {"name": "siem", "pluginId": "syslog", "configuration": {"host": "127.0.0.1", "port": %d,
                 "protocol": "TCP", "format": "RFC5424", "framing": "octet-counting"}}""".formatted(rsyslog.port()));
        assertThat(destination.status()).as(String.valueOf(destination.body())).isEqualTo(201);
        Browser.Answer mapping = browser.post("/api/cls/siem-mappings", """
                {"name": "acme-to-siem", "source": {"tenant": "acme", "alerts": ["malware"], "events": ["page"]},
                 "mappingFile": "default-cef", "destinations": ["siem"]}""");
        assertThat(mapping.status()).as(String.valueOf(mapping.body())).isEqualTo(201);

        await(Duration.ofSeconds(120), () -> rsyslog.count() > 0);
        long atKill = rsyslog.count();
        assertThat(atKill).as("killed before everything arrived").isLessThan(expected);
        long pid = Long.parseLong(
                Files.readString(suite.dataDir.resolve("run/cls-service.pid")).trim());
        ProcessHandle cls = ProcessHandle.of(pid).orElseThrow();
        assertThat(cls.destroyForcibly()).as("SIGKILL sent").isTrue();
        cls.onExit().get();

        Suite.Run restart = suite.script("start");
        assertThat(restart.exitCode()).as(restart.output()).isZero();

        await(Duration.ofSeconds(180), () -> distinct(rsyslog.lines()).size() == expected);
        Thread.sleep(3000); // anything still on its way
        List<String> lines = rsyslog.lines();
        Set<String> ids = distinct(lines);
        long duplicates = lines.size() - ids.size();
        assertThat(ids).hasSize((int) expected);
        assertThat(lines.get(0)).startsWith("CEF:0|Netskope|");

        Browser again = new Browser(suite);
        assertThat(again.signInAsAdmin(PASSWORD).status()).isEqualTo(200);
        JsonNode stats = again.get("/api/cls/statistics").body();
        JsonNode siem = stats.path("destinations").get(0);
        System.out.printf(
                "FIGURES cls e2e: %d records expected, %d in rsyslog before the kill, %d lines in all, %d duplicates,"
                        + " statistics after the restart: sent %d, written %d, retried %d, parked %d%n",
                expected,
                atKill,
                lines.size(),
                duplicates,
                siem.path("sent").asLong(),
                siem.path("written").asLong(),
                siem.path("retried").asLong(),
                siem.path("parked").asLong());
        assertThat(siem.path("destination").asText()).isEqualTo("siem");
        assertThat(siem.path("parked").asLong()).isZero();
        // the figures survive the kill (they are stored before a batch is acknowledged): every record
        // rsyslog got is counted at least once, and nothing is counted that did not reach it
        long delivered = siem.path("sent").asLong() + siem.path("written").asLong();
        assertThat(delivered)
                .as("records counted as delivered after the restart")
                .isBetween(expected, (long) lines.size());
        assertThat(duplicates)
                .as("only batches in flight at the kill come twice: 2 consumers × prefetch 4 × 2,000 records")
                .isLessThanOrEqualTo(2 * 4 * 2_000);

        // a historical pull of the whole range sends every record once more
        long before = rsyslog.count();
        Browser.Answer pull = again.post(
                "/api/cls/siem-mappings/acme-to-siem/historical-pull",
                "{\"from\":\"" + java.time.Instant.now().minusSeconds(2 * 3600) + "\",\"to\":\""
                        + java.time.Instant.now() + "\"}");
        assertThat(pull.status()).as(String.valueOf(pull.body())).isEqualTo(202);
        await(Duration.ofSeconds(180), () -> rsyslog.count() >= before + expected);
        await(Duration.ofSeconds(30), () -> "done"
                .equals(again.get("/api/cls/siem-mappings/acme-to-siem/historical-pulls")
                        .body()
                        .path(0)
                        .path("status")
                        .asText()));
        JsonNode job = again.get("/api/cls/siem-mappings/acme-to-siem/historical-pulls")
                .body()
                .path(0);
        System.out.printf(
                "FIGURES cls e2e historical pull: %d records pulled again, %d lines added to rsyslog%n",
                job.path("records").asLong(), rsyslog.count() - before);
        assertThat(job.path("records").asLong()).isEqualTo(expected);
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
