package org.opence.plugin.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.opence.plugin.api.ConfigValidator;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginManifest;

/** What the platform checks about a plugin, for a plugin's own tests. */
public final class PluginChecks {

    private PluginChecks() {}

    /**
     * Checks a configuration the way the platform does: the schema first, then (only if it passes)
     * the plugin's own {@code validate}.
     *
     * @return every problem, empty when the platform would accept the configuration
     */
    public static List<FieldProblem> validate(Plugin plugin, TestContext context) {
        List<FieldProblem> problems =
                new ArrayList<>(ConfigValidator.validate(plugin.manifest().configuration(), context.configuration()));
        if (problems.isEmpty()) {
            problems.addAll(plugin.validate(context).problems());
        }
        return problems;
    }

    /**
     * Finds the plugin classes registered in {@code META-INF/services} for {@code api} on the test's
     * class path, as the platform would, and returns their manifests; fails if there is none.
     */
    public static <T extends Plugin> List<PluginManifest> registered(Class<T> api) {
        List<PluginManifest> manifests = new ArrayList<>();
        for (T plugin : ServiceLoader.load(api)) {
            manifests.add(plugin.manifest());
        }
        if (manifests.isEmpty()) {
            throw new AssertionError("no plugin is registered in META-INF/services/" + api.getName());
        }
        return manifests;
    }
}
