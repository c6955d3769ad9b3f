import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Log Shipper benchmark, run by {@code scripts/bench cls} against a suite it started: a syslog/TCP
 * receiver (RFC 6587 octet counting) in this process counts messages and bytes; the bench signs in
 * through the gateway like an operator, creates the built-in syslog destination pointing at the
 * receiver and a SIEM mapping of every event type of the tenant "bench" with the shipped CEF mapping
 * file, then measures until every record the simulator holds has arrived as a syslog message.
 * Prints events/s from the first to the last message, the best 60 s, CPU and RSS of the services.
 *
 * Arguments: gateway URL, simulator URL, run directory (pid files), simulator pid.
 */
public final class ClsBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENT_TYPES = List.of(
            "alert", "application", "audit", "connection", "incident", "infrastructure", "network", "page", "endpoint");
    private static final AtomicLong MESSAGES = new AtomicLong();
    private static final AtomicLong BYTES = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String simUrl = args[1];
        Path run = Path.of(args[2]);
        long simPid = Long.parseLong(args[3]);
        long brokerPid = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("beam.smp"))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(-1);

        long expected = 0;
        JsonNode streams = get(simUrl + "/sim/stats", null).path("streams");
        for (String type : EVENT_TYPES) {
            expected += streams.path("events." + type).path("available").asLong();
        }
        System.out.printf("simulator holds %,d event records over %d types%n", expected, EVENT_TYPES.size());

        ServerSocket server = new ServerSocket(0);
        Thread acceptor = new Thread(() -> accept(server), "receiver");
        acceptor.setDaemon(true);
        acceptor.start();

        HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).build();
        JsonNode tokens = send(http, gateway + "/api/auth/login", null, "{\"username\":\"admin\",\"password\":\"admin\"}");
        String token = tokens.path("accessToken").asText();
        tokens = send(
                http,
                gateway + "/api/auth/first-login",
                token,
                "{\"acceptEula\":true,\"newPassword\":\"Bench!Shipper-2026\"}");
        token = tokens.path("accessToken").asText();
        send(http, gateway + "/api/cls/configurations", token, """
                {"name": "bench-syslog", "pluginId": "syslog", "configuration": {"host": "127.0.0.1", "port": %d,
                 "protocol": "TCP", "format": "RFC5424", "framing": "octet-counting"}}"""
                .formatted(server.getLocalPort()));

        long[] cpu0 = cpu(run);
        long sim0 = cpuTicks(simPid);
        long broker0 = cpuTicks(brokerPid);
        long t0 = System.nanoTime();
        send(http, gateway + "/api/cls/siem-mappings", token, """
                {"name": "bench", "source": {"tenant": "bench", "alerts": [], "events": %s},
                 "mappingFile": "default-cef", "destinations": ["bench-syslog"]}"""
                .formatted(JSON.writeValueAsString(EVENT_TYPES)));

        long firstAt = 0;
        long last = 0;
        long lastT = t0;
        long peakRssCls = 0;
        long peakRssAll = 0;
        java.util.ArrayDeque<long[]> window = new java.util.ArrayDeque<>();
        double best60 = 0;
        long pulledAt = 0; // when the tenant had handed out every record (ingest done)
        long deliveredWhilePulling = 0;
        while (MESSAGES.get() < expected) {
            Thread.sleep(5000);
            long now = System.nanoTime();
            long m = MESSAGES.get();
            if (firstAt == 0 && m > 0) {
                firstAt = now;
            }
            if (pulledAt == 0 && served(simUrl) >= expected) {
                pulledAt = now;
                deliveredWhilePulling = m;
            }
            peakRssCls = Math.max(peakRssCls, rssKb(pid(run, "cls-service")));
            peakRssAll = Math.max(peakRssAll, totalRssKb(run));
            window.addLast(new long[] {now, m});
            // the rate over the last 60 s or a little more (samples come every 5 s or so)
            while (window.size() > 2 && now - window.toArray(new long[0][])[1][0] >= 60_000_000_000L) {
                window.removeFirst();
            }
            if (now - window.peekFirst()[0] >= 60_000_000_000L) {
                best60 = Math.max(best60, (m - window.peekFirst()[1]) / ((now - window.peekFirst()[0]) / 1e9));
            }
            System.out.printf(
                    "  %5.0f s  %,12d messages  %,9.0f events/s (last 5 s)%n",
                    (now - t0) / 1e9, m, (m - last) / ((now - lastT) / 1e9));
            last = m;
            lastT = now;
            if ((now - t0) / 1e9 > 1800) {
                System.out.println("stopped after 30 minutes without getting everything");
                break;
            }
        }
        long t1 = System.nanoTime();
        long[] cpu1 = cpu(run);
        long sim1 = cpuTicks(simPid);
        long broker1 = cpuTicks(brokerPid);
        double seconds = (t1 - firstAt) / 1e9;
        double wall = (t1 - t0) / 1e9;
        System.out.printf(
                "FIGURES cls: %,d events (%.1f MiB of syslog) in %.1f s from the first message: %,.0f events/s,"
                        + " %.1f MiB/s; best 60 s: %,.0f events/s; %,d more than the tenant holds (duplicates);"
                        + " CPU over the run: cls-service %.0f %%, core-service %.0f %%, all services %.0f %%,"
                        + " RabbitMQ %.0f %%, tenant simulator %.0f %% of one core; CPU per 1,000 events: Open CE"
                        + " (services + RabbitMQ) %.1f ms, simulator %.1f ms; peak RSS cls-service %d MiB, all"
                        + " services %d MiB%n",
                MESSAGES.get(),
                BYTES.get() / 1048576.0,
                seconds,
                MESSAGES.get() / seconds,
                BYTES.get() / 1048576.0 / seconds,
                best60,
                Math.max(0, MESSAGES.get() - expected),
                100 * (cpu1[0] - cpu0[0]) / 100.0 / wall,
                100 * (cpu1[1] - cpu0[1]) / 100.0 / wall,
                100 * (cpu1[2] - cpu0[2]) / 100.0 / wall,
                100 * (broker1 - broker0) / 100.0 / wall,
                100 * (sim1 - sim0) / 100.0 / wall,
                10.0 * ((cpu1[2] - cpu0[2]) + (broker1 - broker0)) * 1000 / Math.max(1, MESSAGES.get()),
                10.0 * (sim1 - sim0) * 1000 / Math.max(1, MESSAGES.get()),
                peakRssCls / 1024,
                peakRssAll / 1024);
        if (pulledAt > firstAt && firstAt > 0) {
            // the first part of the run, while ingest and delivery shared the machine; the rest is the
            // delivery draining what the bus held
            double pulling = (pulledAt - firstAt) / 1e9;
            System.out.printf(
                    "FIGURES cls while pulling: the tenant had handed out all %,d records %.0f s after the first"
                            + " message; %,d events delivered by then: %,.0f events/s delivered while ingest pulled"
                            + " %,.0f records/s; the bus held the rest, delivered in the last %.0f s%n",
                    expected,
                    pulling,
                    deliveredWhilePulling,
                    deliveredWhilePulling / pulling,
                    expected / ((pulledAt - t0) / 1e9),
                    (t1 - pulledAt) / 1e9);
        }
    }

    /** Records the simulator has handed out, over every endpoint. */
    private static long served(String simUrl) throws Exception {
        long n = 0;
        for (JsonNode path : get(simUrl + "/sim/stats", null).path("served")) {
            n += path.path("records").asLong();
        }
        return n;
    }

    private static void accept(ServerSocket server) {
        while (true) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> read(s), "receiver-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Counts RFC 6587 octet-counted frames: digits, a space, that many bytes. */
    private static void read(Socket socket) {
        byte[] buffer = new byte[1 << 16];
        long length = -1; // -1: reading the length digits
        long digits = 0;
        long remaining = 0;
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                BYTES.addAndGet(n);
                int i = 0;
                while (i < n) {
                    if (length < 0) {
                        byte b = buffer[i++];
                        if (b == ' ') {
                            length = digits;
                            remaining = digits;
                            digits = 0;
                        } else {
                            digits = digits * 10 + (b - '0');
                        }
                    } else {
                        long take = Math.min(remaining, n - i);
                        i += (int) take;
                        remaining -= take;
                        if (remaining == 0) {
                            MESSAGES.incrementAndGet();
                            length = -1;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the connection ended
        }
    }

    private static JsonNode send(HttpClient http, String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** The suite's self-signed certificate, trusted for this local measurement only. */
    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] c, String a) {}

                        public void checkServerTrusted(X509Certificate[] c, String a) {}

                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return context;
    }

    private static long pid(Path run, String component) throws IOException {
        Path file = run.resolve(component + ".pid");
        return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : -1;
    }

    /** CPU ticks of cls-service, core-service and all services together. */
    private static long[] cpu(Path run) throws IOException {
        long all = 0;
        try (var files = Files.list(run)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                all += cpuTicks(Long.parseLong(Files.readString(f).trim()));
            }
        }
        return new long[] {cpuTicks(pid(run, "cls-service")), cpuTicks(pid(run, "core-service")), all};
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux); 0 when it is gone. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long totalRssKb(Path run) throws IOException {
        long total = 0;
        try (var files = Files.list(run)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                total += rssKb(Long.parseLong(Files.readString(f).trim()));
            }
        }
        return total;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
