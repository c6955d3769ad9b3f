package org.opence.common.settings;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.opence.common.error.ProblemException;

/**
 * Refuses every call of a module's API while the module is off ({@code 409 module-off}, saying who
 * can turn it on), except {@code GET /api/<module>/status}, which says that it is off.
 */
@Provider
public class ModuleOffFilter implements ContainerRequestFilter {

    private final ModuleSwitch modules;

    public ModuleOffFilter(ModuleSwitch modules) {
        this.modules = modules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String module = modules.module();
        if (module == null || modules.on()) {
            return;
        }
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        String base = "/api/" + module;
        if ((path.equals(base) || path.startsWith(base + "/")) && !path.equals(base + "/status")) {
            throw new ProblemException.ModuleOff(modules.offMessage());
        }
    }
}
