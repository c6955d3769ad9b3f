package org.opence.plugin.testkit;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opence.plugin.api.Notifier;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginHttpClient;
import org.opence.plugin.api.PluginLogger;
import org.opence.plugin.api.PluginStorage;

/**
 * A {@link PluginContext} for unit tests: the configuration you give, storage in memory (kept across
 * calls with the same context, like the platform keeps it across runs), every log line and
 * notification captured for assertions, and a real HTTP client with timeouts and 429/503 retries like
 * the platform's, so tests talk to a local server of their own.
 *
 * <pre>{@code
 * TestContext context = TestContext.with(Map.of("url", server.url(), "apiKey", "k"));
 * List<Indicator> pulled = new MyFeed().pull(context);
 * assertThat(context.errors()).isEmpty();
 * }</pre>
 */
public final class TestContext implements PluginContext {

    /** One captured log line. */
    public record LogLine(String level, String message, String errorCode, String details, String resolution) {}

    /** One captured notification. */
    public record Notification(Notifier.Level level, String message) {}

    private final Map<String, Object> configuration;
    private final Map<String, String> storage = new HashMap<>();
    private final List<LogLine> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Notification> notifications = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Instant lastRunAt;

    private TestContext(Map<String, Object> configuration) {
        this.configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    }

    public static TestContext with(Map<String, Object> configuration) {
        return new TestContext(configuration);
    }

    /** Pretends an earlier run succeeded at this time. */
    public TestContext lastRunAt(Instant at) {
        this.lastRunAt = at;
        return this;
    }

    @Override
    public String configurationName() {
        return "test";
    }

    @Override
    public Map<String, Object> configuration() {
        return configuration;
    }

    @Override
    public PluginStorage storage() {
        return new PluginStorage() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(storage.get(key));
            }

            @Override
            public void put(String key, String value) {
                storage.put(key, value);
            }

            @Override
            public void remove(String key) {
                storage.remove(key);
            }

            @Override
            public Map<String, String> all() {
                return Map.copyOf(storage);
            }
        };
    }

    @Override
    public Optional<Instant> lastRunAt() {
        return Optional.ofNullable(lastRunAt);
    }

    @Override
    public PluginLogger logger() {
        return new PluginLogger() {
            @Override
            public void debug(String message) {
                log.add(new LogLine("debug", message, null, null, null));
            }

            @Override
            public void info(String message) {
                log.add(new LogLine("info", message, null, null, null));
            }

            @Override
            public void warn(String message) {
                log.add(new LogLine("warning", message, null, null, null));
            }

            @Override
            public void error(String message, String errorCode, String details, String resolution) {
                log.add(new LogLine("error", message, errorCode, details, resolution));
            }
        };
    }

    @Override
    public Notifier notifier() {
        return (level, message) -> notifications.add(new Notification(level, message));
    }

    @Override
    public PluginHttpClient http() {
        return new PluginHttpClient() {
            @Override
            public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                    throws java.io.IOException, InterruptedException {
                HttpRequest prepared = HttpRequest.newBuilder(request, (n, v) -> true)
                        .timeout(request.timeout().orElse(Duration.ofSeconds(30)))
                        .build();
                for (int attempt = 0; ; attempt++) {
                    HttpResponse<T> response = client.send(prepared, handler);
                    if ((response.statusCode() != 429 && response.statusCode() != 503) || attempt >= 3) {
                        return response;
                    }
                    long wait = response.headers()
                            .firstValue("Retry-After")
                            .map(Long::parseLong)
                            .orElse(1L);
                    Thread.sleep(Math.min(wait, 5) * 1000);
                }
            }
        };
    }

    /** Every log line, in order. */
    public List<LogLine> log() {
        return List.copyOf(log);
    }

    /** The error lines only. */
    public List<LogLine> errors() {
        return log().stream().filter(l -> l.level().equals("error")).toList();
    }

    /** The messages of the warning lines, in order. */
    public List<String> warnings() {
        return log().stream()
                .filter(l -> l.level().equals("warning"))
                .map(LogLine::message)
                .toList();
    }

    public List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    /** Storage as it is now. */
    public Map<String, String> stored() {
        return Map.copyOf(storage);
    }
}
