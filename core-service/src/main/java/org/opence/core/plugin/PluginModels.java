package org.opence.core.plugin;

import java.time.Instant;

import org.opence.plugin.api.PluginManifest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bodies of {@code /api/plugins}. */
public final class PluginModels {

    private PluginModels() {}

    /**
     * A plugin in the catalogue.
     *
     * @param source {@code built-in} or {@code custom}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            PluginManifest manifest, String source, String sha256, Integer size, Instant uploadedAt, boolean enabled) {}

    /** Turning a plugin off or on. */
    public record State(boolean enabled) {}
}
