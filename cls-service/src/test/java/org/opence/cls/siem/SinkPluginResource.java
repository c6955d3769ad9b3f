package org.opence.cls.siem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.opence.testsupport.TestPluginJars;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Puts a small Log Shipper destination plugin, compiled from source, into the test's plugin directory. */
public class SinkPluginResource implements QuarkusTestResourceLifecycleManager {

    static final String SOURCE = """
            package sink;
            import java.util.*;
            import org.opence.plugin.api.*;
            import org.opence.plugin.api.cls.*;
            public class SinkPlugin implements ClsPlugin {
                public PluginManifest manifest() {
                    return new PluginManifest("test-sink", "Test sink", "1.0.0", ModuleType.CLS, "Takes everything",
                            "0.1.0", Set.of(Capability.PUSH), null,
                            List.of(ConfigField.text("target", "Target").required()),
                            List.of("alerts", "events"), List.of("cef", "json"));
                }
                public PushResult push(PluginContext c, List<Object> items, String dataType, String subType) {
                    return PushResult.allAccepted(items.size());
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
                    "ce.plugins.custom-dir", dir.toString(),
                    "ce.plugins.builtin-dir", dir.resolve("none").toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not build the test plugin", e);
        }
    }

    @Override
    public void stop() {}
}
