package org.opence.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services read from their environment, found in their sources: the keys of their
 * properties files and of their {@code @ConfigMapping} interfaces, as environment variables.
 *
 * <p>A mapping key under a {@code Map} ({@code core.services.<name>.health}) stands for one variable
 * per name the properties files use ({@code CORE_SERVICES_TENANT_SERVICE_HEALTH}, ...).
 */
final class ServiceConfiguration {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z][a-z0-9.\\-\"]*)");
    private static final Pattern METHOD = Pattern.compile(
            "^\\s*((?:@\\w+(?:\\([^)]*\\))?\\s*)*)([\\w.]+(?:<[^()]*>)?)\\s+(\\w+)\\(\\)\\s*;", Pattern.MULTILINE);
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"\\s*\\)");

    /** Configuration keys, some with {@code *} for a map key; mapping prefixes; Quarkus keys the files set. */
    private final Set<String> keys = new TreeSet<>();

    private final Set<String> prefixes = new TreeSet<>();
    private final Set<String> quarkusKeys = new TreeSet<>();
    private final Set<String> propertyKeys = new TreeSet<>();

    private ServiceConfiguration() {}

    /** The configuration of the deployable modules and of the shared library they use. */
    static ServiceConfiguration ofDeployedServices() {
        List<String> modules = new ArrayList<>(Repository.deployableModules());
        modules.add("common");
        ServiceConfiguration config = new ServiceConfiguration();
        for (String module : modules) {
            config.readMappings(Repository.path(module + "/src/main/java"));
        }
        for (String module : modules) {
            config.readProperties(Repository.path(module + "/src/main/resources/application.properties"));
            config.readProperties(
                    Repository.path(module + "/src/main/resources/META-INF/microprofile-config.properties"));
        }
        return config;
    }

    /** Every variable the services read, by name. */
    Set<String> environmentVariables() {
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            if (!key.contains("*")) {
                names.add(toEnv(key));
                continue;
            }
            // A map key: one variable per name the properties files give it.
            Pattern concrete = Pattern.compile(Pattern.quote(key).replace("*", "\\E([a-z0-9\\-]+)\\Q"));
            propertyKeys.stream()
                    .map(concrete::matcher)
                    .filter(Matcher::matches)
                    .map(m -> key.replace("*", m.group(1)))
                    .forEach(k -> names.add(toEnv(k)));
        }
        return names;
    }

    /** Keys under a map whose names no properties file gives: any variable of the form must do. */
    List<Pattern> openEnvironmentVariables() {
        List<Pattern> open = new ArrayList<>();
        for (String key : keys) {
            if (!key.contains("*")) {
                continue;
            }
            Pattern concrete = Pattern.compile(Pattern.quote(key).replace("*", "\\E[a-z0-9\\-]+\\Q"));
            if (propertyKeys.stream().noneMatch(k -> concrete.matcher(k).matches())) {
                open.add(Pattern.compile(Pattern.quote(toEnv(key)).replace("*", "\\E[A-Z0-9_]+\\Q")));
            }
        }
        return open;
    }

    /** Whether a variable set for a service is one it reads (a typo is not). */
    boolean reads(String variable) {
        return environmentVariables().contains(variable)
                || quarkusKeys.stream().map(ServiceConfiguration::toEnv).anyMatch(variable::equals)
                || openEnvironmentVariables().stream()
                        .anyMatch(p -> p.matcher(variable).matches());
    }

    /**
     * The settings of a module whose default points at this machine (127.0.0.1, localhost): in a
     * container each must be overridden, or the service talks to itself. Includes the shared
     * library's defaults when the module uses it.
     */
    static Map<String, String> loopbackSettings(String module) {
        List<Path> files = new ArrayList<>();
        files.add(Repository.path(module + "/src/main/resources/application.properties"));
        if (Repository.read(module + "/pom.xml").contains("<artifactId>opence-common</artifactId>")) {
            files.add(Repository.path("common/src/main/resources/META-INF/microprofile-config.properties"));
        }
        Map<String, String> loopback = new java.util.TreeMap<>();
        for (Path file : files) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key);
                if (!key.startsWith("%") && value.matches(".*\\b(127\\.0\\.0\\.1|localhost)\\b.*")) {
                    loopback.put(key, value);
                }
            }
        }
        return loopback;
    }

    Set<String> mappingPrefixes() {
        return prefixes;
    }

    static String toEnv(String key) {
        return key.replace("\"", "").toUpperCase().replaceAll("[^A-Z0-9*]", "_");
    }

    private void readProperties(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue; // a profile's value (tests), not something deployments set
            }
            propertyKeys.add(key);
            addIfOurs(key);
            if (key.startsWith("quarkus.")) {
                quarkusKeys.add(key);
            }
            Matcher ref = REFERENCE.matcher(properties.getProperty(key));
            while (ref.find()) {
                propertyKeys.add(ref.group(1));
                addIfOurs(ref.group(1));
            }
        }
    }

    private void addIfOurs(String key) {
        if (prefixes.stream().anyMatch(p -> key.startsWith(p + "."))) {
            keys.add(key);
        }
    }

    private void readMappings(Path sources) {
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String java = withoutCommentsAndBracesInStrings(Files.readString(file));
                Matcher mapping = MAPPING.matcher(java);
                if (mapping.find()) {
                    prefixes.add(mapping.group(1));
                    Map<String, String> bodies = interfaceBodies(java);
                    String root = file.getFileName().toString().replace(".java", "");
                    collect(mapping.group(1), bodies.get(root), bodies);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(String prefix, String body, Map<String, String> bodies) {
        Matcher method = METHOD.matcher(body);
        while (method.find()) {
            String annotations = method.group(1);
            String type = method.group(2);
            Matcher withName = WITH_NAME.matcher(annotations);
            String name = withName.find() ? withName.group(1) : kebab(method.group(3));
            String key = annotations.contains("@WithParentName") ? prefix : prefix + "." + name;
            String element = type;
            Matcher generic = Pattern.compile("^(?:Map<\\s*String\\s*,|Optional<|List<)\\s*([\\w.]+)\\s*>$")
                    .matcher(type);
            if (type.startsWith("Map<")) {
                key = key + ".*";
            }
            if (generic.matches()) {
                element = generic.group(1);
            }
            if (bodies.containsKey(element)) {
                collect(key, bodies.get(element), bodies);
            } else {
                keys.add(key);
            }
        }
    }

    /** The body of each interface in a source file, without the bodies of the interfaces inside it. */
    private static Map<String, String> interfaceBodies(String java) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher start = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{").matcher(java);
        while (start.find()) {
            StringBuilder own = new StringBuilder();
            int depth = 1;
            for (int i = start.end(); i < java.length() && depth > 0; i++) {
                char c = java.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                } else if (depth == 1) {
                    own.append(c);
                }
                if (depth == 1 && c == '}') {
                    own.append(';'); // a nested body ends a statement
                }
            }
            bodies.put(start.group(1), own.toString());
        }
        return bodies;
    }

    /** The source without comments, and with braces inside string literals blanked out. */
    private static String withoutCommentsAndBracesInStrings(String java) {
        StringBuilder out = new StringBuilder(java.length());
        boolean string = false;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            char next = i + 1 < java.length() ? java.charAt(i + 1) : 0;
            if (string) {
                if (c == '\\') {
                    out.append(c).append(next);
                    i++;
                    continue;
                }
                string = c != '"';
                out.append(c == '{' || c == '}' ? ' ' : c);
            } else if (c == '/' && next == '/') {
                int newline = java.indexOf('\n', i);
                i = (newline < 0 ? java.length() : newline) - 1;
            } else if (c == '/' && next == '*') {
                int end = java.indexOf("*/", i + 2);
                i = end < 0 ? java.length() : end + 1;
            } else {
                string = c == '"';
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
