package org.opence.plugins.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opence.plugin.api.Notifier;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginHttpClient;
import org.opence.plugin.api.PluginLogger;
import org.opence.plugin.api.PluginStorage;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.cls.ClsPlugin;
import org.opence.plugin.testkit.TestContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Configurations, records, and the request bodies parsed back with Jackson. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** A configuration for {@code url} that sends nothing on save, so tests decide what the receiver sees. */
    static Map<String, Object> config(String url) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", url);
        config.put("testOnSave", "none");
        return config;
    }

    /** {@code count} compact JSON objects with characters that need care, numbered from {@code from}. */
    static List<String> jsonRecords(int count, int from) {
        List<String> records = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            records.add("{\"id\":" + i + ",\"user\":\"user" + i + "@example.com\",\"note\":\"quote \\\" back"
                    + " \\\\ tab \\t détecté 日本\",\"src\":\"10.0.0." + (i % 250) + "\",\"nested\":{\"n\":[1,2,"
                    + (i % 7) + "]}}");
        }
        return records;
    }

    /** {@code count} CEF lines with quotes, backslashes, pipes and non-ASCII text. */
    static List<String> cefLines(int count, int from) {
        List<String> lines = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            lines.add("CEF:0|Netskope|Netskope|1.0|malware|Malware \"détecté\" \\| übel|8|rt=1714555800123 suser=user"
                    + i + "@example.com cs1=Block \\= all 日本 cn1=" + i);
        }
        return lines;
    }

    /** What the platform does: transform, then push. */
    static PushResult ship(PluginContext context, List<String> records, String format, String dataType, String subType)
            throws Exception {
        ClsPlugin plugin = new WebhookPlugin();
        List<Object> transformed = plugin.transform(context, records, format, dataType, subType);
        return plugin.push(context, transformed, dataType, subType);
    }

    /** {@code context} with another HTTP client (one that trusts a test certificate, follows redirects ...). */
    static PluginContext withClient(TestContext context, HttpClient client) {
        PluginHttpClient http = new PluginHttpClient() {
            @Override
            public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                    throws IOException, InterruptedException {
                return client.send(request, handler);
            }
        };
        return new PluginContext() {
            @Override
            public String configurationName() {
                return context.configurationName();
            }

            @Override
            public Map<String, Object> configuration() {
                return context.configuration();
            }

            @Override
            public PluginStorage storage() {
                return context.storage();
            }

            @Override
            public Optional<Instant> lastRunAt() {
                return context.lastRunAt();
            }

            @Override
            public PluginLogger logger() {
                return context.logger();
            }

            @Override
            public Notifier notifier() {
                return context.notifier();
            }

            @Override
            public PluginHttpClient http() {
                return http;
            }
        };
    }

    /** The records of one request body of the given shape, each as Jackson read it. */
    static List<JsonNode> records(Receiver.Request request, String shape) {
        try {
            return switch (shape) {
                case "array" -> elements(JSON.readTree(request.body()));
                case "envelope" -> elements(JSON.readTree(request.body()).get("records"));
                case "ndjson" -> {
                    String text = request.text();
                    if (!text.isEmpty() && !text.endsWith("\n")) {
                        throw new AssertionError("an NDJSON body must end with a line feed");
                    }
                    List<JsonNode> lines = new ArrayList<>();
                    for (String line : text.split("\n")) {
                        if (!line.isEmpty()) {
                            lines.add(JSON.readTree(line));
                        }
                    }
                    yield lines;
                }
                default -> throw new IllegalArgumentException(shape);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of every request, in the order the requests arrived. */
    static List<JsonNode> allRecords(Receiver receiver, String shape) {
        List<JsonNode> all = new ArrayList<>();
        receiver.requests().forEach(r -> all.addAll(records(r, shape)));
        return all;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new AssertionError("expected a JSON array, got " + array);
        }
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }
}
