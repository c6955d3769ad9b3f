/**
 * Pieces of the searchable lists (the platform log, the audit trail): filters kept in the page
 * address, API field errors placed on their filter, the page-size select, and the states of the list
 * around the table (loading, problems, nothing found, older pages).
 */
import { useCallback, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  Bullseye,
  Button,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Spinner,
  TextInput,
  ToolbarItem,
} from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons';
import { ApiError } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorAlert } from './ErrorAlert';
import { formatNumber } from './format';

/**
 * The filters of a search as kept in the page address: {@code filterKey} names the search (only the
 * parameters in {@code filterParams}), {@code update} changes some parameters (undefined or '' removes
 * one), keeping the rest.
 */
export function useSearchFilters<F>(filterParams: readonly string[], parse: (params: URLSearchParams) => F) {
  const [params, setParams] = useSearchParams();
  const filterKey = useMemo(() => {
    const p = new URLSearchParams();
    filterParams.forEach((k) => params.getAll(k).forEach((v) => p.append(k, v)));
    return p.toString();
  }, [params]);
  const filters = useMemo(() => parse(new URLSearchParams(filterKey)), [filterKey]);

  const update = useCallback(
    (changes: Record<string, string | undefined>, mutate?: (p: URLSearchParams) => void) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          mutate?.(next);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  /** Removes every filter but the page size. */
  const clearAll = () => update({}, (p) => filterParams.filter((k) => k !== 'limit').forEach((k) => p.delete(k)));

  return { params, filterKey, filters, update, clearAll };
}

/**
 * The state of a search shown a page at a time: {@code search} loads the first page (again when one of
 * {@code deps} changes or on {@code reload}; undefined when it cannot run now), {@code loadOlder} runs
 * the loading of a further page with its own busy state and error (cleared by a new search).
 */
export function usePagedSearch<R>(search: ((signal: AbortSignal) => Promise<R>) | undefined, deps: readonly unknown[]) {
  const [result, setResult] = useState<R | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const older = useAction();
  const [reloadTick, setReloadTick] = useState(0);

  useEffect(() => {
    if (!search) {
      setLoading(false);
      return undefined;
    }
    const controller = new AbortController();
    setLoading(true);
    older.setError(null);
    search(controller.signal)
      .then((first) => {
        setResult(first);
        setError(undefined);
        setLoading(false);
      })
      .catch((e) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
  }, [reloadTick, ...deps]);

  const reload = () => setReloadTick((t) => t + 1);

  /** Loads a further page: {@code olderLoading} while it runs, {@code olderError} when it failed. */
  const loadOlder = older.run;

  return { result, setResult, loading, error, setError, reload, olderLoading: older.busy, olderError: older.error, loadOlder };
}

/**
 * Field errors of the API go on the filter they concern; {@code unplaced} says the error has to be
 * shown on its own (not an API error, or one about something other than {@code fields}).
 */
export function placeFieldErrors(error: unknown, fields: readonly string[]) {
  const apiError = error instanceof ApiError ? error : undefined;
  const fieldError = (field: string) => apiError?.fieldMessage(field);
  const unplaced = !!error && !(apiError && apiError.errors.length > 0 && apiError.errors.every((e) => fields.includes(e.field)));
  return { fieldError, unplaced };
}

/** The error of a filter under it, if any, with what it is about in front when given. */
export function FilterError({ message, prefix }: { message: string | undefined; prefix?: string }) {
  if (!message) return null;
  return (
    <HelperText>
      <HelperTextItem variant="error">
        {prefix ? (
          <>
            {prefix}: {message}
          </>
        ) : (
          message
        )}
      </HelperTextItem>
    </HelperText>
  );
}

/** A text filter of the toolbar: applied on Enter (or when the debounce of its value runs out). */
export function TextFilter({
  label,
  placeholder,
  value,
  onChange,
  onEnter,
  error,
  errorPrefix,
  width,
  list,
  type,
  customIcon,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  onEnter: () => void;
  error: string | undefined;
  errorPrefix?: string;
  width: string;
  list?: string;
  type?: 'search';
  customIcon?: ReactNode;
}) {
  return (
    <ToolbarItem>
      <div>
        <TextInput
          type={type}
          aria-label={label}
          placeholder={placeholder}
          customIcon={customIcon}
          value={value}
          validated={error ? 'error' : 'default'}
          onChange={(_e, v) => onChange(v)}
          onKeyDown={(e) => e.key === 'Enter' && onEnter()}
          list={list}
          style={{ width }}
        />
        <FilterError message={error} prefix={errorPrefix} />
      </div>
    </ToolbarItem>
  );
}

/** The "Entries per page" select; choosing the default size removes the parameter. */
export function PageSizeSelect({
  sizes,
  value,
  defaultSize,
  update,
  error,
}: {
  sizes: readonly number[];
  value: number;
  defaultSize: number;
  update: (changes: Record<string, string | undefined>) => void;
  error?: string;
}) {
  return (
    <>
      <FormSelect
        aria-label="Entries per page"
        value={String(value)}
        validated={error ? 'error' : 'default'}
        onChange={(_e, v) => update({ limit: Number(v) === defaultSize ? undefined : v })}
      >
        {sizes.map((n) => (
          <FormSelectOption key={n} value={String(n)} label={`${n} per page`} />
        ))}
      </FormSelect>
      <FilterError message={error} />
    </>
  );
}

/** "12 entries shown, newest first; older ones can be loaded". */
export function shownSummary(count: number, one: string, many: string, more: boolean): string {
  return `${formatNumber(count)} ${count === 1 ? one : many} shown, newest first${more ? '; older ones can be loaded' : ''}`;
}

/** What a search list says instead of (or above) its table. */
export interface SearchTexts {
  /** Title of an error that is not about a filter. */
  failed: string;
  /** Title when the API's errors are all shown on their filters. */
  fixFilters: string;
  /** Label of the spinner of the first search. */
  loading: string;
  /** Nothing found with filters, and without. */
  noMatch: string;
  noMatchBody: string;
  none: string;
  noneBody: string;
}

/**
 * The states of a search list around its table: why the search failed (on its own when the error is
 * not about a filter, else a pointer to the marked filters), the big spinner of the first search, and
 * nothing found (with filters: how to widen the search and a button that clears them).
 */
export function SearchStatus({
  texts,
  error,
  unplaced,
  loading,
  searched,
  empty,
  filtered,
  onRetry,
  onClear,
}: {
  texts: SearchTexts;
  error: unknown;
  unplaced: boolean;
  loading: boolean;
  /** Whether a search has answered. */
  searched: boolean;
  empty: boolean;
  filtered: boolean;
  onRetry: () => void;
  onClear: () => void;
}) {
  return (
    <>
      {unplaced ? <ErrorAlert error={error} title={texts.failed} onRetry={onRetry} /> : null}
      {!unplaced && error ? <Alert variant="danger" isInline title={texts.fixFilters} /> : null}
      {!searched && loading && (
        <Bullseye style={{ minHeight: '20rem' }}>
          <Spinner aria-label={texts.loading} />
        </Bullseye>
      )}
      {searched && empty && !loading && !error && (
        <EmptyState titleText={filtered ? texts.noMatch : texts.none} headingLevel="h2" icon={SearchIcon}>
          <EmptyStateBody>{filtered ? texts.noMatchBody : texts.noneBody}</EmptyStateBody>
          {filtered && (
            <EmptyStateFooter>
              <EmptyStateActions>
                <Button variant="link" onClick={onClear}>
                  Clear all filters
                </Button>
              </EmptyStateActions>
            </EmptyStateFooter>
          )}
        </EmptyState>
      )}
    </>
  );
}

/** Below the list: the error of loading older entries, "Load older" while there are more, or that the list is complete. */
export function OlderEntries({
  error,
  show,
  more,
  loading,
  onLoad,
  done,
}: {
  error: unknown;
  /** Whether the list shows entries of the current search. */
  show: boolean;
  more: boolean;
  loading: boolean;
  onLoad: () => void;
  done: string;
}) {
  const centred: CSSProperties = { display: 'block', textAlign: 'center', padding: '1rem' };
  return (
    <>
      <ErrorAlert error={error} title="Older entries could not be loaded" onRetry={onLoad} />
      {show && more && (
        <Bullseye style={{ padding: '1rem' }}>
          <Button variant="secondary" onClick={onLoad} isLoading={loading} isDisabled={loading}>
            Load older
          </Button>
        </Bullseye>
      )}
      {show && !more && (
        <Content component="small" style={centred}>
          {done}
        </Content>
      )}
    </>
  );
}
