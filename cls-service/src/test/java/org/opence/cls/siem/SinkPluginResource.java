package org.opence.cls.siem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.opence.testsupport.TestPluginJars;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Puts a small Log Shipper destination plugin, compiled from source, into the test's plugin directory. */
public class SinkPluginResource implements QuarkusTestResourceLifecycleManager {

    /**
     * A destination that POSTs each chunk, one record per line, to the URL in its {@code target} field
     * and reads the answer: 200 "ok" = all taken, 200 "refuse:i,j" = records i and j refused, 200
     * "retry:i,j" = all but i and j taken, those to try again; "written:n" = all taken but not
     * acknowledged (as plain TCP syslog reports), n of an earlier push sent again; anything else = try
     * again later. Chunks of 500 records.
     */
    static final String SOURCE = """
            package sink;
            import java.net.URI;
            import java.net.http.*;
            import java.util.*;
            import org.opence.plugin.api.*;
            import org.opence.plugin.api.cls.*;
            public class SinkPlugin implements ClsPlugin {
                public PluginManifest manifest() {
                    return new PluginManifest("test-sink", "Test sink", "1.0.0", ModuleType.CLS, "Posts to a test receiver",
                            "0.1.0", Set.of(Capability.PUSH), null,
                            List.of(ConfigField.text("target", "Target").required()),
                            List.of("alerts", "events"), List.of("cef", "json"));
                }
                public int chunkSize() { return 500; }
                public PushResult push(PluginContext c, List<Object> items, String dataType, String subType) throws Exception {
                    StringBuilder body = new StringBuilder();
                    for (Object item : items) { body.append(item).append('\\n'); }
                    HttpRequest request = HttpRequest.newBuilder(URI.create(c.string("target")))
                            .header("X-Data", dataType + "." + subType)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                    HttpResponse<String> answer = c.http().send(request);
                    if (answer.statusCode() != 200) {
                        return PushResult.retryLater("the receiver answered " + answer.statusCode());
                    }
                    List<PushResult.FailedItem> failed = new ArrayList<>();
                    String text = answer.body().trim();
                    if (text.startsWith("written:")) {
                        return PushResult.allAccepted(items.size()).unacknowledged().withResent(Integer.parseInt(text.substring(8)));
                    }
                    if (text.startsWith("retry:")) {
                        for (String i : text.substring(6).split(",")) {
                            failed.add(new PushResult.FailedItem(Integer.parseInt(i), null, "the receiver is busy"));
                        }
                        return new PushResult(items.size() - failed.size(), failed, true);
                    }
                    if (text.startsWith("refuse:") && text.length() > 7) {
                        for (String i : text.substring(7).split(",")) {
                            failed.add(new PushResult.FailedItem(Integer.parseInt(i), null, "the receiver does not take such records"));
                        }
                    }
                    return new PushResult(items.size() - failed.size(), failed, false);
                }
            }
            """;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("cls-plugins");
            Path cls = Files.createDirectories(dir.resolve("cls"));
            TestPluginJars.build(
                    cls,
                    "test-sink.jar",
                    Map.of("sink.SinkPlugin", SOURCE),
                    Map.of("org.opence.plugin.api.cls.ClsPlugin", "sink.SinkPlugin"));
            return Map.of(
                    "ce.plugins.custom-dir",
                    dir.toString(),
                    "ce.plugins.builtin-dir",
                    dir.resolve("none").toString(),
                    "cls.delivery.retry-delays",
                    "300ms,600ms",
                    "cls.delivery.parked-notice-interval",
                    "2s");
        } catch (Exception e) {
            throw new IllegalStateException("could not build the test plugin", e);
        }
    }

    @Override
    public void stop() {}
}
