/**
 * The shapes of a plugin's manifest as GET /api/plugins serves it (Java records of plugin-api:
 * PluginManifest, ConfigField, Choice, FieldProblem; enums are sent by their constant names).
 */

/** How a field's value is entered and checked (plugin-api FieldType). */
export type FieldType = 'TEXT' | 'PASSWORD' | 'NUMBER' | 'BOOLEAN' | 'CHOICE' | 'MULTICHOICE' | 'TEXTAREA' | 'EMAIL' | 'STEP';

/** One allowed value of a CHOICE or MULTICHOICE field: {@code key} is stored, {@code label} is shown. */
export interface Choice {
  key: string;
  label: string;
}

/** One field of a plugin's configuration form; a STEP is a wizard page holding {@code fields}. */
export interface ConfigField {
  key: string;
  label: string;
  type: FieldType;
  mandatory: boolean;
  /** Used by the platform when no value is given: a string, number, boolean or list of strings. */
  defaultValue?: unknown;
  choices?: Choice[];
  /** false: the value cannot change once the configuration exists. */
  editable?: boolean;
  helpText?: string | null;
  placeholder?: string | null;
  fields?: ConfigField[];
}

export type ModuleType = 'CTE' | 'CTO' | 'CRE' | 'CLS';

export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  module: ModuleType;
  description?: string | null;
  minimumPlatformVersion?: string;
  capabilities: string[];
  icon?: string | null;
  configuration: ConfigField[];
  dataTypes?: string[];
  formats?: string[];
}

/** An entry of the plugin catalogue (core-service PluginModels.Entry). */
export interface PluginEntry {
  manifest: PluginManifest;
  /** built-in or custom */
  source: string;
  sha256?: string;
  size?: number;
  uploadedAt?: string;
  enabled: boolean;
}

/** One thing wrong with a configuration; field null when it concerns no single field. */
export interface FieldProblem {
  field: string | null;
  message: string;
}

/**
 * A field's value while it is edited: text, e-mail, password, number (as typed), text area and
 * choice are strings, booleans are booleans, multi-choices are lists of keys. A password is '' when
 * untouched (the stored one, if any, is kept) and null when the stored one is to be removed.
 */
export type FormValue = string | boolean | string[] | null;

export type FormValues = Record<string, FormValue>;

/** Client-side or API messages by field key. */
export type FieldErrors = Record<string, string>;
