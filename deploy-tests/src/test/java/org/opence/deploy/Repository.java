package org.opence.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository these tests check: its root, its files, and the services it deploys. */
final class Repository {

    static final Path ROOT =
            Paths.get(System.getProperty("opence.root", "..")).toAbsolutePath().normalize();

    private Repository() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The modules that become a container: every module with {@code src/main/docker/Dockerfile.jvm}. */
    static List<String> deployableModules() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("src/main/docker/Dockerfile.jvm")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services scripts/start runs (CE_SERVICES in scripts/lib/common.sh). */
    static List<String> startedServices() {
        Matcher m = Pattern.compile("CE_SERVICES=\\(([^)]*)\\)").matcher(read("scripts/lib/common.sh"));
        if (!m.find()) {
            throw new IllegalStateException("CE_SERVICES not found in scripts/lib/common.sh");
        }
        return Stream.of(m.group(1).trim().split("\\s+")).sorted().toList();
    }

    /** The project version, from the root pom. */
    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>opence-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("version not found in pom.xml");
        }
        return m.group(1);
    }

    /**
     * The port a module listens on by default: the default of the placeholder in a property of its
     * application.properties, e.g. 8086 from {@code quarkus.http.port=${ce.ports.cls:8086}}.
     */
    static int defaultPort(String module, String property) {
        String properties = read(module + "/src/main/resources/application.properties");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(property) + "=\\$\\{[^:}]+:(\\d+)}")
                .matcher(properties);
        if (!m.find()) {
            throw new IllegalStateException(module + " has no " + property + " with a default port");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The port whose readiness tells whether a module is healthy: the gateway's management port, else HTTP. */
    static int healthPort(String module) {
        return module.equals("ui-gateway")
                ? defaultPort(module, "quarkus.management.port")
                : defaultPort(module, "quarkus.http.port");
    }
}
