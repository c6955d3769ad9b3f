package org.opence.common.status;

/**
 * What a module service says about itself at {@code GET /api/<module>/status}; the home page of the UI
 * reads it, and later issues add the module's switch and its data flow.
 *
 * @param module short name: cte, cto, cre or cls
 * @param enabled whether the module is on in the settings
 */
public record ModuleStatus(String module, boolean enabled, String service, String version, String instance) {

    public static ModuleStatus of(String module, boolean enabled, ServiceIdentity identity) {
        return new ModuleStatus(module, enabled, identity.name(), identity.version(), identity.instance());
    }
}
