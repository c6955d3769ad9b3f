package org.opence.common.plugin.config;

import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.ingest.IngestNeeds;
import org.opence.common.ingest.TenantDataNeeds;
import org.opence.common.plugin.ModulePlugins;

/** A module's enabled configurations with a tenant source need that tenant data. */
@ApplicationScoped
public class ConfigurationNeeds implements TenantDataNeeds {

    private final PluginConfigurations configurations;
    private final ModulePlugins plugins;

    public ConfigurationNeeds(PluginConfigurations configurations, ModulePlugins plugins) {
        this.configurations = configurations;
        this.plugins = plugins;
    }

    @Override
    public Set<IngestNeeds.Need> needs() {
        return plugins.module().isPresent() ? configurations.tenantNeeds() : Set.of();
    }
}
