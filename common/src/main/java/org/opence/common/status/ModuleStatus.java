package org.opence.common.status;

/**
 * What a module service says about itself at {@code GET /api/<module>/status}; the home page of the UI
 * reads it, and later issues add the module's switch and its data flow.
 *
 * @param module short name: cte, cto, cre or cls
 */
public record ModuleStatus(String module, String service, String version, String instance) {

    public static ModuleStatus of(String module, ServiceIdentity identity) {
        return new ModuleStatus(module, identity.name(), identity.version(), identity.instance());
    }
}
