package org.opence.common.plugin;

import java.nio.file.Path;

import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginManifest;

/**
 * A plugin the platform loaded and checked.
 *
 * @param manifest what it declares
 * @param plugin the instance, created in its own class loader
 * @param source the jar it came from
 */
public record LoadedPlugin(PluginManifest manifest, Plugin plugin, Path source) {}
