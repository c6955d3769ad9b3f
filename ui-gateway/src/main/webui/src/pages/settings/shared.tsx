/** Small pieces shared by the settings pages: field messages, success toasts, role labels. */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  AlertActionCloseButton,
  AlertGroup,
  Bullseye,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  Spinner,
} from '@patternfly/react-core';
import { ApiError } from '../../api/client';

/** The API's message about this field (dotted path as the API names it), if the error has one. */
export function apiFieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}

/** Whether the error is a validation problem whose every field error is shown next to a field of the form. */
export function allFieldsShown(error: unknown, shown: (field: string) => boolean): boolean {
  return error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => shown(e.field));
}

/** Helper text under a field: the error when there is one, otherwise the help. */
export function FieldHelp({ error, help, id }: { error?: string; help?: ReactNode; id?: string }) {
  if (!error && !help) return null;
  return (
    <FormHelperText>
      <HelperText id={id}>
        <HelperTextItem variant={error ? 'error' : 'default'}>{error ?? help}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

export function validated(error: string | undefined): 'error' | 'default' {
  return error ? 'error' : 'default';
}

interface Toast {
  key: number;
  title: string;
  variant: 'success' | 'danger' | 'info' | 'warning';
}

/** Success (and other short) messages in the top-right corner that go away by themselves. */
export function useToasts(): { toasts: ReactNode; notify: (title: string, variant?: Toast['variant']) => void } {
  const [items, setItems] = useState<Toast[]>([]);
  const next = useRef(1);
  const notify = useCallback((title: string, variant: Toast['variant'] = 'success') => {
    const key = next.current++;
    setItems((current) => [...current.slice(-3), { key, title, variant }]);
  }, []);
  const remove = (key: number) => setItems((current) => current.filter((t) => t.key !== key));
  const toasts = (
    <AlertGroup isToast isLiveRegion>
      {items.map((t) => (
        <Alert
          key={t.key}
          variant={t.variant}
          title={t.title}
          timeout={8000}
          onTimeout={() => remove(t.key)}
          actionClose={<AlertActionCloseButton title={t.title} onClose={() => remove(t.key)} />}
        />
      ))}
    </AlertGroup>
  );
  return { toasts, notify };
}

export function RoleLabel({ role }: { role: string | null | undefined }) {
  if (!role) return <>—</>;
  const color = role === 'super-admin' ? 'purple' : role === 'admin' ? 'blue' : 'grey';
  return (
    <Label color={color} isCompact>
      {role}
    </Label>
  );
}

/** The first load of a page: a spinner of a fixed height so the page does not jump when data arrives. */
export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Bullseye style={{ minHeight: 240 }}>
      <Spinner aria-label={label} />
    </Bullseye>
  );
}

/** Days from now until the instant (negative when past), or undefined. */
export function daysUntil(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return undefined;
  return Math.floor((t - now) / 86_400_000);
}

/** A whole number in the text, or undefined when it is not one. */
export function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
}

/** The message for a whole number that must lie in [min, max], or undefined when it does. */
export function rangeProblem(text: string, min: number, max: number, unit = ''): string | undefined {
  const n = wholeNumber(text);
  const suffix = unit ? ` ${unit}` : '';
  if (text.trim() === '') return `is required: ${min} to ${max}${suffix}`;
  if (n === undefined || n < min || n > max) return `must be ${min} to ${max}${suffix}`;
  return undefined;
}
