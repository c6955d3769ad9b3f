/**
 * Pure helpers around a plugin's field schema: the value fields and wizard steps, the initial values
 * of a form, the checks the platform runs before the plugin (mandatory, type, choices), the body to
 * send, and the API's field errors put back on the fields. They follow plugin-api's ConfigValidator
 * and the configuration API's rules (see PluginConfigurations.java):
 * a mandatory field with a default may stay empty (the default is used), a password left out on
 * update keeps the stored one, and field errors come back named {@code configuration.<key>}.
 */
import type { ConfigField, FieldErrors, FieldProblem, FieldType, FormValue, FormValues } from './types';

/** What the API shows instead of a stored password. */
export const SECRET_MASK = '********';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The field's type in upper case (the API sends enum names; tolerate other spellings). */
export function typeOf(field: ConfigField): FieldType {
  return String(field.type ?? 'TEXT').toUpperCase() as FieldType;
}

export function isSecret(field: ConfigField): boolean {
  return typeOf(field) === 'PASSWORD';
}

/** Whether the field may change in this mode (editable false: only when creating). */
export function isEditable(field: ConfigField, mode: 'create' | 'edit'): boolean {
  return mode === 'create' || field.editable !== false;
}

export function hasDefault(field: ConfigField): boolean {
  return field.defaultValue !== undefined && field.defaultValue !== null;
}

/** The fields that hold values, the fields of steps (at any depth) in place of the steps. */
export function valueFields(schema: readonly ConfigField[] | undefined): ConfigField[] {
  const all: ConfigField[] = [];
  for (const field of schema ?? []) {
    if (typeOf(field) === 'STEP') all.push(...valueFields(field.fields));
    else all.push(field);
  }
  return all;
}

/** One page of a stepped form. */
export interface FormStep {
  key: string;
  label: string;
  /** As declared: may hold nested steps, rendered as sections. */
  fields: ConfigField[];
}

/**
 * The wizard pages of the schema, or null when it declares no step (one plain form). Fields outside
 * any step become a page of their own ("General"), in their place among the steps.
 */
export function stepsOf(schema: readonly ConfigField[] | undefined): FormStep[] | null {
  const list = schema ?? [];
  if (!list.some((f) => typeOf(f) === 'STEP')) return null;
  const steps: FormStep[] = [];
  let loose: ConfigField[] = [];
  const flushLoose = () => {
    if (loose.length > 0) {
      steps.push({ key: `__general-${steps.length}`, label: 'General', fields: loose });
      loose = [];
    }
  };
  for (const field of list) {
    if (typeOf(field) === 'STEP') {
      flushLoose();
      steps.push({ key: field.key, label: field.label || field.key, fields: field.fields ?? [] });
    } else {
      loose.push(field);
    }
  }
  flushLoose();
  return steps;
}

/** The value of an untouched field without default: '', false or []. */
export function emptyValue(field: ConfigField): FormValue {
  switch (typeOf(field)) {
    case 'BOOLEAN':
      return false;
    case 'MULTICHOICE':
      return [];
    default:
      return '';
  }
}

/** A stored (or default) value as the form holds it. */
export function toFormValue(field: ConfigField, value: unknown): FormValue {
  if (value === undefined || value === null) return emptyValue(field);
  switch (typeOf(field)) {
    case 'BOOLEAN':
      return value === true || value === 'true';
    case 'MULTICHOICE':
      return Array.isArray(value) ? value.map((v) => String(v)) : String(value) === '' ? [] : [String(value)];
    case 'PASSWORD':
      return '';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * The values a form starts with: the stored ones when editing (passwords never: they stay empty and
 * keep the stored value), else each field's default, else empty.
 */
export function initialValues(schema: readonly ConfigField[] | undefined, stored?: Record<string, unknown> | null): FormValues {
  const values: FormValues = {};
  for (const field of valueFields(schema)) {
    if (isSecret(field)) {
      values[field.key] = '';
    } else if (stored && stored[field.key] !== undefined && stored[field.key] !== null) {
      values[field.key] = toFormValue(field, stored[field.key]);
    } else if (hasDefault(field)) {
      values[field.key] = toFormValue(field, field.defaultValue);
    } else {
      values[field.key] = emptyValue(field);
    }
  }
  return values;
}

/** The password fields that hold a value in a stored configuration (shown masked by the API). */
export function storedSecrets(schema: readonly ConfigField[] | undefined, stored?: Record<string, unknown> | null): string[] {
  if (!stored) return [];
  return valueFields(schema)
    .filter((f) => isSecret(f))
    .filter((f) => stored[f.key] !== undefined && stored[f.key] !== null && stored[f.key] !== '')
    .map((f) => f.key);
}

export function isEmptyValue(value: FormValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

export interface CheckOptions {
  /** Password fields with a stored value: left empty they keep it, so they count as given. */
  secretsSet?: readonly string[];
  /** Check only these keys (a wizard page); all when left out. */
  only?: readonly string[];
}

/**
 * The checks the platform makes before the plugin sees a configuration: mandatory fields without
 * default given, numbers, e-mail addresses, choices among the offered ones. Messages read after the
 * field's label ("is required"), as the API's do; {@link problemText} makes them a sentence.
 */
export function validateValues(schema: readonly ConfigField[] | undefined, values: FormValues, options: CheckOptions = {}): FieldErrors {
  const errors: FieldErrors = {};
  const secrets = new Set(options.secretsSet ?? []);
  const only = options.only ? new Set(options.only) : null;
  for (const field of valueFields(schema)) {
    if (only && !only.has(field.key)) continue;
    const value = values[field.key];
    const keepsStored = isSecret(field) && value === '' && secrets.has(field.key);
    if (isEmptyValue(value) || typeOf(field) === 'BOOLEAN') {
      if (field.mandatory && !hasDefault(field) && !keepsStored && typeOf(field) !== 'BOOLEAN') {
        errors[field.key] = 'is required';
      }
      continue;
    }
    const problem = checkType(field, value);
    if (problem) errors[field.key] = problem;
  }
  return errors;
}

function checkType(field: ConfigField, value: FormValue): string | undefined {
  const keys = (field.choices ?? []).map((c) => c.key);
  switch (typeOf(field)) {
    case 'NUMBER':
      return typeof value === 'string' && Number.isFinite(Number(value.trim())) ? undefined : 'must be a number';
    case 'EMAIL':
      return typeof value === 'string' && EMAIL.test(value.trim()) ? undefined : 'must be an e-mail address, such as name@example.org';
    case 'CHOICE':
      return keys.includes(String(value)) ? undefined : `must be one of ${keys.join(', ')}`;
    case 'MULTICHOICE':
      return Array.isArray(value) && value.every((v) => keys.includes(v)) ? undefined : `must be a list of values from ${keys.join(', ')}`;
    default:
      return undefined;
  }
}

/**
 * The configuration map to send: numbers as numbers, text trimmed, empty values left out (the
 * platform then uses the default), passwords left out when untouched (the stored one is kept) and
 * sent empty only to remove a stored one, multi-choices always as lists.
 */
export function toConfiguration(
  schema: readonly ConfigField[] | undefined,
  values: FormValues,
  options: { secretsSet?: readonly string[] } = {},
): Record<string, unknown> {
  const secrets = new Set(options.secretsSet ?? []);
  const result: Record<string, unknown> = {};
  for (const field of valueFields(schema)) {
    const value = values[field.key];
    switch (typeOf(field)) {
      case 'PASSWORD':
        if (value === null) {
          if (secrets.has(field.key)) result[field.key] = '';
        } else if (typeof value === 'string' && value !== '') {
          result[field.key] = value;
        }
        break;
      case 'BOOLEAN':
        result[field.key] = value === true;
        break;
      case 'MULTICHOICE':
        result[field.key] = Array.isArray(value) ? [...value] : [];
        break;
      case 'NUMBER': {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text !== '') {
          const n = Number(text);
          result[field.key] = Number.isFinite(n) ? n : text;
        }
        break;
      }
      case 'TEXTAREA':
        if (typeof value === 'string' && value.trim() !== '') result[field.key] = value;
        break;
      default: {
        const text = typeof value === 'string' ? value.trim() : value;
        if (text !== '' && text !== null && text !== undefined) result[field.key] = text;
      }
    }
  }
  return result;
}

/**
 * Puts field errors back on the fields: {@code <prefix><key>}, also {@code <prefix><step>.<key>}
 * (how plugin-api names a step's field). What names no field of the schema is returned in
 * {@code other}, to be shown above the form.
 */
export function fieldErrorsFromProblems(
  schema: readonly ConfigField[] | undefined,
  problems: readonly FieldProblem[] | readonly { field: string | null; message: string }[],
  prefix = '',
): { fields: FieldErrors; other: FieldProblem[] } {
  const keys = new Set(valueFields(schema).map((f) => f.key));
  const stepKeys = new Set(allSteps(schema).map((s) => s.key));
  const fields: FieldErrors = {};
  const other: FieldProblem[] = [];
  for (const problem of problems) {
    const key = keyOf(problem.field, prefix, keys, stepKeys);
    if (key === undefined) other.push({ field: problem.field, message: problem.message });
    else fields[key] = fields[key] ? `${fields[key]}; ${problem.message}` : problem.message;
  }
  return { fields, other };
}

function allSteps(schema: readonly ConfigField[] | undefined): ConfigField[] {
  const steps: ConfigField[] = [];
  for (const field of schema ?? []) {
    if (typeOf(field) === 'STEP') steps.push(field, ...allSteps(field.fields));
  }
  return steps;
}

function keyOf(field: string | null, prefix: string, keys: Set<string>, stepKeys: Set<string>): string | undefined {
  if (field === null || field === undefined || !field.startsWith(prefix)) return undefined;
  const rest = field.substring(prefix.length);
  if (keys.has(rest)) return rest;
  // a step's field: <step>.<key>, steps possibly nested
  const parts = rest.split('.');
  for (let i = 1; i < parts.length; i++) {
    const head = parts.slice(0, i);
    const tail = parts.slice(i).join('.');
    if (head.every((h) => stepKeys.has(h)) && keys.has(tail)) return tail;
  }
  return undefined;
}

/**
 * A message of the API or of {@link validateValues} as a sentence under the field: "is required"
 * becomes "Port is required", "cannot resolve …" becomes "Cannot resolve …".
 */
export function problemText(label: string, message: string): string {
  const text = message.trim();
  if (/^(is|are|must|should|has|have|needs|may|cannot|can not|can't)\b/.test(text)) return `${label} ${text}`;
  return text.charAt(0).toUpperCase() + text.substring(1);
}

/** A value as a read-only view shows it; secrets only as set or not set. */
export function displayValue(field: ConfigField, value: unknown, secretSet?: boolean): string {
  const choiceLabel = (key: unknown) => (field.choices ?? []).find((c) => c.key === String(key))?.label ?? String(key);
  if (isSecret(field)) return (secretSet ?? (value !== undefined && value !== null && value !== '')) ? 'Set' : 'Not set';
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return typeOf(field) === 'MULTICHOICE' && Array.isArray(value) ? 'None' : '—';
  }
  switch (typeOf(field)) {
    case 'BOOLEAN':
      return value === true || value === 'true' ? 'Yes' : 'No';
    case 'CHOICE':
      return choiceLabel(value);
    case 'MULTICHOICE':
      return (Array.isArray(value) ? value : [value]).map(choiceLabel).join(', ');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
