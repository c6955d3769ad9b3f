package org.opence.common.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.SemanticVersion;
import org.opence.plugin.api.cls.ClsPlugin;
import org.opence.plugin.api.cre.CrePlugin;
import org.opence.plugin.api.cte.CtePlugin;
import org.opence.plugin.api.cto.CtoPlugin;

/**
 * Loads plugin jars, each in its own {@link PluginClassLoader}, and checks each plugin before anyone
 * uses it: a manifest that can be read, the module its interface says, and a platform version at
 * least its minimum. A jar that fails is reported with the reason and skipped; it never stops the
 * service.
 */
public final class PluginLoader {

    private static final Logger LOG = Logger.getLogger(PluginLoader.class);

    private static final Map<ModuleType, Class<? extends Plugin>> INTERFACES = Map.of(
            ModuleType.CTE, CtePlugin.class,
            ModuleType.CTO, CtoPlugin.class,
            ModuleType.CRE, CrePlugin.class,
            ModuleType.CLS, ClsPlugin.class);

    /** A jar that could not be loaded, and why. */
    public record Rejected(Path source, String reason) {}

    /** What a load found. */
    public record Result(List<LoadedPlugin> plugins, List<Rejected> rejected) {}

    private final SemanticVersion platformVersion;

    public PluginLoader(String platformVersion) {
        this.platformVersion = SemanticVersion.parse(platformVersion, "platform version");
    }

    /** Every plugin of {@code module} in the jars of these directories (missing directories are skipped). */
    public Result load(ModuleType module, List<Path> directories) {
        List<LoadedPlugin> plugins = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar :
                        jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    try {
                        plugins.addAll(loadJar(module, jar));
                    } catch (PluginException e) {
                        LOG.warnf("Plugin jar %s skipped: %s", jar, e.getMessage());
                        rejected.add(new Rejected(jar, e.getMessage()));
                    }
                }
            } catch (IOException e) {
                rejected.add(new Rejected(dir, "cannot list the directory: " + e.getMessage()));
            }
        }
        return new Result(plugins, rejected);
    }

    /** The plugins of {@code module} in one jar; throws with the reason when the jar is not usable. */
    public List<LoadedPlugin> loadJar(ModuleType module, Path jar) {
        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader(
                    "plugin:" + jar.getFileName(), jar.toUri().toURL(), Plugin.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new PluginException("not a usable path: " + e.getMessage());
        }
        List<LoadedPlugin> found = new ArrayList<>();
        Class<? extends Plugin> api = INTERFACES.get(module);
        try {
            for (Plugin plugin : ServiceLoader.load(api, loader)) {
                PluginManifest manifest;
                try {
                    manifest = plugin.manifest();
                } catch (RuntimeException | LinkageError e) {
                    throw new PluginException("its manifest cannot be read: " + e);
                }
                if (manifest == null) {
                    throw new PluginException(plugin.getClass().getName() + " returned no manifest");
                }
                if (manifest.module() != module) {
                    throw new PluginException("plugin '" + manifest.id() + "' says module " + manifest.module()
                            + " but implements " + api.getSimpleName());
                }
                SemanticVersion needs =
                        SemanticVersion.parse(manifest.minimumPlatformVersion(), "minimumPlatformVersion");
                if (needs.compareTo(platformVersion) > 0) {
                    throw new PluginException("plugin '" + manifest.id() + "' " + manifest.version() + " needs Open CE "
                            + needs + " or newer; this is " + platformVersion);
                }
                if (!PluginJarManifest.same(manifest, declaredManifest(jar))) {
                    throw new PluginException("plugin '" + manifest.id() + "' declares another manifest than its "
                            + PluginJarManifest.PATH + " (rebuild the jar: the file is written from manifest())");
                }
                found.add(new LoadedPlugin(manifest, plugin, jar));
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("its plugin class cannot be created: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new PluginException(
                    "no " + module + " plugin in it (META-INF/services/" + api.getName() + " missing or empty)");
        }
        return found;
    }

    /**
     * What a jar of any module declares, to check an upload before it is stored: read as data
     * ({@link PluginJarManifest}), without loading or running any of its classes.
     */
    public PluginManifest inspect(Path jar) {
        return PluginJarManifest.read(jar, platformVersion);
    }

    private static PluginManifest declaredManifest(Path jar) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            return PluginJarManifest.manifest(zip);
        } catch (IOException e) {
            throw new PluginException("it cannot be read: " + e.getMessage());
        }
    }

    /** A plugin jar that cannot be used, with a message for the operator. */
    public static class PluginException extends RuntimeException {
        public PluginException(String message) {
            super(message);
        }
    }
}
