import { useCallback, useEffect, useMemo, useState } from 'react';
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
  Flex,
  FlexItem,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Label,
  PageSection,
  Spinner,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { AngleDownIcon, AngleRightIcon, SearchIcon, SyncAltIcon } from '@patternfly/react-icons';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber } from '../../components/format';
import { shortTime } from '../logging/logModel';
import { rangeFromParams, rangeProblem, rangeToParams, resolveRange, TimeRangeFilter, type TimeRange } from '../logging/timeRange';
import { useDebouncedInput } from '../logging/useDebouncedInput';
import { AuditDetails } from './AuditDetails';
import { ACTION_PREFIXES, changeKind, describeAction, type AuditEntry } from './auditModel';

const PAGE_SIZES = [50, 100, 250, 500];
const DEFAULT_LIMIT = 100;
const FILTER_PARAMS = ['action', 'actor', 'target', 'range', 'from', 'to', 'limit'];
const FIELDS = ['action', 'actor', 'target', 'from', 'to', 'limit'];

interface Filters {
  action?: string;
  actor?: string;
  target?: string;
  range: TimeRange;
  limit: number;
}

function filtersOf(params: URLSearchParams): Filters {
  const limit = Number(params.get('limit'));
  return {
    action: params.get('action') || undefined,
    actor: params.get('actor') || undefined,
    target: params.get('target') || undefined,
    range: rangeFromParams(params),
    limit: PAGE_SIZES.includes(limit) ? limit : DEFAULT_LIMIT,
  };
}

function hasFilters(f: Filters): boolean {
  return !!(f.action || f.actor || f.target || f.range.preset || f.range.from || f.range.to);
}

interface Result {
  entries: AuditEntry[];
  more: boolean;
  from?: string;
  key: string;
}

/**
 * The next page's upper bound: the API pages by time only (to is exclusive), so ask up to just after
 * the oldest entry shown and leave out the entries already shown; entries of the same millisecond
 * are not lost that way.
 */
function pageBound(oldest: AuditEntry): string {
  return new Date(new Date(oldest.at).getTime() + 1).toISOString();
}

function KindLabel({ entry }: { entry: AuditEntry }) {
  const kind = changeKind(entry);
  if (kind === 'created') return <Label color="green" isCompact>created</Label>;
  if (kind === 'deleted') return <Label color="red" isCompact>deleted</Label>;
  if (kind === 'changed') return <Label color="blue" isCompact>changed</Label>;
  return null;
}

/** Who changed what, when and from where, across the suite (admins and the super-admin). */
export function AuditPage() {
  const { me, can } = useAuth();
  const allowed = can('admin');
  const [params, setParams] = useSearchParams();
  const filterKey = useMemo(() => {
    const p = new URLSearchParams();
    FILTER_PARAMS.forEach((k) => params.getAll(k).forEach((v) => p.append(k, v)));
    return p.toString();
  }, [params]);
  const filters = useMemo(() => filtersOf(new URLSearchParams(filterKey)), [filterKey]);

  const [result, setResult] = useState<Result | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [olderLoading, setOlderLoading] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(undefined);
  const [reloadTick, setReloadTick] = useState(0);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

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

  const localRangeProblem = rangeProblem(filters.range);

  const queryOf = useCallback(
    (from: string | undefined, to: string | undefined) => ({
      action: filters.action,
      actor: filters.actor,
      target: filters.target,
      from,
      to,
      limit: filters.limit,
    }),
    [filters],
  );

  useEffect(() => {
    if (!allowed) {
      setLoading(false);
      return undefined;
    }
    if (localRangeProblem) {
      setLoading(false);
      return undefined;
    }
    const controller = new AbortController();
    const range = resolveRange(filters.range);
    setLoading(true);
    setOlderError(undefined);
    api
      .get<AuditEntry[]>('/api/audit', { query: queryOf(range.from, range.to), signal: controller.signal })
      .then((entries) => {
        const list = entries ?? [];
        setResult({ entries: list, more: list.length >= filters.limit, from: range.from, key: filterKey });
        setError(undefined);
        setLoading(false);
      })
      .catch((e) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
  }, [allowed, filterKey, reloadTick, queryOf, filters.range, filters.limit, localRangeProblem]);

  const loadOlder = async () => {
    if (!result || result.entries.length === 0) return;
    setOlderLoading(true);
    setOlderError(undefined);
    try {
      const oldest = result.entries[result.entries.length - 1];
      let page = await api.get<AuditEntry[]>('/api/audit', { query: queryOf(result.from, pageBound(oldest)) });
      const seen = new Set(result.entries.map((e) => e.id));
      let fresh = page.filter((e) => !seen.has(e.id));
      if (fresh.length === 0 && page.length >= filters.limit) {
        // a whole page in one millisecond: step past it
        page = await api.get<AuditEntry[]>('/api/audit', { query: queryOf(result.from, oldest.at) });
        fresh = page.filter((e) => !seen.has(e.id));
      }
      setResult((current) =>
        current && current.key === result.key
          ? { ...current, entries: [...current.entries, ...fresh], more: fresh.length > 0 && page.length >= filters.limit }
          : current,
      );
    } catch (e) {
      setOlderError(e);
    } finally {
      setOlderLoading(false);
    }
  };

  const apiError = error instanceof ApiError ? error : undefined;
  const fieldError = (field: string) => apiError?.fieldMessage(field);
  const unplaced = error && !(apiError && apiError.errors.length > 0 && apiError.errors.every((e) => FIELDS.includes(e.field)));

  const [action, setAction, flushAction] = useDebouncedInput(filters.action ?? '', (v) => update({ action: v.trim() }));
  const [actor, setActor, flushActor] = useDebouncedInput(filters.actor ?? '', (v) => update({ actor: v.trim() }));
  const [target, setTarget, flushTarget] = useDebouncedInput(filters.target ?? '', (v) => update({ target: v.trim() }));

  const clearAll = () => update({}, (p) => FILTER_PARAMS.filter((k) => k !== 'limit').forEach((k) => p.delete(k)));

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (me && !allowed) {
    return (
      <>
        <PageHeader title="Audit trail" />
        <PageSection>
          <EmptyState titleText="Not available to your role" headingLevel="h2">
            <EmptyStateBody>The audit trail is for admins and the super-admin.</EmptyStateBody>
          </EmptyState>
        </PageSection>
      </>
    );
  }

  const textFilter = (
    label: string,
    placeholder: string,
    value: string,
    set: (v: string) => void,
    flush: () => void,
    field: string,
    width: string,
    list?: string,
  ) => (
    <ToolbarItem>
      <div>
        <TextInput
          aria-label={label}
          placeholder={placeholder}
          value={value}
          validated={fieldError(field) ? 'error' : 'default'}
          onChange={(_e, v) => set(v)}
          onKeyDown={(e) => e.key === 'Enter' && flush()}
          list={list}
          style={{ width }}
        />
        {fieldError(field) && (
          <HelperText>
            <HelperTextItem variant="error">
              {label}: {fieldError(field)}
            </HelperTextItem>
          </HelperText>
        )}
      </div>
    </ToolbarItem>
  );

  const toolbar = (
    <Toolbar>
      <ToolbarContent>
        <ToolbarGroup variant="filter-group" style={{ flexWrap: 'wrap', rowGap: '0.5rem' }}>
          {textFilter('Action', 'Action, e.g. tenant.', action, setAction, flushAction, 'action', '12rem', 'audit-action-prefixes')}
          <datalist id="audit-action-prefixes">
            {ACTION_PREFIXES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </datalist>
          {textFilter('Actor', 'Actor, e.g. ops', actor, setActor, flushActor, 'actor', '11rem')}
          {textFilter('Target', 'Target, e.g. tenant:acme', target, setTarget, flushTarget, 'target', '13rem')}
          <TimeRangeFilter
            value={filters.range}
            onChange={(range) => update({}, (p) => rangeToParams(range, p))}
            errors={{ from: fieldError('from'), to: fieldError('to') }}
          />
        </ToolbarGroup>
        <ToolbarGroup align={{ default: 'alignEnd' }}>
          <ToolbarItem>
            <div>
              <FormSelect
                aria-label="Entries per page"
                value={String(filters.limit)}
                validated={fieldError('limit') ? 'error' : 'default'}
                onChange={(_e, v) => update({ limit: Number(v) === DEFAULT_LIMIT ? undefined : v })}
              >
                {PAGE_SIZES.map((n) => (
                  <FormSelectOption key={n} value={String(n)} label={`${n} per page`} />
                ))}
              </FormSelect>
              {fieldError('limit') && (
                <HelperText>
                  <HelperTextItem variant="error">{fieldError('limit')}</HelperTextItem>
                </HelperText>
              )}
            </div>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" icon={<SyncAltIcon />} onClick={() => setReloadTick((t) => t + 1)} isDisabled={loading}>
              Refresh
            </Button>
          </ToolbarItem>
          {hasFilters(filters) && (
            <ToolbarItem>
              <Button variant="link" onClick={clearAll}>
                Clear all filters
              </Button>
            </ToolbarItem>
          )}
        </ToolbarGroup>
      </ToolbarContent>
    </Toolbar>
  );

  const entries = result?.entries ?? [];
  const stale = !!result && result.key !== filterKey;

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change made in the suite: who made it, when, from which address, and what it changed (secrets masked). Sign-ins that replace a password are here too."
      />
      <PageSection>
        {toolbar}
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} style={{ minHeight: '1.75rem' }}>
          <FlexItem>
            <Content component="small" aria-live="polite" data-testid="audit-summary">
              {result && !error
                ? `${formatNumber(entries.length)} ${entries.length === 1 ? 'change' : 'changes'} shown, newest first${result.more ? '; older ones can be loaded' : ''}`
                : ''}
            </Content>
          </FlexItem>
          <FlexItem>{loading && <Spinner size="md" aria-label="Loading audit entries" />}</FlexItem>
        </Flex>
        {unplaced ? <ErrorAlert error={error} title="The audit trail could not be read" onRetry={() => setReloadTick((t) => t + 1)} /> : null}
        {!unplaced && error ? <Alert variant="danger" isInline title="Correct the filters marked above to search the audit trail." /> : null}
        {!result && loading && (
          <Bullseye style={{ minHeight: '20rem' }}>
            <Spinner aria-label="Loading the audit trail" />
          </Bullseye>
        )}
        {result && entries.length === 0 && !loading && !error && (
          <EmptyState titleText={hasFilters(filters) ? 'No changes match these filters' : 'No changes recorded yet'} headingLevel="h2" icon={SearchIcon}>
            <EmptyStateBody>
              {hasFilters(filters)
                ? 'Widen the time range or remove a filter. Actor and target must match exactly; the action matches its beginning.'
                : 'Changes to users, tenants, settings, plugins and configurations appear here as they are made.'}
            </EmptyStateBody>
            {hasFilters(filters) && (
              <EmptyStateFooter>
                <EmptyStateActions>
                  <Button variant="link" onClick={clearAll}>
                    Clear all filters
                  </Button>
                </EmptyStateActions>
              </EmptyStateFooter>
            )}
          </EmptyState>
        )}
        {entries.length > 0 && (
          <Table aria-label="Audit entries" role="table" variant="compact" style={{ opacity: stale ? 0.5 : 1 }}>
            <Thead>
              <Tr>
                <Th screenReaderText="Details" />
                <Th modifier="nowrap">Time</Th>
                <Th modifier="nowrap">Actor</Th>
                <Th>Action</Th>
                <Th width={20}>Target</Th>
                <Th modifier="nowrap">Client address</Th>
              </Tr>
            </Thead>
            {entries.map((e) => {
              const open = expanded.has(e.id);
              return (
                <Tbody key={e.id} isExpanded={open}>
                  <Tr data-testid={`audit-row-${e.id}`}>
                    <Td style={{ width: '3rem' }}>
                      <Button
                        variant="plain"
                        aria-expanded={open}
                        aria-label={`${open ? 'Hide' : 'Show'} details: ${e.action} ${e.target ?? ''}`.trim()}
                        onClick={() => toggle(e.id)}
                        icon={open ? <AngleDownIcon /> : <AngleRightIcon />}
                      />
                    </Td>
                    <Td dataLabel="Time" modifier="nowrap">
                      <time dateTime={e.at} title={e.at}>
                        {shortTime(e.at)}
                      </time>
                    </Td>
                    <Td dataLabel="Actor" modifier="nowrap">
                      {e.actor ?? '—'}
                      {e.actorRole && <div className="pf-v6-u-color-200">{e.actorRole}</div>}
                    </Td>
                    <Td dataLabel="Action">
                      <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
                        <FlexItem>
                          <div>{describeAction(e.action)}</div>
                          <div className="ce-mono pf-v6-u-color-200">{e.action}</div>
                        </FlexItem>
                        <FlexItem>
                          <KindLabel entry={e} />
                        </FlexItem>
                      </Flex>
                    </Td>
                    <Td dataLabel="Target" modifier="breakWord" style={{ minWidth: '10rem' }}>
                      {e.target ? <span className="ce-mono">{e.target}</span> : '—'}
                    </Td>
                    <Td dataLabel="Client address" modifier="nowrap">
                      {e.from ?? '—'}
                    </Td>
                  </Tr>
                  {open && (
                    <Tr isExpanded>
                      <Td colSpan={6}>
                        <ExpandableRowContent>
                          <AuditDetails entry={e} onFilter={(field, value) => update({ [field]: value })} />
                        </ExpandableRowContent>
                      </Td>
                    </Tr>
                  )}
                </Tbody>
              );
            })}
          </Table>
        )}
        <ErrorAlert error={olderError} title="Older entries could not be loaded" onRetry={loadOlder} />
        {result && result.more && entries.length > 0 && !stale && (
          <Bullseye style={{ padding: '1rem' }}>
            <Button variant="secondary" onClick={loadOlder} isLoading={olderLoading} isDisabled={olderLoading}>
              Load older
            </Button>
          </Bullseye>
        )}
        {result && !result.more && entries.length > 0 && !stale && (
          <Content component="small" style={{ display: 'block', textAlign: 'center', padding: '1rem' }}>
            That is every change matching these filters.
          </Content>
        )}
      </PageSection>
    </>
  );
}

