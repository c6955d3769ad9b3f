package org.opence.plugin.api;

/**
 * The root of every plugin. An implementation is found with {@link java.util.ServiceLoader}: list its
 * class in {@code META-INF/services/} under the module interface it implements (e.g.
 * {@code org.opence.plugin.api.cls.ClsPlugin}). It needs a public no-argument constructor that does
 * no work; all state lives in the {@link PluginContext} a call receives.
 */
public interface Plugin {

    /** What the plugin is; called before anything else, must not touch the network. */
    PluginManifest manifest();

    /**
     * Checks a configuration beyond the schema (which the platform has already checked), e.g. by
     * calling the system with the given credentials. The default accepts everything the schema does.
     */
    default ValidationResult validate(PluginContext context) {
        return ValidationResult.ok();
    }
}
