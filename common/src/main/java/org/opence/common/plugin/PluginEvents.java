package org.opence.common.plugin;

/**
 * Events that keep every replica's plugins in step with the catalogue core-service keeps: the jar
 * travels in {@link Installed} (uploads are limited to a size a message carries well), so a module
 * service needs nothing but the bus to load a new plugin without a restart.
 */
public final class PluginEvents {

    /** A custom plugin was uploaded (or is re-announced in answer to a sync request). */
    public static final String INSTALLED = "plugin.installed";
    /** A custom plugin was deleted. */
    public static final String REMOVED = "plugin.removed";
    /** A plugin was turned off or on by the super-admin; configurations of a disabled plugin do not run. */
    public static final String STATE_CHANGED = "plugin.state.changed";
    /** A module service started and asks core-service to announce every custom plugin again. */
    public static final String SYNC_REQUEST = "plugin.sync.request";

    private PluginEvents() {}

    /**
     * @param jar the jar, base64
     * @param sha256 of the jar, to skip what a replica has already
     */
    public record Installed(String pluginId, String version, String module, String sha256, String jar) {}

    public record Removed(String pluginId, String module) {}

    public record StateChanged(String pluginId, boolean disabled) {}
}
