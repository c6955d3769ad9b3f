/** The audit trail's entry (common AuditEntry) and how the console compares its before and after. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface AuditEntry {
  id: string;
  at: string;
  /** What happened, e.g. tenant.created, user.updated. */
  action: string;
  /** What it happened to, e.g. tenant:acme. */
  target?: string;
  /** Who: a username, api-token:<name>, or system. */
  actor?: string;
  actorRole?: string;
  /** The client address the gateway saw. */
  from?: string;
  requestId?: string;
  service?: string;
  /** The state before (secrets masked), absent for creations. */
  before?: Json;
  /** The state after (secrets masked), absent for deletions. */
  after?: Json;
}

/** Action prefixes the services write (the filter matches the start of the action). */
export const ACTION_PREFIXES: { value: string; label: string }[] = [
  { value: 'auth.', label: 'Sign-in and passwords' },
  { value: 'user.', label: 'Users' },
  { value: 'api-token.', label: 'API tokens' },
  { value: 'sso.', label: 'Single sign-on' },
  { value: 'settings.', label: 'Settings' },
  { value: 'tenant.', label: 'Netskope tenants' },
  { value: 'plugin.', label: 'Plugins' },
  { value: 'configuration.', label: 'Plugin configurations' },
  { value: 'siem-mapping.', label: 'SIEM mappings' },
  { value: 'mapping-file.', label: 'Mapping files' },
  { value: 'cls.parked.', label: 'Parked batches' },
];

/** "siem-mapping.historical-pull" → "Siem mapping historical pull". */
export function describeAction(action: string): string {
  const words = action.replace(/[.\-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.substring(1) : action;
}

/** What kind of change the entry is, from what it carries. */
export function changeKind(entry: AuditEntry): 'created' | 'deleted' | 'changed' | 'event' {
  const hasBefore = entry.before !== undefined && entry.before !== null;
  const hasAfter = entry.after !== undefined && entry.after !== null;
  if (hasBefore && hasAfter) return 'changed';
  if (hasAfter) return 'created';
  if (hasBefore) return 'deleted';
  return 'event';
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Leaves of a JSON value by dotted path (array items by index); an empty object or array is a leaf. */
export function flatten(value: Json | undefined, prefix = '', out: Map<string, Json> = new Map()): Map<string, Json> {
  if (value === undefined) return out;
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.length > 0) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else {
    out.set(prefix || '(value)', value);
  }
  return out;
}

export interface FieldChange {
  field: string;
  before?: Json;
  after?: Json;
  /** Whether it exists on that side. */
  inBefore: boolean;
  inAfter: boolean;
}

/** The fields that differ between before and after, in the order they first appear. */
export function diff(before: Json | undefined, after: Json | undefined): FieldChange[] {
  const b = flatten(before ?? undefined);
  const a = flatten(after ?? undefined);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const inBefore = b.has(field);
    const inAfter = a.has(field);
    if (inBefore && inAfter && JSON.stringify(b.get(field)) === JSON.stringify(a.get(field))) continue;
    changes.push({ field, before: b.get(field), after: a.get(field), inBefore, inAfter });
  }
  return changes;
}

/** A leaf value as text: strings as they are, everything else as JSON. */
export function showValue(value: Json | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
