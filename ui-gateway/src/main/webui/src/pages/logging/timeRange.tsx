import { useEffect, useState } from 'react';
import {
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  InputGroupText,
  TextInput,
  ToolbarItem,
} from '@patternfly/react-core';

/**
 * The time range of a search, as kept in the page address: {@code range=1h} for a preset (resolved
 * against the clock at each search), or {@code from}/{@code to} ISO-8601 instants for a custom range.
 */
export type RangePreset = '15m' | '1h' | '24h' | '7d';

export const PRESETS: { value: RangePreset; label: string; ms: number }[] = [
  { value: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { value: '1h', label: 'Last hour', ms: 60 * 60_000 },
  { value: '24h', label: 'Last 24 hours', ms: 24 * 60 * 60_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 60 * 60_000 },
];

export interface TimeRange {
  preset?: RangePreset;
  /** Custom range: ISO instants, either may be missing (open end). */
  from?: string;
  to?: string;
}

export function isCustom(range: TimeRange): boolean {
  return !range.preset && (!!range.from || !!range.to);
}

export function rangeFromParams(params: URLSearchParams): TimeRange {
  const preset = params.get('range');
  if (preset && PRESETS.some((p) => p.value === preset)) return { preset: preset as RangePreset };
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  return { from, to };
}

/** Writes the range into the params (removing what belongs to another kind of range). */
export function rangeToParams(range: TimeRange, params: URLSearchParams): void {
  params.delete('range');
  params.delete('from');
  params.delete('to');
  if (range.preset) params.set('range', range.preset);
  else {
    if (range.from) params.set('from', range.from);
    if (range.to) params.set('to', range.to);
  }
}

/** The from/to to send now: a preset counts back from {@code now}. */
export function resolveRange(range: TimeRange, now: number = Date.now()): { from?: string; to?: string } {
  if (range.preset) {
    const preset = PRESETS.find((p) => p.value === range.preset)!;
    return { from: new Date(now - preset.ms).toISOString() };
  }
  return { from: range.from, to: range.to };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input (local time) as an ISO instant; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Says what is wrong with a custom range before the API is asked. */
export function rangeProblem(range: TimeRange): string | undefined {
  if (range.from && range.to && new Date(range.from).getTime() >= new Date(range.to).getTime()) {
    return 'must be after From';
  }
  return undefined;
}

/**
 * The time-range controls of a filter toolbar: a preset select ("Time range") and, for a custom
 * range, From and To inputs. Field errors (the API's or our own) show under the input they concern.
 */
export function TimeRangeFilter({
  value,
  onChange,
  errors = {},
}: {
  value: TimeRange;
  onChange: (next: TimeRange) => void;
  errors?: { from?: string; to?: string };
}) {
  // custom stays chosen while both of its inputs are cleared, until another choice is made
  const [customChosen, setCustomChosen] = useState(isCustom(value));
  const custom = isCustom(value) || (customChosen && !value.preset);
  useEffect(() => {
    if (value.preset || isCustom(value)) setCustomChosen(isCustom(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value.preset, value.from, value.to]);
  const selectValue = value.preset ?? (custom ? 'custom' : '');
  const toError = errors.to ?? rangeProblem(value);
  return (
    <>
      <ToolbarItem>
        <FormSelect
          aria-label="Time range"
          value={selectValue}
          onChange={(_e, v) => {
            setCustomChosen(v === 'custom');
            if (v === '') onChange({});
            else if (v === 'custom') onChange({ from: new Date(Date.now() - 60 * 60_000).toISOString() });
            else onChange({ preset: v as RangePreset });
          }}
          style={{ minWidth: '11rem' }}
        >
          <FormSelectOption value="" label="Any time" />
          {PRESETS.map((p) => (
            <FormSelectOption key={p.value} value={p.value} label={p.label} />
          ))}
          <FormSelectOption value="custom" label="Custom range" />
        </FormSelect>
      </ToolbarItem>
      {custom ? (
        <>
          <ToolbarItem>
            <div>
              <InputGroup>
                <InputGroupText aria-hidden="true">From</InputGroupText>
                <InputGroupItem>
                  <TextInput
                    type="datetime-local"
                    aria-label="From"
                    value={toLocalInput(value.from)}
                    validated={errors.from ? 'error' : 'default'}
                    onChange={(_e, v) => onChange({ from: fromLocalInput(v), to: value.to })}
                  />
                </InputGroupItem>
              </InputGroup>
              {errors.from && (
                <HelperText>
                  <HelperTextItem variant="error">From {errors.from}</HelperTextItem>
                </HelperText>
              )}
            </div>
          </ToolbarItem>
          <ToolbarItem>
            <div>
              <InputGroup>
                <InputGroupText aria-hidden="true">To</InputGroupText>
                <InputGroupItem>
                  <TextInput
                    type="datetime-local"
                    aria-label="To"
                    value={toLocalInput(value.to)}
                    validated={toError ? 'error' : 'default'}
                    onChange={(_e, v) => onChange({ from: value.from, to: fromLocalInput(v) })}
                  />
                </InputGroupItem>
              </InputGroup>
              {toError && (
                <HelperText>
                  <HelperTextItem variant="error">To {toError}</HelperTextItem>
                </HelperText>
              )}
            </div>
          </ToolbarItem>
        </>
      ) : null}
    </>
  );
}
