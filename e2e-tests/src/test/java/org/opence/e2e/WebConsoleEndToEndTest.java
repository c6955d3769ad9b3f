package org.opence.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.Rsyslog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real browser: Debian's headless Chromium driven by playwright-core
 * ({@code ui-gateway/src/main/webui/e2e/console.e2e.mjs}) against the suite started by
 * {@code scripts/start --demo}. The script signs in for the first time, adds a tenant, configures a
 * syslog destination (a real rsyslog started here) and a SIEM mapping, waits for events counted on
 * the delivery dashboard, checks what a read-only user sees, measures page loads and saves screenshots
 * into {@code docs/screenshots/}. This test then checks that the events the console set up really
 * reached rsyslog.
 */
class WebConsoleEndToEndTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static Suite suite;
    private static Rsyslog rsyslog;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("opence-e2e-ui");
        rsyslog = Rsyslog.start(Files.createDirectories(dir.resolve("rsyslog")));
        suite = new Suite(Files.createDirectories(dir.resolve("suite")));
        Suite.Run started = suite.script("start", "--demo");
        assertThat(started.exitCode()).as(started.output()).isZero();
        seedPlatformLog(LOG_ENTRIES);
    }

    /** Platform log entries the Logging page is measured with: a day of a busy installation. */
    private static final int LOG_ENTRIES = 60_000;

    /**
     * Publishes {@code count} log entries over the last 24 hours on the bus, as the services' log
     * writers do ({@code log.entries} batches on ce.events), and waits until core-service has stored
     * them. Levels, modules, plugins and messages vary as in a running installation.
     */
    private static void seedPlatformLog(int count) throws Exception {
        String prefix = suite.env.get("CE_BUS_PREFIX");
        // module, plugin, configuration, then what that source writes
        String[][] sources = {
            {"cls", "syslog", "siem", "pushed %d records to 10.0.4.20:6514 in %d ms"},
            {"cls", "splunk-hec", "splunk-prod", "batch of %d records retried in %d s: HEC answered 503 (server busy)"},
            {"cls", "webhook", "soar", "posted %d records to the receiver in %d ms"},
            {"core", null, null, "pulled %d records of events.page from tenant prod in %d ms"},
            {"tenant", null, null, "connection test of tenant prod: %d checks passed in %d ms"},
            {"cte", "text-feed", "feed-1", "fetched %d indicators from the feed in %d ms"}
        };
        java.util.Random random = new java.util.Random(8);
        Instant now = Instant.now();
        try (var connection = org.opence.testsupport.RabbitBroker.connect("e2e-log-seed");
                var channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int start = 0; start < count; start += 500) {
                List<Map<String, Object>> entries = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 500); i++) {
                    String[] source = sources[random.nextInt(sources.length)];
                    int roll = random.nextInt(100);
                    String level = roll < 3 ? "error" : roll < 12 ? "warning" : roll < 20 ? "debug" : "info";
                    Map<String, Object> entry = new java.util.HashMap<>();
                    // oldest first, spread evenly over the day
                    entry.put(
                            "time",
                            now.minusMillis((long) (count - i) * 86_400_000L / count)
                                    .toString());
                    entry.put("level", level);
                    entry.put("module", source[0]);
                    entry.put("plugin", source[1]);
                    entry.put("configuration", source[2]);
                    entry.put("message", String.format(source[3], random.nextInt(5000), random.nextInt(900)));
                    entry.put("service", source[0] + "-service");
                    if (level.equals("error")) {
                        entry.put("errorCode", "CLS-PUSH-FAILED");
                        entry.put("details", "java.net.ConnectException: Connection refused");
                        entry.put("resolution", "Check that the destination is up and reachable from Open CE.");
                    }
                    entries.add(entry);
                }
                Map<String, Object> envelope = Map.of(
                        "type",
                        "log.entries",
                        "schemaVersion",
                        1,
                        "id",
                        java.util.UUID.randomUUID().toString(),
                        "time",
                        now.toString(),
                        "source",
                        "e2e-seed",
                        "payload",
                        Map.of("entries", entries));
                channel.basicPublish(prefix + "ce.events", "log.entries", null, JSON.writeValueAsBytes(envelope));
            }
            channel.waitForConfirmsOrDie(60_000);
            String queue = prefix + "core-service.logs";
            long deadline = System.currentTimeMillis() + 120_000;
            while (channel.messageCount(queue) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            assertThat(channel.messageCount(queue))
                    .as("log batches core-service has not stored")
                    .isZero();
            Thread.sleep(3_000); // the batches taken last are being written
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.script("stop");
            suite.deleteDataDirectory();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void shouldBeUsableInARealBrowserFromFirstSignInToEventsOnTheDashboard() throws Exception {
        Path webui = suite.home.resolve("ui-gateway/src/main/webui");
        Path screenshots = suite.home.resolve("docs/screenshots");
        Path failures = dir.resolve("failures");
        ProcessBuilder builder = new ProcessBuilder("node", "e2e/console.e2e.mjs")
                .directory(webui.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CE_URL", "https://localhost:" + suite.uiPort());
        builder.environment().put("CE_DEMO_TENANT_URL", "http://127.0.0.1:" + (8091 + Suite.PORT_OFFSET));
        builder.environment().put("CE_SYSLOG_PORT", String.valueOf(rsyslog.port()));
        builder.environment().put("CE_SCREENSHOTS", screenshots.toString());
        builder.environment().put("CE_FAILURES", failures.toString());
        builder.environment().putIfAbsent("CHROMIUM", "/usr/bin/chromium");
        builder.environment().put("CE_SEEDED_LOG_ENTRIES", String.valueOf(LOG_ENTRIES));
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("[console e2e] " + line);
                output.add(line);
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(process.exitValue())
                .as(
                        "the browser test passed (screenshots of a failure in %s):%n%s",
                        failures, String.join("\n", output))
                .isZero();
        assertThat(output).anyMatch(l -> l.startsWith("FIGURES ui"));

        // what the console configured really delivers: events reached rsyslog as CEF
        assertThat(rsyslog.count()).as("lines in rsyslog").isPositive();
        assertThat(rsyslog.lines().get(0)).startsWith("CEF:0|Netskope|");
        for (String page : List.of("home", "logging", "tenants", "destinations", "siem-mappings", "delivery")) {
            assertThat(screenshots.resolve(page + ".png"))
                    .as("screenshot of " + page)
                    .isNotEmptyFile();
        }
    }
}
