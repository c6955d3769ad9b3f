package org.opence.common.ingest;

import java.util.Set;

/**
 * A CDI bean of a module service implementing this contributes to the module's announced
 * {@link IngestNeeds}: e.g. configurations with a tenant source, or (CLS) SIEM mappings.
 */
public interface TenantDataNeeds {

    Set<IngestNeeds.Need> needs();
}
