package org.opence.core.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a service's {@code /q/health} document over HTTP. */
@ApplicationScoped
public class HealthProbe {

    /**
     * What a health endpoint said.
     *
     * @param state {@code UP}, {@code DOWN} (it answered, something is not ready) or {@code UNREACHABLE}
     * @param detail why it is not up, in words
     * @param checks each named check's status
     * @param version the version the service reports, when it answered
     * @param instance host/pid of the instance that answered
     */
    public record Result(String state, String detail, Map<String, String> checks, String version, String instance) {}

    private final HttpClient client = org.opence.common.plugin.PlatformHttpClient.jdkBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ObjectMapper mapper;

    public HealthProbe(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CompletableFuture<Result> probe(URI health, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(health)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(this::read)
                .exceptionally(e -> new Result(
                        "UNREACHABLE", "no answer from " + health + ": " + rootMessage(e), Map.of(), null, null));
    }

    private Result read(HttpResponse<byte[]> response) {
        try {
            JsonNode doc = mapper.readTree(response.body());
            Map<String, String> checks = new LinkedHashMap<>();
            String version = null;
            String instance = null;
            StringBuilder failing = new StringBuilder();
            for (JsonNode check : doc.path("checks")) {
                String name = check.path("name").asText();
                String status = check.path("status").asText();
                checks.put(name, status);
                if (!"UP".equals(status)) {
                    failing.append(failing.isEmpty() ? "" : ", ").append(name);
                }
                if ("service".equals(name)) {
                    version = check.path("data").path("version").asText(null);
                    instance = check.path("data").path("instance").asText(null);
                }
            }
            String state = doc.path("status").asText("DOWN");
            String detail = "UP".equals(state)
                    ? null
                    : "not ready: " + (failing.isEmpty() ? "HTTP " + response.statusCode() : failing);
            return new Result(state, detail, checks, version, instance);
        } catch (Exception e) {
            return new Result(
                    "DOWN",
                    "HTTP " + response.statusCode() + " with an unreadable health document",
                    Map.of(),
                    null,
                    null);
        }
    }

    /** The cause in words an operator understands, e.g. "connection refused (is it running?)". */
    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return "connection refused (is it running?)";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "timed out";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + " " + root.getMessage();
    }
}
