package org.opence.cto;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.plugin.config.ConfigurationResource;
import org.opence.common.plugin.config.PluginConfigurations;

/** Configurations of the CTO plugins. */
@Path("/api/cto/configurations")
@Tag(name = "CTO configurations")
public class CtoConfigurationResource extends ConfigurationResource {

    public CtoConfigurationResource(PluginConfigurations configurations) {
        super(configurations);
    }
}
