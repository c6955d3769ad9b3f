package org.opence.common.ingest;

/** CDI event fired in a module service when something that feeds its {@link TenantDataNeeds} changed. */
public record NeedsChanged(String reason) {}
