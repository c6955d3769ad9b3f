/** Netskope data the modules consume (common NetskopeDataTypes.java, ConfigurationModels.TenantSource). */

/** Alert subtypes as the Netskope Data Export API spells them. */
export const ALERT_SUBTYPES = [
  'dlp',
  'malware',
  'policy',
  'compromisedcredential',
  'malsite',
  'quarantine',
  'remediation',
  'securityassessment',
  'watchlist',
  'uba',
  'ctep',
  'device',
  'content',
] as const;

/** Event types as the Netskope Data Export API spells them. */
export const EVENT_TYPES = ['alert', 'application', 'audit', 'connection', 'incident', 'infrastructure', 'network', 'page', 'endpoint'] as const;

/** The Netskope tenant data a configuration or SIEM mapping consumes. */
export interface TenantSource {
  tenant: string;
  alerts: string[];
  events: string[];
}
