/**
 * A mapping file (the JSON of the `mapping` library: name, description, format, taxonomy of data
 * type → subtype → CEF/LEEF/JSON mapping) as the form edits it, and back. JSON that the form cannot
 * show faithfully (unknown keys, wrong shapes) is refused with its path, so it is edited as JSON.
 */
import { CEF_HEADER_KEYS, LEEF_HEADER_KEYS } from './types';

export type Format = 'CEF' | 'LEEF' | 'JSON';
export const FORMATS: Format[] = ['CEF', 'LEEF', 'JSON'];
export type DataTypeKey = 'alerts' | 'events';
export type DefaultKind = 'string' | 'number' | 'boolean';

/** One {mapping_field, default_value, transformation} under a key. */
export interface SpecRow {
  id: string;
  key: string;
  mappingField: string;
  defaultText: string;
  /** The JSON type the default value had (kept when the text still reads as one). */
  defaultKind: DefaultKind;
  transformation: string;
}

export interface RenameRow {
  id: string;
  from: string;
  to: string;
}

export interface EntryModel {
  id: string;
  type: DataTypeKey;
  subtype: string;
  /** CEF/LEEF header fields, in the order of the format's keys. */
  header: SpecRow[];
  /** LEEF attribute delimiter as typed: one character or a hex code such as x09; empty = tab. */
  delimiter: string;
  /** CEF extension or LEEF attributes. */
  rows: SpecRow[];
  /** JSON: the dotted paths to keep, one per line (empty keeps every field). */
  fieldsText: string;
  rename: RenameRow[];
}

export interface FileModel {
  name: string;
  description: string;
  format: Format;
  entries: EntryModel[];
}

export class ShapeError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.path = path;
  }
}

let counter = 0;
export const nextId = () => `row${++counter}`;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function headerKeys(format: Format): readonly string[] {
  return format === 'CEF' ? CEF_HEADER_KEYS : format === 'LEEF' ? LEEF_HEADER_KEYS : [];
}

/** The JSON key of the rows of a format: CEF extension, LEEF attributes. */
export function rowsKey(format: Format): 'extension' | 'attributes' {
  return format === 'CEF' ? 'extension' : 'attributes';
}

export function entryPath(e: { type: string; subtype: string }): string {
  return `taxonomy.${e.type}.${e.subtype}`;
}

export function emptySpec(key: string): SpecRow {
  return { id: nextId(), key, mappingField: '', defaultText: '', defaultKind: 'string', transformation: 'String' };
}

function only(node: Record<string, unknown>, path: string, allowed: readonly string[]) {
  for (const key of Object.keys(node)) {
    if (!allowed.includes(key)) throw new ShapeError(path ? `${path}.${key}` : key, `the form does not know the key '${key}'`);
  }
}

function spec(node: unknown, key: string, path: string): SpecRow {
  if (!isObject(node)) throw new ShapeError(path, 'must be an object with mapping_field, default_value, transformation');
  only(node, path, ['mapping_field', 'default_value', 'transformation']);
  const field = node.mapping_field;
  if (field !== undefined && field !== null && typeof field !== 'string') throw new ShapeError(`${path}.mapping_field`, 'must be text');
  const value = node.default_value;
  let defaultText = '';
  let defaultKind: DefaultKind = 'string';
  if (value !== undefined && value !== null) {
    if (typeof value === 'string') defaultText = value;
    else if (typeof value === 'number') {
      defaultText = String(value);
      defaultKind = 'number';
    } else if (typeof value === 'boolean') {
      defaultText = String(value);
      defaultKind = 'boolean';
    } else throw new ShapeError(`${path}.default_value`, 'must be text, a number or true/false');
  }
  const t = node.transformation;
  if (t !== undefined && t !== null && typeof t !== 'string') throw new ShapeError(`${path}.transformation`, 'must be text');
  return { id: nextId(), key, mappingField: (field as string | undefined) ?? '', defaultText, defaultKind, transformation: (t as string | undefined) ?? 'String' };
}

function delimiterText(value: string): string {
  if (value.length === 1 && (value.charCodeAt(0) <= 0x20 || value.charCodeAt(0) === 0x7f)) {
    return `x${value.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
  return value;
}

function entry(node: unknown, type: DataTypeKey, subtype: string, format: Format): EntryModel {
  const path = `taxonomy.${type}.${subtype}`;
  if (!isObject(node)) throw new ShapeError(path, 'must be an object');
  const e: EntryModel = { id: nextId(), type, subtype, header: [], delimiter: '', rows: [], fieldsText: '', rename: [] };
  if (format === 'JSON') {
    only(node, path, ['fields', 'rename']);
    const fields = node.fields ?? [];
    if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) throw new ShapeError(`${path}.fields`, 'must be a list of dotted paths');
    e.fieldsText = (fields as string[]).join('\n');
    const rename = node.rename ?? {};
    if (!isObject(rename)) throw new ShapeError(`${path}.rename`, 'must be an object of field → new name');
    for (const [from, to] of Object.entries(rename)) {
      if (typeof to !== 'string') throw new ShapeError(`${path}.rename.${from}`, 'must be text');
      e.rename.push({ id: nextId(), from, to });
    }
    return e;
  }
  const rows = rowsKey(format);
  only(node, path, ['header', rows]);
  const header = node.header ?? {};
  if (!isObject(header)) throw new ShapeError(`${path}.header`, 'must be an object');
  const keys = headerKeys(format);
  only(header, `${path}.header`, format === 'LEEF' ? [...keys, 'delimiter'] : keys);
  e.header = keys.map((k) => (header[k] === undefined ? emptySpec(k) : spec(header[k], k, `${path}.header.${k}`)));
  if (format === 'LEEF' && header.delimiter !== undefined) {
    if (typeof header.delimiter !== 'string') throw new ShapeError(`${path}.header.delimiter`, 'must be text');
    e.delimiter = delimiterText(header.delimiter);
  }
  const fields = node[rows] ?? {};
  if (!isObject(fields)) throw new ShapeError(`${path}.${rows}`, 'must be an object of key → field');
  e.rows = Object.entries(fields).map(([k, v]) => spec(v, k, `${path}.${rows}.${k}`));
  return e;
}

/** The form's model of a mapping file's JSON, or a {@link ShapeError} saying where the form cannot follow. */
export function toModel(doc: unknown): FileModel {
  if (!isObject(doc)) throw new ShapeError('', 'a mapping file must be a JSON object');
  only(doc, '', ['name', 'description', 'readOnly', 'format', 'taxonomy']);
  const format = doc.format;
  if (format !== 'CEF' && format !== 'LEEF' && format !== 'JSON') throw new ShapeError('format', 'must be CEF, LEEF or JSON');
  if (doc.name !== undefined && typeof doc.name !== 'string') throw new ShapeError('name', 'must be text');
  if (doc.description !== undefined && doc.description !== null && typeof doc.description !== 'string') throw new ShapeError('description', 'must be text');
  const taxonomy = doc.taxonomy ?? {};
  if (!isObject(taxonomy)) throw new ShapeError('taxonomy', 'must be an object of data types');
  const entries: EntryModel[] = [];
  for (const [type, subtypes] of Object.entries(taxonomy)) {
    if (type !== 'alerts' && type !== 'events') throw new ShapeError(`taxonomy.${type}`, 'the data type must be alerts or events');
    if (!isObject(subtypes)) throw new ShapeError(`taxonomy.${type}`, 'must be an object of subtypes');
    for (const [subtype, mapping] of Object.entries(subtypes)) entries.push(entry(mapping, type, subtype, format));
  }
  return { name: (doc.name as string | undefined) ?? '', description: (doc.description as string | undefined) ?? '', format, entries };
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function defaultValue(row: SpecRow): string | number | boolean {
  const text = row.defaultText;
  if (row.defaultKind === 'number' && NUMBER.test(text.trim()) && Number.isSafeInteger(Math.trunc(Number(text)))) return Number(text);
  if (row.defaultKind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

export function specJson(row: SpecRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (row.mappingField.trim()) out.mapping_field = row.mappingField.trim();
  if (row.defaultText !== '') out.default_value = defaultValue(row);
  out.transformation = row.transformation || 'String';
  return out;
}

function entryJson(e: EntryModel, format: Format): Record<string, unknown> {
  if (format === 'JSON') {
    const rename: Record<string, string> = {};
    for (const r of e.rename) if (r.from.trim() || r.to.trim()) rename[r.from.trim()] = r.to;
    return {
      fields: e.fieldsText
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      rename,
    };
  }
  const header: Record<string, unknown> = {};
  for (const h of e.header) header[h.key] = specJson(h);
  if (format === 'LEEF' && e.delimiter !== '') header.delimiter = e.delimiter;
  const rows: Record<string, unknown> = {};
  for (const r of e.rows) {
    if (!r.key.trim() && !r.mappingField.trim() && r.defaultText === '') continue; // a row added and left empty
    rows[r.key.trim()] = specJson(r);
  }
  return { header, [rowsKey(format)]: rows };
}

/** The JSON the API takes for the form's model. */
export function fromModel(m: FileModel): Record<string, unknown> {
  const taxonomy: Record<string, Record<string, unknown>> = {};
  for (const e of m.entries) {
    taxonomy[e.type] ??= {};
    taxonomy[e.type][e.subtype] = entryJson(e, m.format);
  }
  return { name: m.name.trim(), description: m.description, readOnly: false, format: m.format, taxonomy };
}

/** A new subtype mapping of a format, with the header filled as the shipped files do. */
export function newEntry(format: Format, type: DataTypeKey, subtype: string): EntryModel {
  const e: EntryModel = { id: nextId(), type, subtype, header: [], delimiter: '', rows: [], fieldsText: '', rename: [] };
  const constant = (key: string, value: string): SpecRow => ({ ...emptySpec(key), defaultText: value });
  const eventClass = `${type === 'alerts' ? 'alert' : 'event'}:${subtype === '*' ? 'any' : subtype}`;
  if (format === 'CEF') {
    e.header = [
      constant('deviceVendor', 'Netskope'),
      constant('deviceProduct', 'Security Cloud'),
      constant('deviceVersion', '1.0'),
      constant('deviceEventClassId', eventClass),
      { ...emptySpec('name'), mappingField: type === 'alerts' ? 'alert_name' : 'type', defaultText: type === 'alerts' ? 'Netskope alert' : 'Netskope event' },
      { ...emptySpec('severity'), mappingField: 'severity', defaultText: 'Unknown' },
    ];
    e.rows = [{ ...emptySpec('rt'), mappingField: 'timestamp', transformation: 'Integer' }];
  } else if (format === 'LEEF') {
    e.header = [
      constant('vendor', 'Netskope'),
      constant('product', 'Security Cloud'),
      constant('version', '1.0'),
      { ...emptySpec('eventId'), mappingField: type === 'alerts' ? 'alert_type' : 'type', defaultText: type === 'alerts' ? 'alert' : 'event' },
    ];
    e.delimiter = 'x09';
    e.rows = [{ ...emptySpec('devTime'), mappingField: 'timestamp', transformation: 'Integer' }];
  }
  return e;
}

/** A new file: every alert and every event through one '*' mapping each. */
export function newFileModel(name: string, description: string, format: Format): FileModel {
  return { name, description, format, entries: [newEntry(format, 'alerts', '*'), newEntry(format, 'events', '*')] };
}

/** Problems the form sees before sending: keys missing or used twice, by the path the API would use. */
export function localProblems(m: FileModel): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const e of m.entries) {
    const path = entryPath(e);
    if (seen.has(path)) problems.push({ field: path, message: `${e.type} / ${e.subtype} is mapped twice` });
    seen.add(path);
    if (m.format === 'JSON') {
      const froms = new Set<string>();
      e.rename.forEach((r, i) => {
        if (!r.from.trim() && !r.to.trim()) return;
        if (!r.from.trim()) problems.push({ field: `${path}.rename[${i}]`, message: 'the field to rename is missing' });
        else if (froms.has(r.from.trim())) problems.push({ field: `${path}.rename.${r.from.trim()}`, message: 'is renamed twice' });
        froms.add(r.from.trim());
      });
      continue;
    }
    const keys = new Set<string>();
    const section = rowsKey(m.format);
    e.rows.forEach((r, i) => {
      if (!r.key.trim() && !r.mappingField.trim() && r.defaultText === '') return;
      if (!r.key.trim()) problems.push({ field: `${path}.${section}[${i}]`, message: 'the key is missing' });
      else if (keys.has(r.key.trim())) problems.push({ field: `${path}.${section}.${r.key.trim()}`, message: `the key '${r.key.trim()}' is used twice` });
      keys.add(r.key.trim());
    });
  }
  return problems;
}
