package org.opence.common.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.cls.ClsPlugin;
import org.opence.testsupport.TestPluginJars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginRuntimeTest {

    @TempDir
    Path builtIn;

    @TempDir
    Path custom;

    private final PluginLoader loader = new PluginLoader("0.1.0");
    private final PluginInvoker invoker = new PluginInvoker();

    @AfterEach
    void stop() {
        invoker.close();
    }

    @Test
    void shouldGiveEachPluginItsOwnCopyOfTheLibrariesItBundles() throws Exception {
        TestPluginJars.clsPluginWithLibrary(
                builtIn, "alpha", "1.0", "0.1.0", "return PushResult.allAccepted(t.size());");
        TestPluginJars.clsPluginWithLibrary(custom, "beta", "2.0", "0.1.0", "return PushResult.allAccepted(t.size());");

        PluginLoader.Result result = loader.load(ModuleType.CLS, List.of(builtIn, custom));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.plugins())
                .extracting(p -> p.manifest().id() + "=" + p.manifest().description())
                .containsExactlyInAnyOrder("alpha=lib 1.0", "beta=lib 2.0");
        assertThatThrownBy(() -> Class.forName("lib.Greeter")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void shouldRefuseAPluginThatNeedsANewerPlatformOrIsNoPluginAtAll() throws Exception {
        TestPluginJars.clsPluginWithLibrary(custom, "future", "1.0", "9.0.0", "return null;");
        Files.write(custom.resolve("empty.jar"), new java.io.ByteArrayOutputStream().toByteArray());
        TestPluginJars.build(
                custom, "nothing.jar", java.util.Map.of("x.Y", "package x; public class Y {}"), java.util.Map.of());

        PluginLoader.Result result = loader.load(ModuleType.CLS, List.of(custom));

        assertThat(result.plugins()).isEmpty();
        assertThat(result.rejected())
                .extracting(PluginLoader.Rejected::reason)
                .anyMatch(r -> r.contains("needs Open CE 9.0.0 or newer; this is 0.1.0"))
                .anyMatch(r -> r.contains("no CLS plugin in it"));
    }

    @Test
    void shouldRefuseAPluginOfAnotherModule() throws Exception {
        TestPluginJars.clsPluginWithLibrary(custom, "misfiled", "1.0", "0.1.0", "return null;");

        assertThat(loader.load(ModuleType.CTE, List.of(custom)).rejected())
                .singleElement()
                .extracting(PluginLoader.Rejected::reason)
                .asString()
                .contains("no CTE plugin in it");
    }

    @Test
    void shouldContainAPluginThatThrowsHangsOrAnswersGarbage() throws Exception {
        TestPluginJars.clsPluginWithLibrary(
                builtIn, "thrower", "1.0", "0.1.0", "throw new IllegalStateException(\"HEC said 500\");");
        TestPluginJars.clsPluginWithLibrary(builtIn, "sleeper", "1.0", "0.1.0", "Thread.sleep(60_000); return null;");
        TestPluginJars.clsPluginWithLibrary(builtIn, "liar", "1.0", "0.1.0", "return null;");
        var plugins = loader.load(ModuleType.CLS, List.of(builtIn)).plugins();

        var thrown = push(plugins, "thrower", "cfg-a");
        var hung = push(plugins, "sleeper", "cfg-b");
        var garbage = push(plugins, "liar", "cfg-c");

        assertThat(thrown.error()).isEqualTo("the plugin failed: IllegalStateException: HEC said 500");
        assertThat(hung.error()).isEqualTo("the plugin did not answer within 1 s and was stopped");
        assertThat(garbage.error()).isEqualTo("the plugin returned an unusable answer: no push result");
        assertThat(invoker.health("cfg-a").healthy()).isFalse();
        assertThat(invoker.health("cfg-a").lastError()).contains("HEC said 500");
        assertThat(invoker.health("cfg-a").lastRunAt()).isNotNull();
    }

    @Test
    void shouldRecordASuccessfulCall() throws Exception {
        TestPluginJars.clsPluginWithLibrary(
                builtIn, "fine", "1.0", "0.1.0", "return PushResult.allAccepted(t.size());");
        var plugins = loader.load(ModuleType.CLS, List.of(builtIn)).plugins();

        var outcome = push(plugins, "fine", "cfg-ok");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.value().accepted()).isEqualTo(2);
        assertThat(invoker.health("cfg-ok").lastSuccessAt()).isNotNull();
    }

    private PluginInvoker.Outcome<PushResult> push(List<LoadedPlugin> plugins, String id, String configuration) {
        ClsPlugin plugin = (ClsPlugin) plugins.stream()
                .filter(p -> p.manifest().id().equals(id))
                .findFirst()
                .orElseThrow()
                .plugin();
        return invoker.call(
                configuration,
                Duration.ofSeconds(1),
                () -> plugin.push(null, List.of("a", "b"), "alerts", "malware"),
                answer -> answer == null ? "no push result" : null);
    }
}
