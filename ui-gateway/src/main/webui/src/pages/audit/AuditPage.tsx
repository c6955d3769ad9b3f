import { useCallback } from 'react';
import {
  Button,
  Content,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Label,
  PageSection,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { AngleDownIcon, AngleRightIcon, SyncAltIcon } from '@patternfly/react-icons';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useKeySet } from '../../components/useKeySet';
import {
  OlderEntries,
  PageSizeSelect,
  placeFieldErrors,
  SearchStatus,
  type SearchTexts,
  shownSummary,
  TextFilter,
  usePagedSearch,
  useSearchFilters,
} from '../../components/search';
import { shortTime } from '../logging/logModel';
import { rangeFromParams, rangeProblem, rangeToParams, resolveRange, TimeRangeFilter, type TimeRange } from '../logging/timeRange';
import { useDebouncedInput } from '../logging/useDebouncedInput';
import { AuditDetails } from './AuditDetails';
import { ACTION_PREFIXES, changeKind, describeAction, type AuditEntry } from './auditModel';

const PAGE_SIZES = [50, 100, 250, 500];
const DEFAULT_LIMIT = 100;
const FILTER_PARAMS = ['action', 'actor', 'target', 'range', 'from', 'to', 'limit'];
const FIELDS = ['action', 'actor', 'target', 'from', 'to', 'limit'];

const TEXTS: SearchTexts = {
  failed: 'The audit trail could not be read',
  fixFilters: 'Correct the filters marked above to search the audit trail.',
  loading: 'Loading the audit trail',
  noMatch: 'No changes match these filters',
  noMatchBody: 'Widen the time range or remove a filter. Actor and target must match exactly; the action matches its beginning.',
  none: 'No changes recorded yet',
  noneBody: 'Changes to users, tenants, settings, plugins and configurations appear here as they are made.',
};

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
  const { filterKey, filters, update, clearAll } = useSearchFilters(FILTER_PARAMS, filtersOf);

  const { keys: expanded, toggle } = useKeySet();

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

  const { result, setResult, loading, error, reload, olderLoading, olderError, loadOlder: loadingOlder } = usePagedSearch<Result>(
    allowed && !localRangeProblem
      ? async (signal) => {
          const range = resolveRange(filters.range);
          const list = (await api.get<AuditEntry[]>('/api/audit', { query: queryOf(range.from, range.to), signal })) ?? [];
          return { entries: list, more: list.length >= filters.limit, from: range.from, key: filterKey };
        }
      : undefined,
    [allowed, filterKey, queryOf, filters.range, filters.limit, localRangeProblem],
  );

  const loadOlder = async () => {
    if (!result || result.entries.length === 0) return;
    await loadingOlder(async () => {
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
    });
  };

  const { fieldError, unplaced } = placeFieldErrors(error, FIELDS);

  const [action, setAction, flushAction] = useDebouncedInput(filters.action ?? '', (v) => update({ action: v.trim() }));
  const [actor, setActor, flushActor] = useDebouncedInput(filters.actor ?? '', (v) => update({ actor: v.trim() }));
  const [target, setTarget, flushTarget] = useDebouncedInput(filters.target ?? '', (v) => update({ target: v.trim() }));

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
    <TextFilter
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={set}
      onEnter={flush}
      error={fieldError(field)}
      errorPrefix={label}
      width={width}
      list={list}
    />
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
              <PageSizeSelect sizes={PAGE_SIZES} value={filters.limit} defaultSize={DEFAULT_LIMIT} update={update} error={fieldError('limit')} />
            </div>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" icon={<SyncAltIcon />} onClick={() => reload()} isDisabled={loading}>
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
              {result && !error ? shownSummary(entries.length, 'change', 'changes', result.more) : ''}
            </Content>
          </FlexItem>
          <FlexItem>{loading && <Spinner size="md" aria-label="Loading audit entries" />}</FlexItem>
        </Flex>
        <SearchStatus
          texts={TEXTS}
          error={error}
          unplaced={unplaced}
          loading={loading}
          searched={!!result}
          empty={entries.length === 0}
          filtered={hasFilters(filters)}
          onRetry={() => reload()}
          onClear={clearAll}
        />
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
        <OlderEntries
          error={olderError}
          show={!!result && entries.length > 0 && !stale}
          more={!!result?.more}
          loading={olderLoading}
          onLoad={loadOlder}
          done="That is every change matching these filters."
        />
      </PageSection>
    </>
  );
}

