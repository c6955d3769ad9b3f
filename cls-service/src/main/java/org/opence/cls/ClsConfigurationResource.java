package org.opence.cls;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.plugin.config.ConfigurationResource;
import org.opence.common.plugin.config.PluginConfigurations;

/** Configurations of the CLS plugins. */
@Path("/api/cls/configurations")
@Tag(name = "CLS configurations")
public class ClsConfigurationResource extends ConfigurationResource {

    public ClsConfigurationResource(PluginConfigurations configurations) {
        super(configurations);
    }
}
