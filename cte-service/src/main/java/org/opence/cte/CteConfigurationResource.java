package org.opence.cte;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.plugin.config.ConfigurationResource;
import org.opence.common.plugin.config.PluginConfigurations;

/** Configurations of the CTE plugins. */
@Path("/api/cte/configurations")
@Tag(name = "CTE configurations")
public class CteConfigurationResource extends ConfigurationResource {

    public CteConfigurationResource(PluginConfigurations configurations) {
        super(configurations);
    }
}
