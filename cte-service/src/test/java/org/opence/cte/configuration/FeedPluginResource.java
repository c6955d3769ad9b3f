package org.opence.cte.configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.opence.testsupport.TestPluginJars;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Puts a small CTE source plugin, compiled from source, into the custom plugin directory of the test. */
public class FeedPluginResource implements QuarkusTestResourceLifecycleManager {

    static final String SOURCE = """
            package feed;
            import java.util.*;
            import org.opence.plugin.api.*;
            import org.opence.plugin.api.cte.*;
            public class FeedPlugin implements CtePlugin {
                public PluginManifest manifest() {
                    return new PluginManifest("test-feed", "Test feed", "1.2.0", ModuleType.CTE, "Indicators for tests",
                            "0.1.0", Set.of(Capability.PULL), null,
                            List.of(ConfigField.text("url", "Feed URL").required(),
                                    ConfigField.password("apiKey", "API key").required(),
                                    ConfigField.number("limit", "Indicators per pull").withDefault(2)),
                            List.of(), List.of());
                }
                public ValidationResult validate(PluginContext c) {
                    return c.string("url").startsWith("https://") ? ValidationResult.ok()
                            : ValidationResult.invalid("url", "must start with https://");
                }
                public List<Indicator> pull(PluginContext c) {
                    if (!"k-123".equals(c.string("apiKey"))) {
                        throw new IllegalStateException("the feed refused the API key");
                    }
                    long pulls = Long.parseLong(c.storage().get("pulls").orElse("0")) + 1;
                    c.storage().put("pulls", String.valueOf(pulls));
                    List<Indicator> result = new ArrayList<>();
                    for (int i = 0; i < c.number("limit", 2); i++) {
                        result.add(Indicator.of("bad" + i + ".example", IndicatorType.DOMAIN));
                    }
                    return result;
                }
            }
            """;

    /** A plugin whose validation calls its URL through the platform's HTTP client (proxy, TLS). */
    static final String PROBE = """
            package probe;
            import java.net.URI;
            import java.net.http.*;
            import java.util.*;
            import org.opence.plugin.api.*;
            import org.opence.plugin.api.cte.*;
            public class ProbePlugin implements CtePlugin {
                public PluginManifest manifest() {
                    return new PluginManifest("http-probe", "HTTP probe", "1.0.0", ModuleType.CTE, "Calls its URL",
                            "0.1.0", Set.of(Capability.PULL), null,
                            List.of(ConfigField.text("url", "URL").required()), List.of(), List.of());
                }
                public ValidationResult validate(PluginContext c) {
                    try {
                        HttpResponse<String> r = c.http().send(
                                HttpRequest.newBuilder(URI.create(c.string("url"))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 ? ValidationResult.ok()
                                : ValidationResult.invalid("url", "answered " + r.statusCode());
                    } catch (Exception e) {
                        return ValidationResult.invalid("url", "unreachable: " + e);
                    }
                }
                public List<Indicator> pull(PluginContext c) {
                    return List.of();
                }
            }
            """;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("cte-plugins");
            Path cte = Files.createDirectories(dir.resolve("cte"));
            TestPluginJars.build(
                    cte,
                    "test-feed.jar",
                    Map.of("feed.FeedPlugin", SOURCE),
                    Map.of("org.opence.plugin.api.cte.CtePlugin", "feed.FeedPlugin"));
            TestPluginJars.build(
                    cte,
                    "http-probe.jar",
                    Map.of("probe.ProbePlugin", PROBE),
                    Map.of("org.opence.plugin.api.cte.CtePlugin", "probe.ProbePlugin"));
            return Map.of(
                    "ce.plugins.custom-dir", dir.toString(),
                    "ce.plugins.builtin-dir", dir.resolve("none").toString(),
                    "ce.plugins.scheduler-tick", "300ms");
        } catch (Exception e) {
            throw new IllegalStateException("could not build the test plugin", e);
        }
    }

    @Override
    public void stop() {}
}
