import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Content,
  Drawer,
  DrawerContent,
  DrawerContentBody,
  DrawerPanelContent,
  Flex,
  FlexItem,
  FormSelect,
  FormSelectOption,
  PageSection,
  Spinner,
  Switch,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { InfoCircleIcon, SearchIcon, SyncAltIcon } from '@patternfly/react-icons';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import {
  FilterError,
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
import { LevelLabel } from './LevelLabel';
import { LogDetails } from './LogDetails';
import { idNumber, LEVEL_NAMES, LEVELS, moduleLabel, MODULES, shortTime, type LogLevel, type LogPage, type LogView } from './logModel';
import { rangeFromParams, rangeProblem, rangeToParams, resolveRange, TimeRangeFilter, type TimeRange } from './timeRange';
import { useDebouncedInput } from './useDebouncedInput';
import { useFillHeight } from './useFillHeight';

const PAGE_SIZES = [50, 100, 200, 500];
const DEFAULT_LIMIT = 100;
const AUTO_REFRESH_MS = 10_000;
/** Parameters of the address that are search filters (entry only opens the details). */
const FILTER_PARAMS = ['level', 'levels', 'module', 'plugin', 'configuration', 'text', 'range', 'from', 'to', 'limit'];

const TEXTS: SearchTexts = {
  failed: 'The log could not be searched',
  fixFilters: 'Correct the filters marked above to search the log.',
  loading: 'Loading the log',
  noMatch: 'No entries match these filters',
  noMatchBody: 'Widen the time range or remove a filter. Entries older than the log retention (Settings) are gone.',
  none: 'No log entries yet',
  noneBody: 'Entries appear here as soon as a service or plugin writes one.',
};

interface Filters {
  level?: string;
  levels?: string;
  module?: string;
  plugin?: string;
  configuration?: string;
  text?: string;
  range: TimeRange;
  limit: number;
}

function filtersOf(params: URLSearchParams): Filters {
  const limit = Number(params.get('limit'));
  return {
    level: params.get('level') || undefined,
    levels: params.get('levels') || undefined,
    module: params.get('module') || undefined,
    plugin: params.get('plugin') || undefined,
    configuration: params.get('configuration') || undefined,
    text: params.get('text') || undefined,
    range: rangeFromParams(params),
    limit: PAGE_SIZES.includes(limit) ? limit : DEFAULT_LIMIT,
  };
}

function hasFilters(f: Filters): boolean {
  return !!(f.level || f.levels || f.module || f.plugin || f.configuration || f.text || f.range.preset || f.range.from || f.range.to);
}

/** What the list shows: one or more pages of one search, with the resolved time range it ran with. */
interface Result {
  entries: LogView[];
  more: boolean;
  nextBefore?: string;
  from?: string;
  to?: string;
  /** The filters key it belongs to. */
  key: string;
}

const FIELDS = ['level', 'levels', 'module', 'plugin', 'configuration', 'text', 'from', 'to'];

/** The platform log: every service's and plugin's entries, filtered, newest first, a page at a time. */
export function LoggingPage() {
  const { params, filterKey, filters, update, clearAll } = useSearchFilters(FILTER_PARAMS, filtersOf);
  const entryId = params.get('entry');

  const [autoRefresh, setAutoRefresh] = useState(false);
  const readyMarked = useRef(false);
  const headRef = useRef<HTMLDivElement>(null);
  const fillHeight = useFillHeight(headRef);

  const localRangeProblem = rangeProblem(filters.range);

  const queryOf = useCallback(
    (range: { from?: string; to?: string }, before?: string) => ({
      level: filters.levels ? undefined : filters.level,
      levels: filters.levels,
      module: filters.module,
      plugin: filters.plugin,
      configuration: filters.configuration,
      text: filters.text,
      from: range.from,
      to: range.to,
      limit: filters.limit,
      before,
    }),
    [filters],
  );

  // the first page of the search, again whenever a filter changes or Refresh is pressed
  const { result, setResult, loading, error, setError, reload, olderLoading, olderError, loadOlder: loadingOlder } = usePagedSearch<Result>(
    localRangeProblem
      ? undefined
      : async (signal) => {
          const range = resolveRange(filters.range);
          const page = await api.get<LogPage>('/api/logs', { query: queryOf(range), signal });
          return { entries: page.entries ?? [], more: page.more, nextBefore: page.nextBefore, ...range, key: filterKey };
        },
    [filterKey, queryOf, filters.range, localRangeProblem],
  );

  // newer entries come in on top while auto-refresh is on
  useEffect(() => {
    if (!autoRefresh || !result || loading) return undefined;
    const timer = setTimeout(async () => {
      try {
        const range = resolveRange(filters.range);
        const page = await api.get<LogPage>('/api/logs', { query: queryOf(range) });
        setResult((current) => {
          if (!current || current.key !== filterKey) return current;
          const newest = current.entries.length > 0 ? idNumber(current.entries[0].id) : 0;
          const fresh = (page.entries ?? []).filter((e) => idNumber(e.id) > newest);
          if (fresh.length === 0) return { ...current };
          if (fresh.length === page.entries.length && page.more) {
            // more came in than a page holds: start over from the newest
            return { entries: page.entries, more: page.more, nextBefore: page.nextBefore, ...range, key: filterKey };
          }
          return { ...current, entries: [...fresh, ...current.entries] };
        });
        setError(undefined);
      } catch (e) {
        setError(e);
      }
    }, AUTO_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [autoRefresh, result, loading, filters.range, queryOf, filterKey]);

  const shown = result;
  const stale = !!result && result.key !== filterKey;

  useEffect(() => {
    if (!readyMarked.current && result && !loading) {
      readyMarked.current = true;
      window.performance?.mark?.('ce:logging:ready');
    }
  }, [result, loading]);

  const loadOlder = async () => {
    if (!result?.nextBefore) return;
    await loadingOlder(async () => {
      const page = await api.get<LogPage>('/api/logs', { query: queryOf({ from: result.from, to: result.to }, result.nextBefore) });
      setResult((current) => {
        if (!current || current.key !== result.key) return current;
        const seen = new Set(current.entries.map((e) => e.id));
        return {
          ...current,
          entries: [...current.entries, ...(page.entries ?? []).filter((e) => !seen.has(e.id))],
          more: page.more,
          nextBefore: page.nextBefore,
        };
      });
    });
  };

  // field errors of the API go on the field they concern
  const { fieldError, unplaced } = placeFieldErrors(error, FIELDS);
  const levelError = fieldError('level') ?? fieldError('levels');

  const [text, setText, flushText] = useDebouncedInput(filters.text ?? '', (v) => update({ text: v.trim() }));
  const [plugin, setPlugin, flushPlugin] = useDebouncedInput(filters.plugin ?? '', (v) => update({ plugin: v.trim() }));
  const [configuration, setConfiguration, flushConfiguration] = useDebouncedInput(filters.configuration ?? '', (v) =>
    update({ configuration: v.trim() }),
  );

  // the level select: "<level> and above" (level=), with "Only this level" exactly that one (levels=)
  const exactLevels = filters.levels?.split(',').map((l) => l.trim()).filter(Boolean) ?? [];
  const exact = exactLevels.length === 1 && (LEVELS as string[]).includes(exactLevels[0]);
  const levelValue = filters.levels ? (exact ? exactLevels[0] : `levels:${filters.levels}`) : (filters.level ?? '');
  const setLevel = (value: string, onlyThis: boolean) => {
    if (value === '') update({ level: undefined, levels: undefined });
    else if (value.startsWith('levels:')) update({ level: undefined, levels: value.substring('levels:'.length) });
    else if (onlyThis) update({ level: undefined, levels: value });
    else update({ level: value, levels: undefined });
  };

  const moduleKnown = !filters.module || MODULES.some((m) => m.value === filters.module);

  const openEntry = (id: string | undefined) => update({ entry: id });
  const known = shown?.entries.find((e) => e.id === entryId);

  const toolbar = (
    <Toolbar>
      <ToolbarContent>
        <ToolbarGroup variant="filter-group" style={{ flexWrap: 'wrap', rowGap: '0.5rem' }}>
          <ToolbarItem>
            <div>
              <FormSelect
                aria-label="Level"
                value={levelValue}
                validated={levelError ? 'error' : 'default'}
                onChange={(_e, v) => setLevel(v, exact && v !== '')}
              >
                <FormSelectOption value="" label="All levels" />
                {(['debug', 'info', 'warning', 'error'] as LogLevel[]).map((l) => (
                  <FormSelectOption
                    key={l}
                    value={l}
                    label={exact || l === 'error' ? LEVEL_NAMES[l] : `${LEVEL_NAMES[l]} and above`}
                  />
                ))}
                {filters.levels && !exact && <FormSelectOption value={levelValue} label={`Only ${exactLevels.join(', ')}`} />}
              </FormSelect>
              <FilterError message={levelError} />
            </div>
          </ToolbarItem>
          <ToolbarItem alignSelf="center">
            <Checkbox
              id="log-level-exact"
              label="Only this level"
              isChecked={exact}
              isDisabled={!levelValue || levelValue.startsWith('levels:')}
              onChange={(_e, checked) => setLevel(levelValue, checked)}
            />
          </ToolbarItem>
          <ToolbarItem>
            <div>
              <FormSelect
                aria-label="Module"
                value={filters.module ?? ''}
                validated={fieldError('module') ? 'error' : 'default'}
                onChange={(_e, v) => update({ module: v })}
              >
                <FormSelectOption value="" label="All modules" />
                {MODULES.map((m) => (
                  <FormSelectOption key={m.value} value={m.value} label={`${m.label} (${m.value})`} />
                ))}
                {!moduleKnown && <FormSelectOption value={filters.module} label={filters.module!} />}
              </FormSelect>
              <FilterError message={fieldError('module')} />
            </div>
          </ToolbarItem>
          <TextFilter
            label="Plugin"
            placeholder="Plugin id"
            value={plugin}
            onChange={setPlugin}
            onEnter={flushPlugin}
            error={fieldError('plugin')}
            width="9rem"
          />
          <TextFilter
            label="Configuration"
            placeholder="Configuration"
            value={configuration}
            onChange={setConfiguration}
            onEnter={flushConfiguration}
            error={fieldError('configuration')}
            width="10rem"
          />
          <TextFilter
            type="search"
            label="Search messages"
            placeholder="Text in the message"
            customIcon={<SearchIcon />}
            value={text}
            onChange={setText}
            onEnter={flushText}
            error={fieldError('text')}
            errorPrefix="Search"
            width="14rem"
          />
          <TimeRangeFilter
            value={filters.range}
            onChange={(range) => update({}, (p) => rangeToParams(range, p))}
            errors={{ from: fieldError('from'), to: fieldError('to') }}
          />
          {hasFilters(filters) && (
            <ToolbarItem alignSelf="center">
              <Button variant="link" isInline onClick={clearAll}>
                Clear all filters
              </Button>
            </ToolbarItem>
          )}
        </ToolbarGroup>
      </ToolbarContent>
    </Toolbar>
  );

  const entries = shown?.entries ?? [];
  const detailsOpen = !!entryId;
  const actions = (
    <Flex
      justifyContent={{ default: 'justifyContentSpaceBetween' }}
      alignItems={{ default: 'alignItemsCenter' }}
      style={{ marginBottom: '0.5rem' }}
    >
      <FlexItem>
        <Flex alignItems={{ default: 'alignItemsCenter' }} spaceItems={{ default: 'spaceItemsMd' }}>
          <FlexItem>
            <Content component="small" aria-live="polite" data-testid="log-summary">
              {shown && !error ? shownSummary(entries.length, 'entry', 'entries', shown.more) : ''}
            </Content>
          </FlexItem>
          <FlexItem>{loading && <Spinner size="md" aria-label="Loading log entries" />}</FlexItem>
        </Flex>
      </FlexItem>
      <FlexItem>
        <Flex alignItems={{ default: 'alignItemsCenter' }} spaceItems={{ default: 'spaceItemsMd' }}>
          <FlexItem>
            <PageSizeSelect sizes={PAGE_SIZES} value={filters.limit} defaultSize={DEFAULT_LIMIT} update={update} />
          </FlexItem>
          <FlexItem>
            <Switch
              id="log-auto-refresh"
              label="Auto-refresh"
              isChecked={autoRefresh}
              isDisabled={!!filters.range.to}
              onChange={(_e, checked) => setAutoRefresh(checked)}
            />
          </FlexItem>
          <FlexItem>
            <Button variant="secondary" icon={<SyncAltIcon />} onClick={() => reload()} isDisabled={loading}>
              Refresh
            </Button>
          </FlexItem>
        </Flex>
      </FlexItem>
    </Flex>
  );
  const table = (
    <>
      <SearchStatus
        texts={TEXTS}
        error={error}
        unplaced={unplaced}
        loading={loading}
        searched={!!shown}
        empty={entries.length === 0}
        filtered={hasFilters(filters)}
        onRetry={() => reload()}
        onClear={clearAll}
      />
      {entries.length > 0 && (
        <Table
          aria-label="Log entries"
          role="table"
          variant="compact"
          isStickyHeader
          style={{ opacity: stale || (loading && !!error) ? 0.5 : 1 }}
        >
          <Thead>
            <Tr>
              <Th modifier="nowrap">Time</Th>
              <Th modifier="fitContent">Level</Th>
              {!detailsOpen && (
                <Th modifier="wrap" width={20}>
                  Source
                </Th>
              )}
              <Th width={detailsOpen ? 70 : 45}>Message</Th>
              {!detailsOpen && <Th modifier="nowrap">Error code</Th>}
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((e) => (
              <Tr
                key={e.id}
                isClickable
                isRowSelected={e.id === entryId}
                onRowClick={(event) => {
                  if ((event?.target as HTMLElement | undefined)?.closest('button')) return;
                  openEntry(e.id);
                }}
                data-testid={`log-row-${e.id}`}
              >
                <Td dataLabel="Time" modifier="nowrap">
                  <time dateTime={e.time} title={e.time}>
                    {shortTime(e.time)}
                  </time>
                </Td>
                <Td dataLabel="Level">
                  <LevelLabel level={e.level} />
                </Td>
                {!detailsOpen && (
                  <Td dataLabel="Source" modifier="wrap">
                    {moduleLabel(e.module)}
                    {(e.plugin || e.configuration) && (
                      <div className="pf-v6-u-color-200">
                        {[e.plugin, e.configuration].filter(Boolean).join(' · ')}
                      </div>
                    )}
                  </Td>
                )}
                <Td dataLabel="Message" modifier="breakWord">
                  <Button
                    variant="link"
                    isInline
                    onClick={() => openEntry(e.id)}
                    aria-label={`Show details: ${e.message.slice(0, 100)}`}
                    style={{ textAlign: 'left', color: 'inherit' }}
                  >
                    {e.message}
                    {e.hasDetails && (
                      <InfoCircleIcon
                        title="Has details"
                        style={{ marginLeft: '0.4rem', verticalAlign: '-0.125em', color: 'var(--pf-t--global--icon--color--status--info--default)' }}
                      />
                    )}
                  </Button>
                </Td>
                {!detailsOpen && (
                  <Td dataLabel="Error code" modifier="nowrap">
                    {e.errorCode ? <span className="ce-mono">{e.errorCode}</span> : '—'}
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <OlderEntries
        error={olderError}
        show={!!shown && entries.length > 0 && !stale}
        more={!!shown?.more}
        loading={olderLoading}
        onLoad={loadOlder}
        done="That is every entry matching these filters."
      />
    </>
  );

  const panel = (
    <DrawerPanelContent widths={{ default: 'width_50', xl: 'width_33' }} isResizable minSize="22rem" aria-labelledby="log-details-title">
      {entryId && (
        <LogDetails
          key={entryId}
          id={entryId}
          known={known}
          onClose={() => openEntry(undefined)}
          onFilter={(field, value) => update({ [field]: value })}
        />
      )}
    </DrawerPanelContent>
  );

  return (
    <>
      <PageHeader
        title="Logging"
        description="What every service and plugin of the suite wrote. Errors carry a code and what to do about it; open an entry for its details."
      />
      <PageSection>
        <div ref={headRef}>
          {toolbar}
          {actions}
        </div>
        <Drawer isExpanded={detailsOpen} isInline position="end" style={{ height: `${fillHeight}px` }}>
          <DrawerContent panelContent={panel}>
            <DrawerContentBody>{table}</DrawerContentBody>
          </DrawerContent>
        </Drawer>
      </PageSection>
    </>
  );
}
