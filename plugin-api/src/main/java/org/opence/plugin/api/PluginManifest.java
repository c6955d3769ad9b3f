package org.opence.plugin.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plugin is, read by the platform before it runs anything of it: identity, module, version,
 * the platform version it needs, capabilities and configuration form.
 *
 * @param id unique and stable across versions, e.g. {@code splunk-hec} (lower case, digits, {@code -})
 * @param name shown in the catalogue
 * @param version semantic version {@code MAJOR.MINOR.PATCH}; uploads of a lower version are refused
 * @param module the module it belongs to
 * @param description one paragraph for the catalogue
 * @param minimumPlatformVersion the oldest Open CE version it works with
 * @param capabilities what it can do
 * @param icon an SVG document or a data URL, or null
 * @param configuration the fields of its configuration form
 * @param dataTypes for CLS: the data types it accepts ({@code alerts}, {@code events}, {@code webtx})
 * @param formats for CLS: output formats it offers ({@code cef}, {@code leef}, {@code json})
 */
public record PluginManifest(
        String id,
        String name,
        String version,
        ModuleType module,
        String description,
        String minimumPlatformVersion,
        Set<Capability> capabilities,
        String icon,
        List<ConfigField> configuration,
        List<String> dataTypes,
        List<String> formats) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    public PluginManifest {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plugin id '" + id + "' must be 2 to 63 lower-case letters, digits or -,"
                    + " starting with a letter");
        }
        Objects.requireNonNull(module, "module");
        name = name == null || name.isBlank() ? id : name;
        SemanticVersion.parse(version, "version");
        SemanticVersion.parse(minimumPlatformVersion, "minimumPlatformVersion");
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        dataTypes = dataTypes == null ? List.of() : List.copyOf(dataTypes);
        formats = formats == null ? List.of() : List.copyOf(formats);
        List<String> keys = ConfigValidator.flatten(configuration).stream()
                .map(ConfigField::key)
                .toList();
        if (keys.size() != Set.copyOf(keys).size()) {
            throw new IllegalArgumentException("plugin '" + id + "' declares a configuration key twice: " + keys);
        }
        if (module == ModuleType.CLS && dataTypes.isEmpty()) {
            throw new IllegalArgumentException("a CLS plugin must declare the data types it accepts");
        }
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
