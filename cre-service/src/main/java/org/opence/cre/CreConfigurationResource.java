package org.opence.cre;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.plugin.config.ConfigurationResource;
import org.opence.common.plugin.config.PluginConfigurations;

/** Configurations of the CRE plugins. */
@Path("/api/cre/configurations")
@Tag(name = "CRE configurations")
public class CreConfigurationResource extends ConfigurationResource {

    public CreConfigurationResource(PluginConfigurations configurations) {
        super(configurations);
    }
}
