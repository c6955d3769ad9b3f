/** Shapes of /api/plugins (core-service PluginModels.Entry with plugin-api's PluginManifest). */

export type ModuleType = 'CLS' | 'CTE' | 'CTO' | 'CRE';

export interface Choice {
  key: string;
  label: string;
}

/** ConfigField of the plugin API. */
export interface ConfigField {
  key: string;
  label: string;
  type: 'TEXT' | 'PASSWORD' | 'NUMBER' | 'BOOLEAN' | 'CHOICE' | 'MULTICHOICE' | 'TEXTAREA' | 'EMAIL' | 'STEP' | string;
  mandatory: boolean;
  defaultValue?: unknown;
  choices?: Choice[] | null;
  editable: boolean;
  helpText?: string | null;
  placeholder?: string | null;
  fields?: ConfigField[] | null;
}

export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  module: ModuleType;
  description?: string | null;
  minimumPlatformVersion: string;
  capabilities?: string[] | null;
  icon?: string | null;
  configuration?: ConfigField[] | null;
  dataTypes?: string[] | null;
  formats?: string[] | null;
}

/** PluginModels.Entry. */
export interface PluginEntry {
  manifest: PluginManifest;
  /** built-in or custom */
  source: string;
  sha256?: string | null;
  size?: number | null;
  uploadedAt?: string | null;
  enabled: boolean;
}

export const MODULE_ORDER: ModuleType[] = ['CLS', 'CTE', 'CTO', 'CRE'];

export const MODULE_NAMES: Record<string, string> = {
  CLS: 'Log Shipper',
  CTE: 'Threat Exchange',
  CTO: 'Ticket Orchestrator',
  CRE: 'Risk Exchange',
};

export const CAPABILITIES: Record<string, string> = {
  PULL: 'Pulls data from its system on a schedule',
  PUSH: 'Pushes data to its system',
  PATCH: 'Its destination accepts changes instead of the whole list',
  DELETE: 'Can delete what it pushed earlier',
  RETRACTION: 'Tells which indicators its source has retracted',
  SYNC_STATES: 'Writes ticket states back',
};

export const FIELD_TYPES: Record<string, string> = {
  TEXT: 'Text',
  PASSWORD: 'Secret',
  NUMBER: 'Number',
  BOOLEAN: 'On/off',
  CHOICE: 'Choice',
  MULTICHOICE: 'Several choices',
  TEXTAREA: 'Text (several lines)',
  EMAIL: 'E-mail address',
  STEP: 'Step',
};

/** Every value field of a configuration form, the fields of its steps included, with the step they are on. */
export function flattenFields(fields: ConfigField[] | null | undefined, step?: string): { field: ConfigField; step?: string }[] {
  const out: { field: ConfigField; step?: string }[] = [];
  for (const f of fields ?? []) {
    if (f.type === 'STEP') out.push(...flattenFields(f.fields, f.label));
    else out.push({ field: f, step });
  }
  return out;
}

/** A safe image source for the manifest's icon (an SVG document or a data URL), or undefined. */
export function iconSource(icon: string | null | undefined): string | undefined {
  if (!icon) return undefined;
  const t = icon.trim();
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(t)) return t;
  if (t.startsWith('<svg') || t.startsWith('<?xml')) return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(t)}`;
  return undefined;
}

export function matches(entry: PluginEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const m = entry.manifest;
  return [m.id, m.name, m.description ?? '', m.version, ...(m.capabilities ?? []), ...(m.dataTypes ?? []), ...(m.formats ?? []), entry.source]
    .join(' ')
    .toLowerCase()
    .includes(q);
}
