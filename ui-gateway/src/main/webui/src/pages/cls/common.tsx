/** Small helpers the Log Shipper pages share: field errors, page notices, JSON checks, local times, file downloads. */
import type { CSSProperties, ReactNode } from 'react';
import { Alert, AlertActionCloseButton, FormHelperText, HelperText, HelperTextItem, StackItem } from '@patternfly/react-core';
import { ApiError, type FieldError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The messages of an API error about this field or anything under it (`rule` covers `rule.$and[0]`). */
export function errorsUnder(error: unknown, prefix: string): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.filter(
    (e) => e.field === prefix || e.field.startsWith(prefix + '.') || e.field.startsWith(prefix + '['),
  );
}

/** One line for the errors under a field: the message alone when it is about the field itself. */
export function messageUnder(error: unknown, prefix: string): string | undefined {
  const found = errorsUnder(error, prefix);
  if (found.length === 0) return undefined;
  return found.map((e) => (e.field === prefix ? e.message : `${e.field.substring(prefix.length).replace(/^\./, '')}: ${e.message}`)).join('; ');
}

/** The API error without the field errors that are shown on their fields, or null when nothing is left to say. */
export function unplaced(error: unknown, placed: (field: string) => boolean): unknown {
  if (!(error instanceof ApiError)) return error;
  if (error.errors.length === 0) return error;
  const rest = error.errors.filter((e) => !placed(e.field));
  return new ApiError(error.status, error.title, error.detail, rest, error.body);
}

/** Helper text under a field: an error in red, otherwise the hint, if any. */
export function FieldHelp({ error, hint, id }: { error?: string; hint?: ReactNode; id?: string }) {
  if (!error && !hint) return null;
  return (
    <FormHelperText>
      <HelperText id={id}>
        <HelperTextItem variant={error ? 'error' : 'default'}>{error ?? hint}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

export type JsonCheck = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON text, with the line and column of a syntax error. */
export function checkJson(text: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    if (position && !/line \d+/.test(message)) {
      const before = text.substring(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = Number(position[1]) - before.lastIndexOf('\n');
      return { ok: false, message: `${message} (line ${line}, column ${column})` };
    }
    return { ok: false, message };
  }
}

/**
 * A rule as typed: empty means "no rule" (null); otherwise it must be a JSON object. Returns the value
 * or the reason it cannot be sent.
 */
export function checkRule(text: string): { value: unknown; problem?: string } {
  if (text.trim() === '') return { value: null };
  const parsed = checkJson(text);
  if (!parsed.ok) return { value: undefined, problem: `Not valid JSON: ${parsed.message}` };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return { value: undefined, problem: 'A rule must be a JSON object such as {"severity": {"$in": ["high", "critical"]}}' };
  }
  return { value: parsed.value };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value as an ISO-8601 instant, or undefined when it is empty or not a time. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function timeZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  } catch {
    return 'local time';
  }
}

/** Saves text as a file through a temporary link. */
export function saveFile(filename: string, text: string, type = 'application/json') {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file picked in an input, as text. */
export function readFileText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/** "1 batch" / "3 batches". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Dense tables: half the usual cell padding, so a dozen columns fit at 1280 px. */
export const DENSE = { '--pf-v6-c-table--cell--Padding--base': 'var(--pf-t--global--spacer--sm)' } as CSSProperties;

/** A time in a narrow column: month, day and time (the year when it is not this one). */
export function shortTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString(undefined, {
    ...(d.getFullYear() === new Date().getFullYear() ? {} : { year: 'numeric' }),
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A success notice at the top of a page's stack, closed by the operator; nothing without one. */
export function NoticeItem({ notice, onClose }: { notice: string | null; onClose: () => void }) {
  if (!notice) return null;
  return (
    <StackItem>
      <Alert variant="success" isInline title={notice} actionClose={<AlertActionCloseButton onClose={onClose} />} />
    </StackItem>
  );
}

/** An error in a page's stack (with a retry when given); nothing without one. */
export function ErrorItem({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <StackItem>
      <ErrorAlert error={error} title={title} onRetry={onRetry} />
    </StackItem>
  );
}
