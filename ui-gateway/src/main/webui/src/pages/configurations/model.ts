/**
 * Bodies of /api/<module>/configurations (common ConfigurationModels.java) and what the page
 * derives from them.
 */
import type { ConfigurationView, Health } from '../../api/configurations';
import { ALERT_SUBTYPES, EVENT_TYPES, type TenantSource } from '../../api/netskope';
import type { PluginEntry } from '../../components/schema-form';

import type { ModuleId } from './ConfigurationsPage';

export type { ConfigurationView, Health, ModuleId, TenantSource };

/** A configuration as the form sends it (ConfigurationModels.Form). */
export interface ConfigurationForm {
  name: string;
  pluginId: string;
  enabled?: boolean;
  pollIntervalSeconds?: number;
  configuration: Record<string, unknown>;
  tenantSource?: TenantSource | null;
}

/** The answer of /{name}/validate (plugin-api ValidationResult). */
export interface ValidationResult {
  problems: { field: string | null; message: string }[];
}

/** A Netskope tenant as listed by /api/tenants (only what the page uses). */
export interface TenantSummary {
  name: string;
  tenantName?: string;
}

/** What the API shows as the plugin name of a configuration whose plugin is not installed. */
export const NOT_INSTALLED = '(plugin not installed)';

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/;
export const MIN_POLL_SECONDS = 10;
export const MAX_POLL_SECONDS = 365 * 24 * 3600;
export const DEFAULT_POLL_SECONDS = 300;

export { ALERT_SUBTYPES, EVENT_TYPES };

export interface ModuleTexts {
  title: string;
  description: string;
  /** "destination" or "configuration", in sentences. */
  noun: string;
  addLabel: string;
  nameLabel: string;
  emptyTitle: string;
  emptyBody: string;
  /** Whether a configuration can name Netskope tenant data it consumes. */
  tenantSource: boolean;
}

export const MODULES: Record<ModuleId, ModuleTexts> = {
  cls: {
    title: 'Log Shipper destinations',
    description: 'Where the Log Shipper sends alerts and events: syslog servers, Splunk HTTP Event Collectors and other SIEMs. SIEM mappings choose what goes to each destination.',
    noun: 'destination',
    addLabel: 'Add destination',
    nameLabel: 'Destination name',
    emptyTitle: 'No destinations yet',
    emptyBody: 'Add a destination for each SIEM or syslog server, then send data to it with a SIEM mapping.',
    tenantSource: false,
  },
  cte: {
    title: 'Threat Exchange configurations',
    description: 'Sources that bring indicators of compromise in and destinations they are shared with.',
    noun: 'configuration',
    addLabel: 'Add configuration',
    nameLabel: 'Configuration name',
    emptyTitle: 'No Threat Exchange configurations yet',
    emptyBody: 'Add a configuration of a Threat Exchange plugin to pull indicators from a feed or to share them with a system.',
    tenantSource: true,
  },
  cto: {
    title: 'Ticket Orchestrator configurations',
    description: 'Ticketing and notification systems that alerts become tickets and messages in.',
    noun: 'configuration',
    addLabel: 'Add configuration',
    nameLabel: 'Configuration name',
    emptyTitle: 'No Ticket Orchestrator configurations yet',
    emptyBody: 'Add a configuration of a Ticket Orchestrator plugin to open tickets or send notifications for alerts.',
    tenantSource: true,
  },
  cre: {
    title: 'Risk Exchange configurations',
    description: 'Systems that exchange risk scores of users, devices and applications, and act on them.',
    noun: 'configuration',
    addLabel: 'Add configuration',
    nameLabel: 'Configuration name',
    emptyTitle: 'No Risk Exchange configurations yet',
    emptyBody: 'Add a configuration of a Risk Exchange plugin to bring in risk scores or to act on them.',
    tenantSource: true,
  },
};

/** The plugins of this module in the catalogue (manifest.module is the enum name, CLS …). */
export function pluginsOf(entries: readonly PluginEntry[] | undefined, module: ModuleId): PluginEntry[] {
  return (entries ?? [])
    .filter((e) => String(e.manifest?.module ?? '').toLowerCase() === module)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

export function pulls(entry: PluginEntry | undefined): boolean {
  return !!entry && (entry.manifest.capabilities ?? []).map((c) => String(c).toUpperCase()).includes('PULL');
}

export type HealthState = 'never' | 'healthy' | 'failing' | 'no-plugin' | 'plugin-off';

/** One word on how a configuration's runs go (on or off is shown apart), for the list. */
export function healthState(view: ConfigurationView, entry: PluginEntry | undefined, catalogueKnown: boolean): HealthState {
  if ((catalogueKnown && !entry) || view.pluginName === NOT_INSTALLED) return 'no-plugin';
  if (entry && !entry.enabled) return 'plugin-off';
  const h = view.health;
  if (!h || (!h.lastRunAt && !h.runs && !h.lastError)) return 'never';
  return h.healthy ? 'healthy' : 'failing';
}
