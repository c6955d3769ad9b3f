/** Small pieces shared by the settings pages: field messages, success toasts, role labels. */
import type { FormEvent, ReactNode } from 'react';
import {
  Bullseye,
  Button,
  Form,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Spinner,
} from '@patternfly/react-core';
import { ApiError } from '../../api/client';
import { formatTime } from '../../components/format';

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

export { useToasts } from '../../components/toasts';

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

/**
 * A form in a modal: the submit button in the footer (tied to the form by its id), Cancel next to it,
 * and any further buttons (a connection test, say) between them.
 */
export function FormModal({
  id,
  title,
  description,
  submitLabel,
  busy = false,
  canSubmit = true,
  onSubmit,
  onClose,
  extraActions,
  variant = 'medium',
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  busy?: boolean;
  canSubmit?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  extraActions?: ReactNode;
  variant?: 'small' | 'medium' | 'large';
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && canSubmit) onSubmit();
  };
  return (
    <Modal isOpen variant={variant} onClose={onClose} aria-labelledby={`${id}-title`}>
      <ModalHeader title={title} labelId={`${id}-title`} description={description} />
      <ModalBody>
        <Form id={id} onSubmit={submit} noValidate>
          {children}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form={id} variant="primary" isLoading={busy} isDisabled={busy || !canSubmit}>
          {submitLabel}
        </Button>
        {extraActions}
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@_'];

/** A random password of {@code length} characters with every kind of character the policy asks for. */
export function generatePassword(length = 16): string {
  const all = SETS.join('');
  const random = (n: number) => {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    return buf[0] % n;
  };
  const chars = SETS.map((set) => set[random(set.length)]);
  while (chars.length < length) chars.push(all[random(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** A date in a table cell: the day, with the full time as a tooltip. */
export function Day({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return (
    <time dateTime={value} title={formatTime(value)} style={{ whiteSpace: 'nowrap' }}>
      {date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: '2-digit' })}
    </time>
  );
}
