/** Bodies of /api/<module>/configurations (common ConfigurationModels.java). */
import type { TenantSource } from './netskope';

/** How a configuration's runs go (ConfigurationModels.Health). */
export interface Health {
  lastRunAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  healthy: boolean;
  lastRunSummary?: string;
  runs: number;
}

/** A configuration as shown, passwords masked (ConfigurationModels.View). */
export interface ConfigurationView {
  name: string;
  pluginId: string;
  pluginName: string;
  pluginVersion?: string;
  enabled: boolean;
  pollIntervalSeconds: number;
  configuration?: Record<string, unknown>;
  tenantSource?: TenantSource | null;
  health?: Health;
  createdAt?: string;
  updatedAt?: string;
}
