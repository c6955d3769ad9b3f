package org.opence.testsupport;

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
 * The Netskope tenant simulator ({@code simulators/netskope-tenant}) as a separate process on a free
 * port, for tests of the ingest and of plugins: the same jar a user runs, configured with system
 * properties. The module must have been packaged (the reactor builds it before the modules that
 * test against it).
 */
public final class NetskopeSimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path log;

    private NetskopeSimulator(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the simulator with these {@code netskope-sim.*} (or other) properties and waits until it answers. */
    public static NetskopeSimulator start(Map<String, String> properties) throws IOException, InterruptedException {
        Path jar = jar();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Files.createTempFile("netskope-sim-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        NetskopeSimulator sim = new NetskopeSimulator(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The simulator exited at start-up:\n" + Files.readString(log));
            }
            try {
                sim.get("/sim/stats");
                return sim;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        sim.close();
        throw new IllegalStateException("The simulator did not answer within 60 s:\n" + Files.readString(log));
    }

    private static Path jar() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path jar = dir.resolve("simulators/netskope-tenant/target/quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "The Netskope simulator is not built: run 'mvn -pl simulators/netskope-tenant package -DskipTests' first");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The tenant's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Calls the control API ({@code /sim/...}) with a JSON body. */
    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** Records the tenant has for a stream, e.g. {@code available("alerts.malware")}. */
    public long available(String stream) throws IOException, InterruptedException {
        return get("/sim/stats").path("streams").path(stream).path("available").asLong();
    }

    /** Adds a v2 token with these scopes (e.g. {@code read:/api/v2/events/dataexport/*}). */
    public void addToken(String token, String... scopes) throws IOException, InterruptedException {
        post("/sim/tokens", Map.of("token", token, "scopes", List.of(scopes)));
    }

    /** Injects a fault: {@code kind} error (with status), delay (with delayMillis) or drop. */
    public void fault(Map<String, Object> rule) throws IOException, InterruptedException {
        post("/sim/faults", rule);
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
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
