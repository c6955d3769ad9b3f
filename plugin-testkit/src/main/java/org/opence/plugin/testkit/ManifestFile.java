package org.opence.plugin.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.cls.ClsPlugin;
import org.opence.plugin.api.cre.CrePlugin;
import org.opence.plugin.api.cte.CtePlugin;
import org.opence.plugin.api.cto.CtoPlugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a plugin's manifest into its jar as {@code META-INF/opence/plugin.json}, at build time. The
 * platform reads that file to inspect an uploaded jar, without loading or running any of its classes;
 * the module service that runs the plugin checks that {@code manifest()} still says the same.
 *
 * <p>Run it in the plugin's build after compiling (the built-in plugins' poms show how, with the
 * exec-maven-plugin): {@code java org.opence.plugin.testkit.ManifestFile target/classes}.
 */
public final class ManifestFile {

    /** Where the manifest is in a plugin jar. */
    public static final String PATH = "META-INF/opence/plugin.json";

    private static final List<Class<? extends Plugin>> MODULE_INTERFACES =
            List.of(CtePlugin.class, CtoPlugin.class, CrePlugin.class, ClsPlugin.class);

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ManifestFile() {}

    /** Finds the one plugin on the class path and writes its manifest under the given classes directory. */
    public static void main(String... args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManifestFile <classes directory>");
        }
        List<PluginManifest> found = registered(Thread.currentThread().getContextClassLoader());
        if (found.size() != 1) {
            throw new IllegalStateException("a plugin jar holds exactly one plugin registered in META-INF/services;"
                    + " found " + found.stream().map(PluginManifest::id).toList());
        }
        Path file = write(found.get(0), Path.of(args[0]));
        System.out.println("Wrote the manifest of plugin '" + found.get(0).id() + "' to " + file);
    }

    /** Writes {@code META-INF/opence/plugin.json} under {@code classes}; returns the file. */
    public static Path write(PluginManifest manifest, Path classes) throws IOException {
        Path file = classes.resolve(PATH);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json(manifest) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Every plugin registered for a module interface on the class path of {@code loader}. */
    public static List<PluginManifest> registered(ClassLoader loader) {
        List<PluginManifest> manifests = new ArrayList<>();
        for (Class<? extends Plugin> api : MODULE_INTERFACES) {
            for (Plugin plugin : ServiceLoader.load(api, loader)) {
                manifests.add(plugin.manifest());
            }
        }
        return manifests;
    }

    /** The manifest as JSON, its record components as properties (the platform reads it the same way). */
    public static String json(PluginManifest manifest) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the manifest of '" + manifest.id() + "' cannot be written as JSON", e);
        }
    }
}
