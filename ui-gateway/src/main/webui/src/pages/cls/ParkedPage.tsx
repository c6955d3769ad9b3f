import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  Checkbox,
  CodeBlock,
  CodeBlockCode,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  FormSelect,
  FormSelectOption,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  PageSection,
  SearchInput,
  Skeleton,
  Spinner,
  Stack,
  StackItem,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { SyncAltIcon } from '@patternfly/react-icons';
import { api, describeError } from '../../api/client';
import { useAction } from '../../api/useAction';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowAction } from '../../components/RowAction';
import { formatNumber, formatTime } from '../../components/format';
import { DENSE, ErrorItem, plural, saveFile, shortTime } from './common';
import type { BulkResult, ConfigurationView, ParkedDetail, ParkedPage as Page, ParkedSummary, SiemMapping } from './types';

const PAGE_SIZES = [20, 50, 100, 200];
const MAX_BULK = 1000;
const SHOWN_RECORDS = 20;

type Outcome = { variant: 'success' | 'warning' | 'danger'; title: string; failures?: { id: string; message: string }[] };

type Confirming =
  | { kind: 'discard-one'; batch: ParkedSummary }
  | { kind: 'discard-selected' }
  | { kind: 'replay-all' }
  | { kind: 'discard-all' };

function typeOf(b: ParkedSummary): string {
  if (!b.kind) return '—';
  return b.subtype ? `${b.kind} / ${b.subtype}` : b.kind;
}

/** Records the destinations refused or gave up on: look at them, replay them or discard them. */
export function ParkedPage() {
  const { can } = useAuth();
  const admin = can('admin');
  const [params, setParams] = useSearchParams();
  const destination = params.get('destination') ?? '';
  const mapping = params.get('mapping') ?? '';
  const [limit, setLimit] = useState(50);
  // the cursors of the pages seen so far ('before' of each); a new filter or page size starts again
  const filterKey = `${destination}|${mapping}|${limit}`;
  type Cursor = { before?: string; offset: number };
  const [paging, setPaging] = useState<{ key: string; cursors: Cursor[] }>({ key: filterKey, cursors: [{ offset: 0 }] });
  const cursors = paging.key === filterKey ? paging.cursors : [{ offset: 0 }];
  const setCursors = (next: Cursor[]) => setPaging({ key: filterKey, cursors: next });
  const { before, offset: firstIndex } = cursors[cursors.length - 1];
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [detail, setDetail] = useState<ParkedSummary | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const page = usePoll(
    (signal) => api.get<Page>('/api/cls/parked', { signal, query: { destination, mapping, limit, before } }),
    0,
    [destination, mapping, limit, before],
  );
  const choices = usePoll(
    async (signal) => {
      const [configurations, mappings] = await Promise.all([
        api.get<ConfigurationView[]>('/api/cls/configurations', { signal }).catch(() => [] as ConfigurationView[]),
        api.get<SiemMapping[]>('/api/cls/siem-mappings', { signal }).catch(() => [] as SiemMapping[]),
      ]);
      return { destinations: configurations.map((c) => c.name), mappings: mappings.map((m) => m.name) };
    },
    0,
  );

  useEffect(() => setSelected(new Set()), [filterKey, before]);

  const items = page.data?.items ?? [];
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return items;
    return items.filter((b) =>
      [b.reason, b.tenant, b.kind, b.subtype, b.mapping, b.destination, b.id].some((v) => v && v.toLowerCase().includes(q)),
    );
  }, [items, search]);

  const optionsOf = (known: string[] | undefined, current: string, seen: string[]) =>
    [...new Set([...(known ?? []), ...seen, ...(current ? [current] : [])])].sort((a, b) => a.localeCompare(b));
  const destinationOptions = optionsOf(choices.data?.destinations, destination, items.map((b) => b.destination));
  const mappingOptions = optionsOf(choices.data?.mappings, mapping, items.map((b) => b.mapping));

  const setFilter = (key: 'destination' | 'mapping', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const filterText = [destination && `destination ${destination}`, mapping && `SIEM mapping ${mapping}`].filter(Boolean).join(' and ');
  const selectedBatches = items.filter((b) => selected.has(b.id));
  const allOnPageSelected = shown.length > 0 && shown.every((b) => selected.has(b.id));

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** Replays or discards the batches one by one, and says what happened to each. */
  const eachSelected = async (action: 'replay' | 'discard') => {
    const done: BulkResult = { records: 0, batches: 0 };
    const failures: { id: string; message: string }[] = [];
    for (const b of selectedBatches) {
      try {
        const r =
          action === 'replay'
            ? await api.post<BulkResult>(`/api/cls/parked/${encodeURIComponent(b.id)}/replay`)
            : await api.del<BulkResult>(`/api/cls/parked/${encodeURIComponent(b.id)}`);
        done.records += r?.records ?? b.records;
        done.batches += 1;
      } catch (e) {
        failures.push({ id: b.id, message: describeError(e) });
      }
    }
    const verb = action === 'replay' ? 'Replayed' : 'Discarded';
    setOutcome({
      variant: failures.length === 0 ? 'success' : done.batches === 0 ? 'danger' : 'warning',
      title:
        failures.length === 0
          ? `${verb} ${plural(done.batches, 'batch', 'batches')} (${plural(done.records, 'record')}).`
          : `${verb} ${plural(done.batches, 'batch', 'batches')}; ${plural(failures.length, 'batch', 'batches')} could not be ${action === 'replay' ? 'replayed' : 'discarded'}.`,
      failures,
    });
    setSelected(new Set(failures.map((f) => f.id)));
    page.reload();
  };

  const replaySelected = async () => {
    setBusy('replay-selected');
    setOutcome(null);
    try {
      await eachSelected('replay');
    } finally {
      setBusy(null);
    }
  };

  const allMatching = async (action: 'replay' | 'discard') => {
    const r = await api.post<BulkResult>(`/api/cls/parked/${action}`, undefined, { query: { destination, mapping } });
    setOutcome({
      variant: 'success',
      title: `${action === 'replay' ? 'Replayed' : 'Discarded'} ${plural(r.batches, 'batch', 'batches')} (${plural(r.records, 'record')})${filterText ? ` of ${filterText}` : ''}.`,
    });
    setSelected(new Set());
    setCursors([{ offset: 0 }]);
    page.reload();
  };

  const replayOne = async (b: ParkedSummary) => {
    const r = await api.post<BulkResult>(`/api/cls/parked/${encodeURIComponent(b.id)}/replay`);
    setOutcome({ variant: 'success', title: `Replayed the batch of ${b.mapping} to ${b.destination} (${plural(r?.records ?? b.records, 'record')}).` });
    page.reload();
  };

  const discardOne = async (b: ParkedSummary) => {
    const r = await api.del<BulkResult>(`/api/cls/parked/${encodeURIComponent(b.id)}`);
    setOutcome({ variant: 'success', title: `Discarded the batch of ${b.mapping} to ${b.destination} (${plural(r?.records ?? b.records, 'record')}).` });
    setDetail(null);
    page.reload();
  };

  const rowReplay = async (b: ParkedSummary) => {
    setBusy(`replay-${b.id}`);
    setOutcome(null);
    try {
      await replayOne(b);
    } catch (e) {
      setOutcome({ variant: 'danger', title: `The batch of ${b.mapping} to ${b.destination} was not replayed`, failures: [{ id: b.id, message: describeError(e) }] });
    } finally {
      setBusy(null);
    }
  };

  const total = page.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title="Parked batches"
        description="Records a destination refused, or that ran out of retries, kept with the reason until they are replayed (sent again, formatted with the mapping file of now) or discarded."
        actions={
          <Button variant="secondary" icon={<SyncAltIcon />} onClick={page.reload}>
            Refresh
          </Button>
        }
      />
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <Toolbar aria-label="Filters and actions" inset={{ default: 'insetNone' }}>
              <ToolbarContent>
                <ToolbarGroup>
                  <ToolbarItem>
                    <FormSelect
                      id="parked-destination"
                      aria-label="Destination"
                      value={destination}
                      onChange={(_e, v) => setFilter('destination', v)}
                      style={{ minWidth: 200 }}
                    >
                      <FormSelectOption value="" label="All destinations" />
                      {destinationOptions.map((d) => (
                        <FormSelectOption key={d} value={d} label={`Destination: ${d}`} />
                      ))}
                    </FormSelect>
                  </ToolbarItem>
                  <ToolbarItem>
                    <FormSelect id="parked-mapping" aria-label="SIEM mapping" value={mapping} onChange={(_e, v) => setFilter('mapping', v)} style={{ minWidth: 200 }}>
                      <FormSelectOption value="" label="All SIEM mappings" />
                      {mappingOptions.map((m) => (
                        <FormSelectOption key={m} value={m} label={`SIEM mapping: ${m}`} />
                      ))}
                    </FormSelect>
                  </ToolbarItem>
                  <ToolbarItem>
                    <SearchInput
                      aria-label="Search this page"
                      placeholder="Search this page: reason, tenant, type"
                      value={search}
                      onChange={(_e, v) => setSearch(v)}
                      onClear={() => setSearch('')}
                      style={{ minWidth: 260 }}
                    />
                  </ToolbarItem>
                </ToolbarGroup>
                {admin && (
                  <ToolbarGroup>
                    <ToolbarItem>
                      <Button
                        variant="primary"
                        isDisabled={selectedBatches.length === 0 || busy !== null}
                        isLoading={busy === 'replay-selected'}
                        onClick={replaySelected}
                      >
                        Replay selected ({selectedBatches.length})
                      </Button>
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button variant="danger" isDisabled={selectedBatches.length === 0 || busy !== null} onClick={() => setConfirming({ kind: 'discard-selected' })}>
                        Discard selected ({selectedBatches.length})
                      </Button>
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button variant="secondary" isDisabled={total === 0 || busy !== null} onClick={() => setConfirming({ kind: 'replay-all' })}>
                        Replay all matching
                      </Button>
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button variant="link" isDanger isDisabled={total === 0 || busy !== null} onClick={() => setConfirming({ kind: 'discard-all' })}>
                        Discard all matching
                      </Button>
                    </ToolbarItem>
                  </ToolbarGroup>
                )}
              </ToolbarContent>
            </Toolbar>
            <Content component="p">
              <small>
                The list is filtered by destination and SIEM mapping on the server; the search looks at the batches of this page only.
              </small>
            </Content>
          </StackItem>

          {outcome && (
            <StackItem>
              <Alert
                variant={outcome.variant}
                isInline
                title={outcome.title}
                actionClose={<AlertActionCloseButton onClose={() => setOutcome(null)} />}
                data-testid="parked-outcome"
              >
                {outcome.failures && outcome.failures.length > 0 && (
                  <List>
                    {outcome.failures.map((f) => (
                      <ListItem key={f.id}>
                        <span className="ce-mono">{f.id}</span>: {f.message}
                      </ListItem>
                    ))}
                  </List>
                )}
              </Alert>
            </StackItem>
          )}
          <ErrorItem error={page.error} title="Could not load the parked batches" onRetry={page.reload} />

          <StackItem>
            {!page.data && page.loading ? (
              <Skeleton height="240px" screenreaderText="Loading the parked batches" />
            ) : page.data && page.data.total === 0 ? (
              <EmptyState titleText="No parked batches" headingLevel="h2">
                <EmptyStateBody>
                  {filterText ? `Nothing is parked for ${filterText}.` : 'Every record was delivered or is still being retried: nothing is parked.'}
                </EmptyStateBody>
              </EmptyState>
            ) : page.data ? (
              <>
                <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
                  <FlexItem>
                    <span aria-live="polite" data-testid="parked-range">
                      {items.length === 0
                        ? `None on this page of ${formatNumber(total)}`
                        : `${formatNumber(firstIndex + 1)}–${formatNumber(firstIndex + items.length)} of ${formatNumber(total)} parked ${total === 1 ? 'batch' : 'batches'}`}
                      {filterText ? ` (${filterText})` : ''}
                    </span>
                    {page.loading && <Spinner size="sm" aria-label="Refreshing" style={{ marginLeft: 8 }} />}
                  </FlexItem>
                </Flex>
                <div style={{ overflowX: 'auto' }}>
                  <Table aria-label="Parked batches" variant="compact" style={DENSE}>
                    <Thead>
                      <Tr>
                        {admin && (
                          <Th screenReaderText="Select">
                            <Checkbox
                              id="parked-select-all"
                              aria-label="Select all batches on this page"
                              isChecked={allOnPageSelected}
                              onChange={(_e, on) => setSelected(on ? new Set(shown.map((b) => b.id)) : new Set())}
                            />
                          </Th>
                        )}
                        <Th modifier="wrap">Parked at</Th>
                        <Th modifier="wrap">SIEM mapping</Th>
                        <Th modifier="wrap">Destination</Th>
                        <Th modifier="wrap">Tenant</Th>
                        <Th modifier="wrap">Data type</Th>
                        <Th className="ce-numeric" modifier="wrap">Records</Th>
                        <Th className="ce-numeric" modifier="wrap">Attempts</Th>
                        <Th width={30}>Reason</Th>
                        <Th screenReaderText="Actions" />
                      </Tr>
                    </Thead>
                    <Tbody>
                      {shown.map((b) => (
                        <Tr key={b.id} isRowSelected={selected.has(b.id)}>
                          {admin && (
                            <Td>
                              <Checkbox
                                id={`parked-select-${b.id}`}
                                aria-label={`Select batch ${b.id}`}
                                isChecked={selected.has(b.id)}
                                onChange={(_e, on) => toggle(b.id, on)}
                              />
                            </Td>
                          )}
                          <Td dataLabel="Parked at" modifier="nowrap">
                            <time dateTime={b.parkedAt} title={formatTime(b.parkedAt)}>
                              {shortTime(b.parkedAt)}
                            </time>
                          </Td>
                          <Td dataLabel="SIEM mapping">{b.mapping}</Td>
                          <Td dataLabel="Destination">{b.destination}</Td>
                          <Td dataLabel="Tenant">{b.tenant ?? '—'}</Td>
                          <Td dataLabel="Data type">{typeOf(b)}</Td>
                          <Td dataLabel="Records" className="ce-numeric">{formatNumber(b.records)}</Td>
                          <Td dataLabel="Attempts" className="ce-numeric">{formatNumber(b.attempts)}</Td>
                          <Td dataLabel="Reason" title={b.reason ?? undefined}>
                            <div style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', wordBreak: 'break-word' }}>
                              {b.reason ?? '—'}
                            </div>
                          </Td>
                          <Td dataLabel="Actions" modifier="nowrap" isActionCell>
                            <Button variant="link" isInline aria-label={`Details of batch ${b.id}`} onClick={() => setDetail(b)}>
                              Details
                            </Button>
                            {admin && (
                              <>
                                {' · '}
                                <Button
                                  variant="link"
                                  isInline
                                  aria-label={`Replay batch ${b.id}`}
                                  isDisabled={busy !== null}
                                  isLoading={busy === `replay-${b.id}`}
                                  onClick={() => rowReplay(b)}
                                >
                                  Replay
                                </Button>
                                {' · '}
                                <RowAction label="Discard" of={`batch ${b.id}`} onClick={() => setConfirming({ kind: 'discard-one', batch: b })} danger isDisabled={busy !== null} />
                              </>
                            )}
                          </Td>
                        </Tr>
                      ))}
                      {shown.length === 0 && items.length > 0 && (
                        <Tr>
                          <Td colSpan={admin ? 10 : 9}>No batch of this page matches “{search}”.</Td>
                        </Tr>
                      )}
                    </Tbody>
                  </Table>
                </div>
                <Flex justifyContent={{ default: 'justifyContentFlexEnd' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginTop: 8 }}>
                  <FlexItem>
                    <FormSelect
                      id="parked-page-size"
                      aria-label="Batches per page"
                      value={String(limit)}
                      onChange={(_e, v) => setLimit(Number(v))}
                      style={{ width: 140 }}
                    >
                      {PAGE_SIZES.map((n) => (
                        <FormSelectOption key={n} value={String(n)} label={`${n} per page`} />
                      ))}
                    </FormSelect>
                  </FlexItem>
                  <FlexItem>
                    <Button variant="secondary" isDisabled={cursors.length <= 1 || page.loading} onClick={() => setCursors(cursors.slice(0, -1))}>
                      Previous page
                    </Button>
                  </FlexItem>
                  <FlexItem>
                    <Button
                      variant="secondary"
                      isDisabled={!page.data.nextBefore || page.loading}
                      onClick={() => setCursors([...cursors, { before: page.data!.nextBefore ?? undefined, offset: firstIndex + items.length }])}
                    >
                      Next page
                    </Button>
                  </FlexItem>
                </Flex>
              </>
            ) : null}
          </StackItem>
        </Stack>
      </PageSection>

      {detail && (
        <DetailModal
          batch={detail}
          admin={admin}
          onClose={() => setDetail(null)}
          onReplay={async () => {
            await replayOne(detail);
            setDetail(null);
          }}
          onDiscard={() => setConfirming({ kind: 'discard-one', batch: detail })}
        />
      )}

      {confirming?.kind === 'discard-one' && (
        <ConfirmDialog title="Discard this parked batch?" confirmLabel="Discard" onConfirm={() => discardOne(confirming.batch)} onClose={() => setConfirming(null)}>
          The {plural(confirming.batch.records, 'record')} of {confirming.batch.mapping} to {confirming.batch.destination} parked at{' '}
          {formatTime(confirming.batch.parkedAt)} are deleted for good; they will not reach the destination. This is recorded in the audit trail.
        </ConfirmDialog>
      )}
      {confirming?.kind === 'discard-selected' && (
        <ConfirmDialog
          title={`Discard ${plural(selectedBatches.length, 'parked batch', 'parked batches')}?`}
          confirmLabel="Discard"
          onConfirm={() => eachSelected('discard')}
          onClose={() => setConfirming(null)}
        >
          The {plural(selectedBatches.reduce((n, b) => n + b.records, 0), 'record')} of the selected batches are deleted for good; they will not reach
          their destinations. This is recorded in the audit trail.
        </ConfirmDialog>
      )}
      {confirming?.kind === 'replay-all' && (
        <ConfirmDialog
          title="Replay all matching batches?"
          confirmLabel="Replay"
          danger={false}
          onConfirm={() => allMatching('replay')}
          onClose={() => setConfirming(null)}
        >
          Up to {formatNumber(MAX_BULK)} parked batches {filterText ? `of ${filterText}` : 'of every destination and SIEM mapping'}, oldest first, are
          sent again ({formatNumber(total)} match now). A batch whose SIEM mapping no longer sends to its destination stops the replay with an error.
        </ConfirmDialog>
      )}
      {confirming?.kind === 'discard-all' && (
        <ConfirmDialog title="Discard all matching batches?" confirmLabel="Discard" onConfirm={() => allMatching('discard')} onClose={() => setConfirming(null)}>
          Up to {formatNumber(MAX_BULK)} parked batches {filterText ? `of ${filterText}` : 'of every destination and SIEM mapping'}, oldest first, are
          deleted for good ({formatNumber(total)} match now). This is recorded in the audit trail.
        </ConfirmDialog>
      )}
    </>
  );
}

function DetailModal({
  batch,
  admin,
  onClose,
  onReplay,
  onDiscard,
}: {
  batch: ParkedSummary;
  admin: boolean;
  onClose: () => void;
  onReplay: () => Promise<void>;
  onDiscard: () => void;
}) {
  const loaded = usePoll((signal) => api.get<ParkedDetail>(`/api/cls/parked/${encodeURIComponent(batch.id)}`, { signal }), 0, [batch.id]);
  const [showAll, setShowAll] = useState(false);
  const { busy: replaying, error, run } = useAction();
  const summary = loaded.data?.summary ?? batch;
  const records = loaded.data?.records;
  const raw = typeof records === 'string';
  const list = Array.isArray(records) ? records : [];
  const visible = showAll ? list : list.slice(0, SHOWN_RECORDS);

  const replay = () => run(onReplay);

  return (
    <Modal isOpen variant="large" onClose={onClose} aria-labelledby="parked-detail-title">
      <ModalHeader title="Parked batch" labelId="parked-detail-title" description={<span className="ce-mono">{summary.id}</span>} />
      <ModalBody>
        <Stack hasGutter>
          <ErrorAlert error={error} />
          <ErrorAlert error={loaded.error} title="Could not load the batch" onRetry={loaded.reload} />
          <DescriptionList isCompact isHorizontal columnModifier={{ default: '2Col' }} aria-label="Batch">
            <Item term="SIEM mapping" value={summary.mapping} />
            <Item term="Destination" value={summary.destination} />
            <Item term="Tenant" value={summary.tenant ?? '—'} />
            <Item term="Data type" value={typeOf(summary)} />
            <Item term="Records" value={formatNumber(summary.records)} />
            <Item term="Failed attempts" value={formatNumber(summary.attempts)} />
            <Item term="Parked at" value={formatTime(summary.parkedAt)} />
          </DescriptionList>
          <div>
            <strong>Reason</strong>
            <CodeBlock>
              <CodeBlockCode>{summary.reason ?? '—'}</CodeBlockCode>
            </CodeBlock>
          </div>
          <div>
            <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
              <strong>{raw ? 'The message as it came (not a readable batch; it can only be discarded)' : 'Records as the tenant sent them'}</strong>
              {records !== undefined && (
                <Button
                  variant="link"
                  isInline
                  onClick={() => saveFile(`parked-${summary.id}.${raw ? 'txt' : 'json'}`, raw ? (records as string) : JSON.stringify(records, null, 2), raw ? 'text/plain' : 'application/json')}
                >
                  Download records
                </Button>
              )}
            </Flex>
            {!loaded.data && loaded.loading ? (
              <Skeleton height="160px" screenreaderText="Loading the records" />
            ) : raw ? (
              <CodeBlock>
                <CodeBlockCode>{records as string}</CodeBlockCode>
              </CodeBlock>
            ) : (
              <>
                <pre className="ce-mono" data-testid="parked-records" style={{ maxHeight: 360, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {JSON.stringify(visible, null, 2)}
                </pre>
                {list.length > SHOWN_RECORDS && (
                  <Button variant="link" isInline onClick={() => setShowAll((s) => !s)}>
                    {showAll ? `Show the first ${SHOWN_RECORDS} records` : `Show all ${formatNumber(list.length)} records`}
                  </Button>
                )}
              </>
            )}
          </div>
        </Stack>
      </ModalBody>
      <ModalFooter>
        {admin && (
          <>
            <Button variant="primary" onClick={replay} isLoading={replaying} isDisabled={replaying || raw}>
              Replay
            </Button>
            <Button variant="danger" onClick={onDiscard} isDisabled={replaying}>
              Discard
            </Button>
          </>
        )}
        <Button variant="link" onClick={onClose}>
          Close
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function Item({ term, value }: { term: string; value: string }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}
