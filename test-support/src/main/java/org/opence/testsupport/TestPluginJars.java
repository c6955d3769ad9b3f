package org.opence.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources against the plugin API and packs them as a plugin jar, as a plugin author's build would. */
public final class TestPluginJars {

    private TestPluginJars() {}

    /**
     * @param sources class name → source
     * @param services service interface name → implementation class name
     */
    public static Path build(Path dir, String jarName, Map<String, String> sources, Map<String, String> services)
            throws IOException {
        return build(dir, jarName, sources, services, true);
    }

    /**
     * @param manifestFile whether to write {@code META-INF/opence/plugin.json} as a plugin's build does
     *     (run the plugin's {@code manifest()} here, in the build, not in the platform)
     */
    public static Path build(
            Path dir, String jarName, Map<String, String> sources, Map<String, String> services, boolean manifestFile)
            throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        JavaFileManager inMemory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(
                    Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(
                new SimpleJavaFileObject(
                        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return code;
                    }
                }));
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "--release", "17");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        boolean ok = compiler.getTask(new java.io.PrintWriter(errors), inMemory, null, options, null, units)
                .call();
        if (!ok) {
            throw new IllegalStateException("test plugin does not compile: " + errors);
        }
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue().toByteArray());
                out.closeEntry();
            }
            for (var service : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
                out.write(service.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        if (manifestFile && !services.isEmpty()) {
            addManifestFile(jar);
        }
        return jar;
    }

    /** Adds the manifest file, from the plugin's own manifest(), as the plugin's build step does. */
    private static void addManifestFile(Path jar) throws IOException {
        List<org.opence.plugin.api.PluginManifest> found;
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {jar.toUri().toURL()}, TestPluginJars.class.getClassLoader())) {
            found = org.opence.plugin.testkit.ManifestFile.registered(loader);
        }
        if (found.size() != 1) {
            return;
        }
        Path classes = Files.createTempDirectory("plugin-manifest");
        Path file = org.opence.plugin.testkit.ManifestFile.write(found.get(0), classes);
        Path copy = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(jar));
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                out.putNextEntry(new JarEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(org.opence.plugin.testkit.ManifestFile.PATH));
            out.write(Files.readAllBytes(file));
            out.closeEntry();
        }
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A CLS plugin whose manifest description comes from a bundled library class {@code lib.Greeter}. */
    public static Path clsPluginWithLibrary(
            Path dir, String id, String libraryVersion, String minPlatform, String pushBody) throws IOException {
        String plugin = """
                package demo;
                import java.util.*;
                import org.opence.plugin.api.*;
                import org.opence.plugin.api.cls.ClsPlugin;
                public class Demo implements ClsPlugin {
                    public PluginManifest manifest() {
                        return new PluginManifest("%s", "Demo", "1.0.0", ModuleType.CLS, new lib.Greeter().version(), "%s",
                                Set.of(Capability.PUSH), null, List.of(), List.of("alerts"), List.of("json"));
                    }
                    public PushResult push(PluginContext c, List<Object> t, String d, String s) throws Exception {
                        %s
                    }
                }
                """.formatted(id, minPlatform, pushBody);
        String library = """
                package lib;
                public class Greeter { public String version() { return "lib %s"; } }
                """.formatted(libraryVersion);
        return build(
                dir,
                id + ".jar",
                Map.of("demo.Demo", plugin, "lib.Greeter", library),
                Map.of("org.opence.plugin.api.cls.ClsPlugin", "demo.Demo"));
    }
}
