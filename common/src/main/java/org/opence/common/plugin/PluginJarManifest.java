package org.opence.common.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.SemanticVersion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a plugin jar says about itself, read as data: its manifest file
 * ({@code META-INF/opence/plugin.json}, written by the plugin's build) and its service registration.
 * No class of the jar is loaded, so an upload is inspected without running any of its code; only the
 * module service that runs the plugin instantiates it, and checks that it says the same.
 */
public final class PluginJarManifest {

    /** Where the manifest is in a plugin jar. */
    public static final String PATH = "META-INF/opence/plugin.json";

    private static final long MAX_MANIFEST_BYTES = 1 << 20;
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    static final Map<ModuleType, String> INTERFACES = Map.of(
            ModuleType.CTE, "org.opence.plugin.api.cte.CtePlugin",
            ModuleType.CTO, "org.opence.plugin.api.cto.CtoPlugin",
            ModuleType.CRE, "org.opence.plugin.api.cre.CrePlugin",
            ModuleType.CLS, "org.opence.plugin.api.cls.ClsPlugin");

    private PluginJarManifest() {}

    /**
     * The manifest of the one plugin in the jar, checked against the jar's service registration and the
     * platform's version.
     *
     * @throws PluginLoader.PluginException with the reason when the jar cannot be installed
     */
    public static PluginManifest read(Path jar, SemanticVersion platformVersion) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            PluginManifest manifest = manifest(zip);
            String service = "META-INF/services/" + INTERFACES.get(manifest.module());
            ZipEntry registration = zip.getEntry(service);
            if (registration == null) {
                throw new PluginLoader.PluginException("its manifest says module " + manifest.module()
                        + " but the jar registers no class in " + service);
            }
            List<String> classes = implementations(zip, registration);
            if (classes.size() != 1) {
                throw new PluginLoader.PluginException(
                        service + " must name exactly one plugin class; it names " + classes);
            }
            if (zip.getEntry(classes.get(0).replace('.', '/') + ".class") == null) {
                throw new PluginLoader.PluginException(
                        service + " names " + classes.get(0) + ", which the jar does not contain");
            }
            for (var other : INTERFACES.entrySet()) {
                if (other.getKey() != manifest.module()
                        && zip.getEntry("META-INF/services/" + other.getValue()) != null) {
                    throw new PluginLoader.PluginException(
                            "upload one plugin per jar; this one also registers a " + other.getKey() + " plugin");
                }
            }
            SemanticVersion needs = SemanticVersion.parse(manifest.minimumPlatformVersion(), "minimumPlatformVersion");
            if (needs.compareTo(platformVersion) > 0) {
                throw new PluginLoader.PluginException("plugin '" + manifest.id() + "' " + manifest.version()
                        + " needs Open CE " + needs + " or newer; this is " + platformVersion);
            }
            return manifest;
        } catch (ZipException e) {
            throw new PluginLoader.PluginException("it is not a jar (zip) file: " + e.getMessage());
        } catch (IOException e) {
            throw new PluginLoader.PluginException("it cannot be read: " + e.getMessage());
        }
    }

    /** The manifest file of a jar, or the reason there is none that can be used. */
    static PluginManifest manifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(PATH);
        if (entry == null) {
            boolean registersAny =
                    INTERFACES.values().stream().anyMatch(i -> zip.getEntry("META-INF/services/" + i) != null);
            throw new PluginLoader.PluginException(
                    registersAny
                            ? "it has no " + PATH
                                    + ": a plugin's build writes its manifest there (docs/plugin-development.md)"
                            : "it holds no Open CE plugin: no " + PATH + " and no META-INF/services entry for a module"
                                    + " interface (org.opence.plugin.api.cte.CtePlugin, ...cto.CtoPlugin,"
                                    + " ...cre.CrePlugin or ...cls.ClsPlugin)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new PluginLoader.PluginException(PATH + " is larger than 1 MiB");
            }
            return parse(bytes);
        }
    }

    /** A manifest from its JSON, checked by the manifest's own rules. */
    public static PluginManifest parse(byte[] json) {
        try {
            return JSON.readValue(json, PluginManifest.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new PluginLoader.PluginException(PATH + " is not a valid manifest: " + cause.getMessage());
        }
    }

    /** Whether a plugin instance declares the same manifest as its jar's file. */
    static boolean same(PluginManifest declared, PluginManifest file) {
        JsonNode a = JSON.valueToTree(declared);
        JsonNode b = JSON.valueToTree(file);
        try {
            // through text both ways, so that 514 read as an int and written from a long compare equal
            return JSON.readTree(JSON.writeValueAsString(a)).equals(JSON.readTree(JSON.writeValueAsString(b)));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> implementations(ZipFile zip, ZipEntry registration) throws IOException {
        try (InputStream in = zip.getInputStream(registration)) {
            return new String(in.readNBytes(65_536), StandardCharsets.UTF_8)
                    .lines()
                    .map(l -> l.replaceAll("#.*", "").trim())
                    .filter(l -> !l.isEmpty())
                    .toList();
        }
    }
}
