package org.opence.plugins.syslog;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.opence.plugins.syslog.Fixtures.cef;
import static org.opence.plugins.syslog.Fixtures.config;
import static org.opence.plugins.syslog.Fixtures.expected;

/**
 * Sends to a real rsyslog (the Debian package), started for this class on free ports with a
 * configuration of its own: imtcp and imudp inputs, each bound to a ruleset that writes what rsyslog
 * parsed (facility, severity, version, host name, app name, proc id, msg id, structured data, msg) and
 * for TCP also the raw message to files in a temporary directory. rsyslogd must be installed: the
 * test fails, it does not skip, when it is not.
 */
class RsyslogTest {

    private static final int MESSAGES = 10_000;
    private static final String PARSED_5424 = "16|6|1|" + Fixtures.HOSTNAME + "|opence|-|malware|-|";

    @TempDir
    static Path dir;

    private static Process rsyslogd;
    private static int tcpPort;
    private static int tcpLinesPort;
    private static int udpPort;

    @BeforeAll
    static void startRsyslog() throws Exception {
        Path binary = rsyslogd()
                .orElseGet(() -> fail("rsyslogd is not installed: apt-get install rsyslog (the Debian package;"
                        + " .ci/run installs it)"));
        tcpPort = freeTcpPort();
        tcpLinesPort = freeTcpPort();
        udpPort = freeUdpPort();
        Path work = Files.createDirectories(dir.resolve("work"));
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s" maxMessageSize="64k")
                module(load="imtcp")
                module(load="imudp")
                template(name="raw" type="string" string="%%rawmsg%%\\n")
                template(name="parsed" type="string"
                         string="%%syslogfacility%%|%%syslogseverity%%|%%protocol-version%%|%%hostname%%|%%app-name%%|%%procid%%|%%msgid%%|%%structured-data%%|%%msg%%\\n")
                ruleset(name="tcp") {
                    action(type="omfile" file="%s" template="parsed")
                    action(type="omfile" file="%s" template="raw")
                }
                ruleset(name="lines") {
                    action(type="omfile" file="%s" template="parsed")
                }
                ruleset(name="udp") {
                    action(type="omfile" file="%s" template="parsed")
                }
                input(type="imtcp" port="%d" ruleset="tcp")
                input(type="imtcp" port="%d" ruleset="lines")
                input(type="imudp" port="%d" ruleset="udp" rcvBufSize="4m")
                """.formatted(
                        work,
                        dir.resolve("tcp.log"),
                        dir.resolve("tcp-raw.log"),
                        dir.resolve("lines.log"),
                        dir.resolve("udp.log"),
                        tcpPort,
                        tcpLinesPort,
                        udpPort));
        rsyslogd = new ProcessBuilder(
                        binary.toString(),
                        "-n",
                        "-f",
                        conf.toString(),
                        "-i",
                        dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.out").toFile())
                .start();
        await("rsyslogd listening on TCP " + tcpPort + " and " + tcpLinesPort)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> running() && accepts(tcpPort) && accepts(tcpLinesPort));
    }

    @AfterAll
    static void stopRsyslog() throws InterruptedException {
        if (rsyslogd != null) {
            rsyslogd.destroy();
            if (!rsyslogd.waitFor(10, TimeUnit.SECONDS)) {
                rsyslogd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldDeliverTenThousandCefMessagesExactlyOnceOverTcpWithOctetCounting() throws Exception {
        List<Object> messages = cef(MESSAGES, 0);
        TestContext context = TestContext.with(config("TCP", tcpPort));

        PushResult result = Fixtures.plugin().push(context, messages, "alerts", "malware");

        assertThat(result).isEqualTo(Fixtures.written(MESSAGES));
        Path parsed = dir.resolve("tcp.log");
        awaitLines(parsed, MESSAGES, "TCP");
        assertExactlyOnce(
                lines(parsed), messages.stream().map(m -> PARSED_5424 + m).toList());
        assertExactlyOnce(lines(dir.resolve("tcp-raw.log")), expected("malware", messages));
    }

    @Test
    void shouldDeliverTenThousandCefMessagesOverUdpWhenPaced() throws Exception {
        List<Object> messages = cef(MESSAGES, 0);
        SyslogPlugin plugin = Fixtures.plugin();
        TestContext context = TestContext.with(config("UDP", udpPort));
        Path parsed = dir.resolve("udp.log");
        probeUdp(plugin, context, parsed);

        int chunk = 250;
        for (int from = 0; from < MESSAGES; from += chunk) {
            PushResult result = plugin.push(context, messages.subList(from, from + chunk), "alerts", "malware");
            assertThat(result).isEqualTo(Fixtures.written(chunk));
            awaitLines(parsed, from + chunk, "UDP, so datagrams were lost");
        }

        assertExactlyOnce(
                lines(parsed).stream().filter(l -> l.startsWith(PARSED_5424)).toList(),
                messages.stream().map(m -> PARSED_5424 + m).toList());
    }

    @Test
    void shouldBeParsedAsRfc3164WithNewlineFramingAndLineFeedsReplaced() throws Exception {
        List<Object> messages = new ArrayList<>(cef(999, 0));
        messages.add("{\"note\":\"one\"}\n{\"note\":\"two\"}");
        Map<String, Object> config = new HashMap<>(config("TCP", tcpLinesPort));
        config.put("format", "RFC3164");
        config.put("framing", "newline");
        config.put("facility", 4);
        config.put("severity", 2);
        config.put("appName", "netskope-ce");

        PushResult result = Fixtures.plugin().push(TestContext.with(config), messages, "events", "page");

        assertThat(result).isEqualTo(Fixtures.written(1_000));
        Path parsed = dir.resolve("lines.log");
        awaitLines(parsed, 1_000, "TCP newline");
        // rsyslog keeps the space after "TAG:" as the first character of an RFC 3164 msg
        String header = "4|2|0|" + Fixtures.HOSTNAME + "|netskope-ce|-|-|-| ";
        List<String> wanted = new ArrayList<>(
                messages.subList(0, 999).stream().map(m -> header + m).toList());
        wanted.add(header + "{\"note\":\"one\"} {\"note\":\"two\"}");
        assertExactlyOnce(lines(parsed), wanted);
    }

    /** rsyslog binds UDP without telling: send probes until one is written. */
    private static void probeUdp(SyslogPlugin plugin, TestContext context, Path file) {
        await("rsyslogd receiving on UDP " + udpPort)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    plugin.push(context, List.of("probe"), "alerts", "probe");
                    return !lines(file).isEmpty();
                });
    }

    private static void awaitLines(Path file, int count, String what) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .alias(count + " messages in " + file.getFileName() + " (" + what + ")")
                .until(() -> running()
                        && lines(file).stream()
                                        .filter(l -> !l.contains("|probe|"))
                                        .count()
                                >= count);
    }

    private static void assertExactlyOnce(List<String> received, List<String> sent) {
        Map<String, Integer> counts = new HashMap<>();
        received.forEach(line -> counts.merge(line, 1, Integer::sum));
        List<String> missing =
                sent.stream().filter(m -> !counts.containsKey(m)).limit(3).toList();
        List<String> twice = counts.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .limit(3)
                .toList();
        List<String> unexpected =
                received.stream().filter(line -> !sent.contains(line)).limit(3).toList();
        assertThat(missing).as("messages that did not arrive (first 3)").isEmpty();
        assertThat(twice).as("messages that arrived twice (first 3)").isEmpty();
        assertThat(unexpected).as("lines that were not sent (first 3)").isEmpty();
        assertThat(received).hasSameSizeAs(sent);
    }

    /** The complete lines of a file rsyslog may be writing to. */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** Ends a wait at once, with rsyslogd's output, when it has exited. */
    private static boolean running() {
        if (!rsyslogd.isAlive()) {
            throw new AssertionError("rsyslogd exited with " + rsyslogd.exitValue() + ": " + output());
        }
        return true;
    }

    private static Optional<Path> rsyslogd() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator
                + "/sbin";
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "rsyslogd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String output() {
        try {
            return Files.readString(dir.resolve("rsyslogd.out"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
