import { Alert, Content, EmptyState, EmptyStateBody, Flex, FlexItem, Label, LabelGroup, Spinner, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { api, ApiError } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { LastError } from '../../components/DangerText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDuration, formatNumber, formatTime } from '../../components/format';
import type { IngestStatus, IngestStream } from './tenantModels';

export const INGEST_REFRESH_MS = 10_000;

const STATE_COLORS: Record<string, 'green' | 'blue' | 'orange' | 'red' | 'grey' | 'teal'> = {
  running: 'green',
  'caught up': 'teal',
  starting: 'blue',
  backoff: 'orange',
  paused: 'orange',
  stopped: 'red',
  waiting: 'grey',
  idle: 'grey',
};

const STATE_HELP: Record<string, string> = {
  running: 'Pulling pages now.',
  'caught up': 'Has everything so far; asks again shortly.',
  starting: 'Starting to pull.',
  backoff: 'Waiting before retrying after an error.',
  paused: 'Pulling is paused.',
  stopped: 'Stopped after an error it cannot retry.',
  waiting: 'A module needs it, but the tenant is not configured.',
  idle: 'No configuration needs this data type now.',
};

function StateLabel({ state }: { state: string }) {
  return (
    <Label color={STATE_COLORS[state] ?? 'grey'} isCompact title={STATE_HELP[state]}>
      {state}
    </Label>
  );
}

function dataType(s: IngestStream) {
  return s.subtype ? `${s.kind} / ${s.subtype}` : s.kind;
}

/** How the pulling of one tenant goes, per data type, refreshed every 10 s while shown. */
export function TenantIngest({ name }: { name: string }) {
  const status = usePoll(
    (signal) => api.get<IngestStatus>(`/api/tenants/${encodeURIComponent(name)}/ingest`, { signal }),
    INGEST_REFRESH_MS,
    [name],
  );
  const unknown = status.error instanceof ApiError && status.error.status === 404;
  const heading = `Ingest of ${name}`;

  return (
    <section aria-label={heading} data-testid={`ingest-${name}`}>
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
        <FlexItem>
          <Title headingLevel="h3" size="md">
            {heading}
            {status.data?.api ? ` (REST API ${status.data.api})` : ''}
          </Title>
        </FlexItem>
        <FlexItem>
          <Content component="small">Refreshed every 10 s.</Content>
        </FlexItem>
      </Flex>
      {unknown ? (
        <EmptyState titleText="Not pulled yet" headingLevel="h4" variant="xs">
          <EmptyStateBody>
            The ingest knows nothing of this tenant yet: no module configuration needs its data.
          </EmptyStateBody>
        </EmptyState>
      ) : status.error && !status.data ? (
        <ErrorAlert error={status.error} title="The ingest status could not be loaded" onRetry={status.reload} />
      ) : !status.data ? (
        <Spinner size="md" aria-label={`Loading the ingest of ${name}`} />
      ) : (
        <>
          {status.error ? <ErrorAlert error={status.error} title="The last refresh failed; showing the previous figures" /> : null}
          {status.data.paused && (
            <Alert variant="warning" isInline title="Pulling is paused for every tenant">
              {status.data.pauseReason ?? 'No reason was given.'}
            </Alert>
          )}
          {status.data.streams.length === 0 ? (
            <Content component="p">Nothing is pulled from this tenant: no configuration needs its data.</Content>
          ) : (
            <Table role="table" aria-label={heading} variant="compact" borders>
              <Thead>
                <Tr>
                  <Th modifier="wrap">Data type</Th>
                  <Th modifier="wrap">State</Th>
                  <Th modifier="wrap">Needed by</Th>
                  <Th modifier="wrap">Records pulled</Th>
                  <Th modifier="wrap">Last page</Th>
                  <Th modifier="wrap">Last error</Th>
                </Tr>
              </Thead>
              <Tbody>
                {status.data.streams.map((s) => (
                  <Tr key={`${s.kind}/${s.subtype ?? ''}`}>
                    <Td dataLabel="Data type" modifier="nowrap">
                      <strong>{dataType(s)}</strong>
                    </Td>
                    <Td dataLabel="State">
                      <StateLabel state={s.state} />
                      {s.backoffSeconds > 0 ? (
                        <div>
                          <Content component="small">retry in {formatDuration(s.backoffSeconds)}</Content>
                        </div>
                      ) : null}
                      {s.pulledBy ? (
                        <div>
                          <Content component="small">by {s.pulledBy}</Content>
                        </div>
                      ) : null}
                    </Td>
                    <Td dataLabel="Needed by">
                      {s.neededBy && s.neededBy.length > 0 ? (
                        <LabelGroup numLabels={3}>
                          {s.neededBy.map((n) => (
                            <Label key={n} isCompact variant="outline">
                              {n}
                            </Label>
                          ))}
                        </LabelGroup>
                      ) : (
                        '—'
                      )}
                    </Td>
                    <Td dataLabel="Records pulled">
                      {formatNumber(s.recordsPulled)}
                      <div>
                        <Content component="small">
                          {formatNumber(s.batchesPublished)} batches, {formatNumber(s.pages)} pages
                          {s.resentPages > 0 ? `; ${formatNumber(s.resentPages)} pages (${formatNumber(s.resentRecords)} records) resent` : ''}
                          {s.unconfirmedRecords > 0 ? `; ${formatNumber(s.unconfirmedRecords)} unconfirmed` : ''}
                        </Content>
                      </div>
                      {(s.malformedElements ?? 0) > 0 || (s.cutPages ?? 0) > 0 ? (
                        <div>
                          <Content
                            component="small"
                            title="Kept with their bytes: GET /api/tenants/{name}/ingest/malformed. Every record around them was delivered."
                          >
                            <Label color="orange" isCompact>
                              {formatNumber(s.malformedElements ?? 0)} elements set aside
                              {(s.cutPages ?? 0) > 0 ? `, ${formatNumber(s.cutPages ?? 0)} pages cut` : ''}
                            </Label>
                          </Content>
                        </div>
                      ) : null}
                    </Td>
                    <Td dataLabel="Last page">
                      {formatTime(s.lastPageAt)}
                      {s.lagSeconds != null ? (
                        <div>
                          <Content component="small">lag {formatDuration(s.lagSeconds)}</Content>
                        </div>
                      ) : null}
                    </Td>
                    <Td dataLabel="Last error" modifier="breakWord">
                      <LastError error={s.lastError} />
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </>
      )}
    </section>
  );
}
