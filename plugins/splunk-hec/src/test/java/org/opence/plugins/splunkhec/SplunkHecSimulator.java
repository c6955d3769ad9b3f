package org.opence.plugins.splunkhec;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Splunk HEC simulator ({@code simulators/splunk-hec}) as a separate process on a free port: the
 * jar a user runs, configured with system properties. One process serves every test class of the
 * run ({@link #shared()}); tests call {@link #reset()} first. The reactor builds the simulator before
 * this module (a test-scoped dependency on it); run alone, build it with
 * {@code mvn install -pl simulators/splunk-hec -DskipTests}.
 */
final class SplunkHecSimulator {

    /** Default index main, any index allowed. */
    static final String TOKEN = "good-token";
    /** As {@link #TOKEN}, with indexer acknowledgement. */
    static final String ACK_TOKEN = "ack-token";
    /** Exists but is disabled. */
    static final String DISABLED_TOKEN = "off-token";
    /** May write to the index {@code security} only. */
    static final String NARROW_TOKEN = "narrow-token";

    static final int MAX_CONTENT_LENGTH = 1_000_000;
    static final Duration ACK_DELAY = Duration.ofMillis(700);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SplunkHecSimulator shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private SplunkHecSimulator(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The run's simulator, started on first use and stopped when the test JVM exits. */
    static synchronized SplunkHecSimulator shared() {
        if (shared == null) {
            try {
                shared = start(Map.of(
                        "splunk-sim.tokens",
                        TOKEN + "=main,*;" + ACK_TOKEN + "=main,*;" + DISABLED_TOKEN + "=main;" + NARROW_TOKEN
                                + "=security",
                        "splunk-sim.ack-tokens",
                        ACK_TOKEN,
                        "splunk-sim.disabled-tokens",
                        DISABLED_TOKEN,
                        "splunk-sim.ack-delay",
                        ACK_DELAY.toMillis() + "ms",
                        "splunk-sim.max-content-length",
                        Integer.toString(MAX_CONTENT_LENGTH),
                        "splunk-sim.max-events",
                        "100000"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the Splunk HEC simulator", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the Splunk HEC simulator", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    private static SplunkHecSimulator start(Map<String, String> properties) throws IOException, InterruptedException {
        Path jar = jar();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Files.createTempFile("splunk-hec-sim-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        SplunkHecSimulator sim = new SplunkHecSimulator(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator exited at start-up:\n" + Files.readString(log));
            }
            try {
                sim.get("/sim/stats");
                return sim;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        sim.stop();
        throw new IllegalStateException("the simulator did not answer within 60 s:\n" + Files.readString(log));
    }

    private static Path jar() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path jar = dir.resolve("simulators/splunk-hec/target/quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("the Splunk HEC simulator is not built: run"
                + " 'mvn install -pl simulators/splunk-hec -DskipTests' first");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The collector's base URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets events, counters, faults and channels (tokens stay). */
    void reset() throws IOException, InterruptedException {
        send("POST", "/sim/reset", null);
    }

    /** The indexed events, oldest first (at most 100,000 are kept). */
    List<JsonNode> events() throws IOException, InterruptedException {
        JsonNode page = get("/sim/events?limit=100000");
        List<JsonNode> events = new ArrayList<>();
        page.path("events").forEach(events::add);
        return events;
    }

    JsonNode stats() throws IOException, InterruptedException {
        return get("/sim/stats");
    }

    /** How many event requests ended with this outcome ({@code success}, {@code too-large}, ...). */
    long eventRequests(String outcome) throws IOException, InterruptedException {
        return stats().path("requests").path("event").path(outcome).asLong();
    }

    /** Injects a fault, e.g. {@code Map.of("kind", "busy", "count", 4)}. */
    void fault(Map<String, Object> rule) throws IOException, InterruptedException {
        send("POST", "/sim/faults", JSON.writeValueAsString(rule));
    }

    void clearFaults() throws IOException, InterruptedException {
        send("DELETE", "/sim/faults", null);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send("GET", path, null));
    }

    private String send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
