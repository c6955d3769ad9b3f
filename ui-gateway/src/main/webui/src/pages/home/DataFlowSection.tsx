import { delivered } from '../../api/delivery';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Grid,
  GridItem,
  Label,
  Skeleton,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { describeError } from '../../api/client';
import type { Polled } from '../../api/usePoll';
import { DangerText, LastError } from '../../components/DangerText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes, formatDuration, formatNumber, formatTime, latestTime } from '../../components/format';
import {
  MODULES,
  sum,
  type DeliveryStatisticsAnswer,
  type IngestStatus,
  type ModuleKey,
  type ModuleState,
  type TenantView,
} from './homeModel';
import { Sparkline } from './Sparkline';

export interface FlowData {
  modules: Record<ModuleKey, ModuleState>;
  stats?: DeliveryStatisticsAnswer;
  statsError?: unknown;
}

export interface IngestData {
  tenants: TenantView[];
  ingest: Record<string, { status?: IngestStatus; error?: unknown }>;
}

export interface IngestRates {
  /** Records per second per tenant over the last refresh; undefined until two samples exist. */
  perTenant: Record<string, number | undefined>;
  total?: number;
  history: number[];
}

export function ModuleStateLabel({ state }: { state: ModuleState | undefined }) {
  if (!state) return null;
  switch (state.state) {
    case 'on':
      return (
        <Label status="success" isCompact>
          On
        </Label>
      );
    case 'off':
      return (
        <Label color="grey" isCompact>
          Off
        </Label>
      );
    case 'not-running':
      return (
        <Label status="danger" isCompact>
          Not running
        </Label>
      );
    default:
      return (
        <Label status="warning" isCompact>
          Unknown
        </Label>
      );
  }
}

function ModuleCard({
  id,
  title,
  state,
  children,
  footer,
}: {
  id: string;
  title: string;
  state?: ModuleState;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Card component="section" aria-labelledby={`${id}-title`} isFullHeight data-testid={id}>
      <CardHeader>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>
            <CardTitle id={`${id}-title`} component="h3">
              {title}
            </CardTitle>
          </FlexItem>
          <FlexItem>
            <ModuleStateLabel state={state} />
          </FlexItem>
        </Flex>
      </CardHeader>
      <CardBody>{children}</CardBody>
      {footer && <CardFooter>{footer}</CardFooter>}
    </Card>
  );
}

/** What a module that is not on says instead of its figures. */
function NotOn({ state, name }: { state: ModuleState; name: string }) {
  if (state.state === 'off') {
    return (
      <Content component="p">
        {name} is turned off: its work is paused and its data waits in the queues. The super-admin turns it on in{' '}
        <Link to="/settings/general">Settings › General</Link>.
      </Content>
    );
  }
  if (state.state === 'not-running') {
    return (
      <Alert variant="danger" isInline isPlain title={`${name} is not running`}>
        {state.error ? describeError(state.error) : null}
      </Alert>
    );
  }
  return (
    <Alert variant="warning" isInline isPlain title={`The state of ${name} is not known`}>
      {state.error ? describeError(state.error) : null}
    </Alert>
  );
}

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{label}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
}

function LogShipperCard({ flow, history }: { flow: Polled<FlowData>; history: number[] }) {
  const state = flow.data?.modules.cls;
  const stats = flow.data?.stats;
  const destinations = stats?.destinations ?? [];
  const eps = sum(destinations, (d) => d.eventsPerSecond);
  return (
    <ModuleCard
      id="flow-cls"
      title="Log Shipper"
      state={state}
      footer={
        <Flex spaceItems={{ default: 'spaceItemsLg' }}>
          <Link to="/cls/delivery">Delivery details</Link>
          <Link to="/cls/parked">Parked batches</Link>
        </Flex>
      }
    >
      {!state && <Skeleton height="6rem" screenreaderText="Loading the Log Shipper" />}
      {state && state.state !== 'on' && <NotOn state={state} name="Log Shipper" />}
      {state?.state === 'on' && (
        <>
          {flow.data?.statsError !== undefined && (
            <ErrorAlert error={flow.data.statsError} title="Delivery figures could not be read" onRetry={flow.reload} />
          )}
          {stats && (
            <>
              <Flex alignItems={{ default: 'alignItemsFlexEnd' }} spaceItems={{ default: 'spaceItemsLg' }} style={{ marginBottom: '0.75rem' }}>
                <FlexItem>
                  <div style={{ fontSize: '1.75rem', fontWeight: 600 }} data-testid="cls-eps">
                    {formatNumber(eps, 1)}
                  </div>
                  <Content component="small">events/s delivered (last minute)</Content>
                </FlexItem>
                <FlexItem>
                  <Sparkline values={history} label="Log Shipper events per second, recent samples" />
                </FlexItem>
              </Flex>
              <DescriptionList isCompact isAutoFit autoFitMinModifier={{ default: '8rem' }}>
                <Figure label="Records sent" value={formatNumber(sum(destinations, (d) => d.sent))} testId="cls-sent" />
                <Figure label="Bytes sent" value={formatBytes(sum(destinations, (d) => d.bytesSent))} />
                <Figure label="Retried" value={formatNumber(sum(destinations, (d) => d.retried))} />
                <Figure label="Parked" value={formatNumber(sum(destinations, (d) => d.parked))} testId="cls-parked" />
                <Figure label="Filtered" value={formatNumber(sum(destinations, (d) => d.filtered))} />
                <Figure
                  label="Backlog (batches)"
                  value={formatNumber(sum(destinations, (d) => d.backlogBatches + d.retryingBatches))}
                />
              </DescriptionList>
              {destinations.length === 0 ? (
                <Content component="p" style={{ marginTop: '0.75rem' }}>
                  No SIEM mapping sends anywhere yet. <Link to="/cls/siem-mappings">Add a SIEM mapping</Link>.
                </Content>
              ) : (
                <Table aria-label="Log Shipper destinations" role="table" variant="compact" style={{ marginTop: '0.75rem' }}>
                  <Thead>
                    <Tr>
                      <Th>Destination</Th>
                      <Th className="ce-numeric">Events/s</Th>
                      <Th className="ce-numeric">Delivered</Th>
                      <Th>Lag</Th>
                      <Th>Last error</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {destinations.map((d) => (
                      <Tr key={d.destination}>
                        <Td dataLabel="Destination" modifier="breakWord">
                          {d.destination}
                        </Td>
                        <Td dataLabel="Events/s" className="ce-numeric">
                          {formatNumber(d.eventsPerSecond, 1)}
                        </Td>
                        <Td dataLabel="Delivered" className="ce-numeric">
                          {formatNumber(delivered(d))}
                        </Td>
                        <Td dataLabel="Lag" modifier="nowrap">
                          {d.lagSeconds < 0 ? '—' : formatDuration(d.lagSeconds)}
                        </Td>
                        <Td dataLabel="Last error" modifier="breakWord">
                          <LastError error={d.lastError} />
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </>
          )}
        </>
      )}
    </ModuleCard>
  );
}

function streamSummary(status: IngestStatus): string {
  const counts = new Map<string, number>();
  for (const s of status.streams) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
  if (counts.size === 0) return 'no streams needed';
  return [...counts.entries()].map(([state, n]) => `${n} ${state}`).join(', ');
}

function IngestCard({ ingest, rates }: { ingest: Polled<IngestData>; rates: IngestRates }) {
  const data = ingest.data;
  const tenants = data?.tenants ?? [];
  return (
    <Card component="section" aria-labelledby="flow-ingest-title" isFullHeight data-testid="flow-ingest">
      <CardHeader>
        <CardTitle id="flow-ingest-title" component="h3">
          Netskope ingest
        </CardTitle>
      </CardHeader>
      <CardBody>
        {ingest.error !== undefined && <ErrorAlert error={ingest.error} title="The tenants could not be read" onRetry={ingest.reload} />}
        {!data && ingest.loading && <Skeleton height="6rem" screenreaderText="Loading the ingest" />}
        {data && tenants.length === 0 && (
          <Content component="p">
            No Netskope tenant is configured yet, so nothing is pulled. <Link to="/settings/tenants">Add a tenant</Link>.
          </Content>
        )}
        {data && tenants.length > 0 && (
          <>
            <Flex alignItems={{ default: 'alignItemsFlexEnd' }} spaceItems={{ default: 'spaceItemsLg' }} style={{ marginBottom: '0.75rem' }}>
              <FlexItem>
                <div style={{ fontSize: '1.75rem', fontWeight: 600 }} data-testid="ingest-rate">
                  {rates.total === undefined ? '—' : formatNumber(rates.total, 1)}
                </div>
                <Content component="small">{rates.total === undefined ? 'records/s (measuring…)' : 'records/s pulled'}</Content>
              </FlexItem>
              <FlexItem>
                <Sparkline values={rates.history} label="Records pulled per second, recent samples" />
              </FlexItem>
            </Flex>
            <Table aria-label="Ingest per tenant" role="table" variant="compact">
              <Thead>
                <Tr>
                  <Th>Tenant</Th>
                  <Th>Streams</Th>
                  <Th className="ce-numeric">Records pulled</Th>
                  <Th className="ce-numeric">Records/s</Th>
                  <Th>Last page</Th>
                </Tr>
              </Thead>
              <Tbody>
                {tenants.map((t) => {
                  const entry = data.ingest[t.name];
                  const status = entry?.status;
                  const failing = status?.streams.find((s) => s.lastError);
                  return (
                    <Tr key={t.name} data-testid={`ingest-${t.name}`}>
                      <Td dataLabel="Tenant" modifier="breakWord">
                        <strong>{t.name}</strong>
                        <div className="pf-v6-u-color-200">
                          {t.tenantName}
                          {(status?.api ?? t.api) && ` · API ${status?.api ?? t.api}`}
                        </div>
                      </Td>
                      <Td dataLabel="Streams" modifier="breakWord">
                        {entry?.error !== undefined && (
                          <DangerText>Ingest status unavailable: {describeError(entry.error)}</DangerText>
                        )}
                        {status && (
                          <>
                            {status.paused && (
                              <Label status="warning" isCompact style={{ marginRight: '0.5rem' }}>
                                Paused{status.pauseReason ? `: ${status.pauseReason}` : ''}
                              </Label>
                            )}
                            {streamSummary(status)}
                            {failing && (
                              <div style={{ color: 'var(--pf-t--global--text--color--status--danger--default)' }}>
                                {failing.kind}
                                {failing.subtype ? `/${failing.subtype}` : ''}: {failing.lastError}
                              </div>
                            )}
                          </>
                        )}
                      </Td>
                      <Td dataLabel="Records pulled" className="ce-numeric">
                        {status ? formatNumber(sum(status.streams, (s) => s.recordsPulled)) : '—'}
                      </Td>
                      <Td dataLabel="Records/s" className="ce-numeric">
                        {rates.perTenant[t.name] === undefined ? '—' : formatNumber(rates.perTenant[t.name], 1)}
                      </Td>
                      <Td dataLabel="Last page" modifier="nowrap">
                        {status ? formatTime(latestTime(status.streams.map((s) => s.lastPageAt))) : '—'}
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          </>
        )}
      </CardBody>
      <CardFooter>
        <Link to="/settings/tenants">Netskope tenants</Link>
      </CardFooter>
    </Card>
  );
}

function OtherModuleCard({ module, flow }: { module: (typeof MODULES)[number]; flow: Polled<FlowData> }) {
  const state = flow.data?.modules[module.key];
  return (
    <ModuleCard
      id={`flow-${module.key}`}
      title={module.name}
      state={state}
      footer={<Link to={module.path}>Configurations</Link>}
    >
      {!state && <Skeleton height="3rem" screenreaderText={`Loading ${module.name}`} />}
      {state && state.state !== 'on' && <NotOn state={state} name={module.name} />}
      {state?.state === 'on' && (
        <>
          <Content component="p">
            Running{state.status?.version ? ` version ${state.status.version}` : ''}
            {state.status?.instance ? ` on ${state.status.instance}` : ''}.
          </Content>
          <Content component="small">This module does not report data-flow figures yet.</Content>
        </>
      )}
    </ModuleCard>
  );
}

/** Data flowing per module: the tenant ingest, the Log Shipper's delivery, and the state of the others. */
export function DataFlowSection({
  flow,
  ingest,
  clsHistory,
  rates,
}: {
  flow: Polled<FlowData>;
  ingest: Polled<IngestData>;
  clsHistory: number[];
  rates: IngestRates;
}) {
  return (
    <section aria-labelledby="home-flow-title">
      <Content component="h2" id="home-flow-title" style={{ marginBottom: '0.75rem' }}>
        Data flow
      </Content>
      {flow.error !== undefined && <ErrorAlert error={flow.error} title="The modules could not be asked" onRetry={flow.reload} />}
      <Grid hasGutter>
        <GridItem xl2={6}>
          <IngestCard ingest={ingest} rates={rates} />
        </GridItem>
        <GridItem xl2={6}>
          <LogShipperCard flow={flow} history={clsHistory} />
        </GridItem>
        {MODULES.filter((m) => m.key !== 'cls').map((m) => (
          <GridItem key={m.key} md={4}>
            <OtherModuleCard module={m} flow={flow} />
          </GridItem>
        ))}
      </Grid>
    </section>
  );
}
