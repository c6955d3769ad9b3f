import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  FlexItem,
  Gallery,
  Grid,
  GridItem,
  Label,
  PageSection,
  Skeleton,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { SyncAltIcon } from '@patternfly/react-icons';
import { api } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes, formatDuration, formatNumber, formatTime, latestTime } from '../../components/format';
import { DENSE, ErrorItem } from './common';
import { LineChart } from './LineChart';
import { delivered, type Delivered } from '../../api/delivery';
import type { DestinationView, RouteView, Statistics } from './types';

/** How often the figures are fetched, and so how often the charts get a point. */
export const SAMPLE_MS = 5000;
/** How much history the charts keep (in this browser, while the page is open). */
export const WINDOW_MS = 15 * 60 * 1000;

export interface Sample {
  t: number;
  values: Record<string, { eps: number; backlog: number; retrying: number }>;
}

/**
 * Adds the destinations' current rate and backlog to the history and drops what is older than the
 * window; an answer not newer than the last sample (the same figures fetched twice) is not added.
 */
export function appendSample(history: Sample[], stats: Statistics, now = Date.now(), windowMs = WINDOW_MS): Sample[] {
  const at = Date.parse(stats.at);
  const t = Number.isNaN(at) ? now : at;
  const last = history[history.length - 1];
  if (last && last.t >= t) return history;
  const values: Sample['values'] = {};
  for (const d of stats.destinations) {
    values[d.destination] = { eps: d.eventsPerSecond, backlog: d.backlogBatches, retrying: d.retryingBatches };
  }
  return [...history.filter((s) => s.t > t - windowMs), { t, values }];
}

function sum<T>(items: T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + (of(item) || 0), 0);
}

function lag(seconds: number | undefined): string {
  return seconds === undefined || seconds < 0 ? '—' : formatDuration(seconds);
}

function rate(v: number): string {
  return `${formatNumber(v, 1)}/s`;
}

function parkedLink(destination: string, mapping?: string): string {
  const q = new URLSearchParams({ destination });
  if (mapping) q.set('mapping', mapping);
  return `/cls/parked?${q.toString()}`;
}

/** What a destination is doing now, from its figures. */
export function destinationStatus(d: DestinationView): { text: string; status?: 'success' | 'warning' | 'danger' | 'info' } {
  const lastErrorAt = latestTime(d.routes.map((r) => r.lastErrorAt));
  if (d.lastError && lastErrorAt && (!d.lastDeliveredAt || Date.parse(lastErrorAt) > Date.parse(d.lastDeliveredAt))) {
    return { text: 'Failing', status: 'danger' };
  }
  if (d.retryingBatches > 0) return { text: 'Retrying', status: 'warning' };
  if (d.eventsPerSecond > 0) return { text: 'Delivering', status: 'success' };
  if (d.lastDeliveredAt) return { text: 'Idle', status: 'info' };
  return { text: 'Nothing delivered yet' };
}


function backlogText(ready: number, retrying: number) {
  return (
    <span title={`${formatNumber(ready)} ready, ${formatNumber(retrying)} waiting for a retry`}>
      {formatNumber(ready)}
      {retrying > 0 && ` + ${formatNumber(retrying)}`}
    </span>
  );
}

const COLORS = { eps: '#0066cc', backlog: '#c58c00', retrying: '#c9190b' };

/** Delivery figures per destination and SIEM mapping, with rate and backlog charts sampled while open. */
export function DeliveryPage() {
  const { data, error, loading, reload } = usePoll((signal) => api.get<Statistics>('/api/cls/statistics', { signal }), SAMPLE_MS);
  const [history, setHistory] = useState<Sample[]>([]);

  useEffect(() => {
    if (data) setHistory((h) => appendSample(h, data));
  }, [data]);

  const destinations = data?.destinations ?? [];
  const allRoutes = destinations.flatMap((d) => d.routes);
  const end = history.length ? history[history.length - 1].t : Date.now();
  const series = (destination: string, key: 'eps' | 'backlog' | 'retrying') =>
    history.filter((s) => s.values[destination]).map((s) => ({ t: s.t, v: s.values[destination][key] }));

  return (
    <>
      <PageHeader
        title="Delivery"
        description="What the Log Shipper delivered to each destination, per SIEM mapping: records and bytes sent, retried, parked, filtered out, and what is waiting."
        actions={
          <Flex alignItems={{ default: 'alignItemsCenter' }}>
            <FlexItem>
              <Content component="small" aria-live="polite">
                {data ? `Updated ${formatTime(data.at)}` : loading ? 'Loading…' : ''}
              </Content>
            </FlexItem>
            <FlexItem>
              <Button variant="secondary" icon={<SyncAltIcon />} onClick={reload}>
                Refresh now
              </Button>
            </FlexItem>
          </Flex>
        }
      />
      <PageSection>
        <Stack hasGutter>
          <ErrorItem
            error={error}
            title={data ? 'Could not refresh the delivery figures; showing the last ones' : 'Could not load the delivery figures'}
            onRetry={reload}
          />
          {!data && loading && (
            <StackItem>
              <Skeleton height="120px" screenreaderText="Loading the delivery figures" />
              <br />
              <Skeleton height="320px" />
            </StackItem>
          )}
          {data && destinations.length === 0 && (
            <StackItem>
              <EmptyState titleText="Nothing is being delivered yet" headingLevel="h2">
                <EmptyStateBody>
                  Figures appear here once a SIEM mapping sends a tenant's alerts or events to a destination. Add a destination
                  (a syslog server, Splunk HEC, a webhook), then a SIEM mapping from a Netskope tenant to it.
                </EmptyStateBody>
                <EmptyStateFooter>
                  <EmptyStateActions>
                    <Link to="/cls/configurations">Destinations</Link>
                    <Link to="/cls/siem-mappings">SIEM mappings</Link>
                  </EmptyStateActions>
                </EmptyStateFooter>
              </EmptyState>
            </StackItem>
          )}
          {data && destinations.length > 0 && (
            <>
              <StackItem>
                <Totals destinations={destinations} routes={allRoutes} />
              </StackItem>
              <StackItem>
                <Title headingLevel="h2" size="lg">
                  Per destination
                </Title>
                <OverviewTable destinations={destinations} routes={allRoutes} />
              </StackItem>
              <StackItem>
                <Content component="p" data-testid="sampling-caption">
                  <small>
                    The API gives current values only: the charts below are sampled every {SAMPLE_MS / 1000} s while this page is open
                    and keep the last {WINDOW_MS / 60000} minutes in this browser ({history.length} {history.length === 1 ? 'sample' : 'samples'} so far).
                    Leaving the page forgets them.
                  </small>
                </Content>
              </StackItem>
              {destinations.map((d) => (
                <StackItem key={d.destination}>
                  <DestinationCard
                    destination={d}
                    end={end}
                    eps={series(d.destination, 'eps')}
                    backlog={series(d.destination, 'backlog')}
                    retrying={series(d.destination, 'retrying')}
                  />
                </StackItem>
              ))}
            </>
          )}
        </Stack>
      </PageSection>
    </>
  );
}

function Totals({ destinations, routes }: { destinations: DestinationView[]; routes: RouteView[] }) {
  const figures: [string, string][] = [
    ['Records delivered', formatNumber(sum(destinations, delivered))],
    ['Acknowledged', formatNumber(sum(destinations, (d) => d.sent))],
    ['Bytes sent', formatBytes(sum(destinations, (d) => d.bytesSent))],
    ['Events per second', rate(sum(destinations, (d) => d.eventsPerSecond))],
    ['Batches waiting', formatNumber(sum(destinations, (d) => d.backlogBatches + d.retryingBatches))],
    ['Records parked', formatNumber(sum(destinations, (d) => d.parked))],
    ['Destinations / routes', `${destinations.length} / ${routes.length}`],
  ];
  return (
    <Gallery hasGutter minWidths={{ default: '130px' }} aria-label="Totals">
      {figures.map(([label, value]) => (
        <Card key={label} isCompact>
          <CardBody>
            <div style={{ fontSize: '0.8rem', opacity: 0.8 }}>{label}</div>
            <div className="ce-numeric" style={{ fontSize: '1.4rem', textAlign: 'left' }} data-testid={`total-${label}`}>
              {value}
            </div>
          </CardBody>
        </Card>
      ))}
    </Gallery>
  );
}

function OverviewTable({ destinations, routes }: { destinations: DestinationView[]; routes: RouteView[] }) {
  const byDestination = (d: DestinationView, of: (r: RouteView) => number) => sum(d.routes, of);
  const lags = destinations.map((d) => d.lagSeconds).filter((v) => v >= 0);
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table aria-label="Delivery per destination" variant="compact" style={DENSE}>
        <Thead>
          <Tr>
            <Th modifier="wrap">Destination</Th>
            <Th>Status</Th>
            <Th className="ce-numeric" modifier="wrap">Delivered</Th>
            <Th className="ce-numeric" modifier="wrap">Bytes sent</Th>
            <Th className="ce-numeric" modifier="wrap">Events/s</Th>
            <Th className="ce-numeric" modifier="wrap">Retried</Th>
            <Th className="ce-numeric" modifier="wrap">Parked</Th>
            <Th className="ce-numeric" modifier="wrap">Filtered</Th>
            <Th className="ce-numeric" modifier="wrap">Muted</Th>
            <Th className="ce-numeric" modifier="wrap">Unmapped</Th>
            <Th className="ce-numeric" modifier="wrap">Backlog (+ retrying)</Th>
            <Th className="ce-numeric" modifier="wrap">Lag</Th>
            <Th modifier="wrap">Last delivery</Th>
          </Tr>
        </Thead>
        <Tbody>
          {destinations.map((d) => {
            const status = destinationStatus(d);
            return (
              <Tr key={d.destination}>
                <Td dataLabel="Destination">
                  <a href={`#destination-${encodeURIComponent(d.destination)}`}>{d.destination}</a>
                </Td>
                <Td dataLabel="Status">
                  <Label isCompact status={status.status}>
                    {status.text}
                  </Label>
                </Td>
                <Td dataLabel="Delivered" className="ce-numeric" modifier="nowrap">
                  <DeliveredFigure figures={d} testId={`sent-${d.destination}`} />
                </Td>
                <Td dataLabel="Bytes sent" className="ce-numeric" modifier="nowrap">{formatBytes(d.bytesSent)}</Td>
                <Td dataLabel="Events/s" className="ce-numeric" modifier="nowrap">{formatNumber(d.eventsPerSecond, 1)}</Td>
                <Td dataLabel="Retried" className="ce-numeric" modifier="nowrap">{formatNumber(d.retried)}</Td>
                <Td dataLabel="Parked" className="ce-numeric" modifier="nowrap">
                  <Link to={parkedLink(d.destination)} aria-label={`Parked batches of ${d.destination}`}>
                    {formatNumber(d.parked)}
                  </Link>
                </Td>
                <Td dataLabel="Filtered" className="ce-numeric" modifier="nowrap">{formatNumber(d.filtered)}</Td>
                <Td dataLabel="Muted" className="ce-numeric" modifier="nowrap">{formatNumber(byDestination(d, (r) => r.muted))}</Td>
                <Td dataLabel="Unmapped" className="ce-numeric" modifier="nowrap">{formatNumber(byDestination(d, (r) => r.unmapped))}</Td>
                <Td dataLabel="Backlog" className="ce-numeric" modifier="nowrap">
                  {backlogText(d.backlogBatches, d.retryingBatches)}
                </Td>
                <Td dataLabel="Lag" className="ce-numeric" modifier="nowrap">{lag(d.lagSeconds)}</Td>
                <Td dataLabel="Last delivery" modifier="nowrap">
                  <Ago value={d.lastDeliveredAt} />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
        <tfoot>
          <Tr style={{ fontWeight: 600 }} data-testid="totals-row">
            <Th scope="row">Total</Th>
            <Td />
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(destinations, delivered))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatBytes(sum(destinations, (d) => d.bytesSent))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(destinations, (d) => d.eventsPerSecond), 1)}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(destinations, (d) => d.retried))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(destinations, (d) => d.parked))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(destinations, (d) => d.filtered))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(routes, (r) => r.muted))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(routes, (r) => r.unmapped))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{formatNumber(sum(destinations, (d) => d.backlogBatches + d.retryingBatches))}</Td>
            <Td className="ce-numeric" modifier="nowrap">{lags.length ? lag(Math.max(...lags)) : '—'}</Td>
            <Td modifier="nowrap">
              <Ago value={latestTime(destinations.map((d) => d.lastDeliveredAt))} />
            </Td>
          </Tr>
        </tfoot>
      </Table>
    </div>
  );
}

function DestinationCard({
  destination: d,
  end,
  eps,
  backlog,
  retrying,
}: {
  destination: DestinationView;
  end: number;
  eps: { t: number; v: number }[];
  backlog: { t: number; v: number }[];
  retrying: { t: number; v: number }[];
}) {
  const status = destinationStatus(d);
  const headingId = `destination-${encodeURIComponent(d.destination)}`;
  const lastErrorAt = latestTime(d.routes.map((r) => r.lastErrorAt));
  return (
    <section id={headingId} aria-labelledby={`${headingId}-title`}>
      <Card>
        <CardHeader
          actions={{
            actions: (
              <Link to={parkedLink(d.destination)}>View parked batches</Link>
            ),
            hasNoOffset: true,
          }}
        >
          <CardTitle>
            <Flex alignItems={{ default: 'alignItemsCenter' }}>
              <Title headingLevel="h3" size="lg" id={`${headingId}-title`}>
                {d.destination}
              </Title>
              <Label isCompact status={status.status}>
                {status.text}
              </Label>
            </Flex>
          </CardTitle>
        </CardHeader>
        <CardBody>
          <Stack hasGutter>
            {d.lastError && (
              <Alert variant={status.status === 'danger' ? 'danger' : 'warning'} isInline isPlain title={`Last error${lastErrorAt ? ` (${formatTime(lastErrorAt)})` : ''}`}>
                <span className="ce-mono">{d.lastError}</span>
              </Alert>
            )}
            <Grid hasGutter>
              <GridItem md={4}>
                <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: '11ch' }} aria-label={`Figures of ${d.destination}`}>
                  <Figure term="Delivered" value={deliveredText(d)} />
                  <Figure term="Bytes" value={formatBytes(d.bytesSent)} />
                  <Figure term="Events/s" value={formatNumber(d.eventsPerSecond, 1)} />
                  <Figure term="Lag" value={lag(d.lagSeconds)} />
                  <Figure term="Backlog" value={`${formatNumber(d.backlogBatches)} ready, ${formatNumber(d.retryingBatches)} retrying`} />
                  <Figure term="Last delivery" value={formatTime(d.lastDeliveredAt)} />
                </DescriptionList>
              </GridItem>
              <GridItem md={4}>
                <LineChart
                  title="Events per second"
                  testId={`eps-chart-${d.destination}`}
                  series={[{ name: 'events/s', points: eps, color: COLORS.eps }]}
                  windowMs={WINDOW_MS}
                  end={end}
                  format={(v) => formatNumber(v, 1)}
                />
              </GridItem>
              <GridItem md={4}>
                <LineChart
                  title="Backlog (batches)"
                  testId={`backlog-chart-${d.destination}`}
                  series={[
                    { name: 'ready', points: backlog, color: COLORS.backlog },
                    { name: 'retrying', points: retrying, color: COLORS.retrying, dashed: true },
                  ]}
                  windowMs={WINDOW_MS}
                  end={end}
                  format={(v) => formatNumber(v)}
                />
              </GridItem>
            </Grid>
            <RouteTable destination={d} />
          </Stack>
        </CardBody>
      </Card>
    </section>
  );
}

const DELIVERED_HELP =
  'Acknowledged: the receiver confirmed each record (RELP, HTTP). Written: handed to TCP, TLS or UDP, which confirm nothing, ' +
  'so a receiver that closes or restarts may lose what was in flight; RELP avoids that. Resent: written again after a ' +
  'connection was lost (the receiver may hold those twice).';

/** How the delivered records split: acknowledged, written without acknowledgement, resent. */
export function deliveredText(d: Delivered): string {
  const written = d.written ?? 0;
  const parts: string[] = [];
  if (d.sent > 0) parts.push(`${formatNumber(d.sent)} acknowledged`);
  if (written > 0) parts.push(`${formatNumber(written)} written without acknowledgement`);
  const resent = d.resent ?? 0;
  return `${formatNumber(delivered(d))} records${parts.length ? ` (${parts.join(', ')})` : ''}${
    resent > 0 ? `; ${formatNumber(resent)} resent after a lost connection` : ''
  }`;
}

/** The records delivered, and below it how many of them no receiver acknowledged, and how many were resent. */
function DeliveredFigure({ figures: d, testId }: { figures: Delivered; testId?: string }) {
  const written = d.written ?? 0;
  const resent = d.resent ?? 0;
  return (
    <span title={DELIVERED_HELP}>
      <span data-testid={testId}>{formatNumber(delivered(d))}</span>
      {written > 0 && (
        <div>
          <Content component="small">{d.sent > 0 ? `${formatNumber(written)} unacknowledged` : 'unacknowledged'}</Content>
        </div>
      )}
      {resent > 0 && (
        <div>
          <Content component="small">{formatNumber(resent)} resent</Content>
        </div>
      )}
    </span>
  );
}

/** "12 s ago" with the full time on hover; "—" before the first. */
export function Ago({ value, now = Date.now() }: { value: string | null | undefined; now?: number }) {
  if (!value) return <>—</>;
  const seconds = Math.max(0, (now - Date.parse(value)) / 1000);
  if (Number.isNaN(seconds)) return <>{value}</>;
  return (
    <time dateTime={value} title={formatTime(value)}>
      {seconds < 1 ? 'just now' : `${formatDuration(seconds)} ago`}
    </time>
  );
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription className="ce-numeric" style={{ textAlign: 'left' }}>
        {value}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
}

function RouteTable({ destination: d }: { destination: DestinationView }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table aria-label={`SIEM mappings sending to ${d.destination}`} variant="compact" style={DENSE}>
        <Thead>
          <Tr>
            <Th modifier="wrap">SIEM mapping</Th>
            <Th className="ce-numeric" modifier="wrap">Delivered</Th>
            <Th className="ce-numeric" modifier="wrap">Bytes</Th>
            <Th className="ce-numeric" modifier="wrap">Events/s</Th>
            <Th className="ce-numeric" modifier="wrap">Retried</Th>
            <Th className="ce-numeric" modifier="wrap">Parked</Th>
            <Th className="ce-numeric" modifier="wrap">Filtered</Th>
            <Th className="ce-numeric" modifier="wrap">Muted</Th>
            <Th className="ce-numeric" modifier="wrap">Unmapped</Th>
            <Th className="ce-numeric" modifier="wrap">Replayed / discarded</Th>
            <Th className="ce-numeric" modifier="wrap">Backlog (+ retrying)</Th>
            <Th className="ce-numeric" modifier="wrap">Lag</Th>
            <Th modifier="wrap">Last delivery</Th>
          </Tr>
        </Thead>
        {d.routes.map((r) => (
          <Tbody key={r.mapping}>
            <Tr>
              <Td dataLabel="SIEM mapping">
                <Link to={`/cls/siem-mappings?mapping=${encodeURIComponent(r.mapping)}`}>{r.mapping}</Link>
              </Td>
              <Td dataLabel="Delivered" className="ce-numeric" modifier="nowrap">
                <DeliveredFigure figures={r} />
              </Td>
              <Td dataLabel="Bytes" className="ce-numeric" modifier="nowrap">{formatBytes(r.bytesSent)}</Td>
              <Td dataLabel="Events/s" className="ce-numeric" modifier="nowrap">{formatNumber(r.eventsPerSecond, 1)}</Td>
              <Td dataLabel="Retried" className="ce-numeric" modifier="nowrap">{formatNumber(r.retried)}</Td>
              <Td dataLabel="Parked" className="ce-numeric" modifier="nowrap">
                {r.parked > 0 ? (
                  <Link to={parkedLink(d.destination, r.mapping)} aria-label={`Parked batches of ${r.mapping} to ${d.destination}`}>
                    {formatNumber(r.parked)}
                  </Link>
                ) : (
                  formatNumber(r.parked)
                )}
              </Td>
              <Td dataLabel="Filtered" className="ce-numeric" modifier="nowrap">{formatNumber(r.filtered)}</Td>
              <Td dataLabel="Muted" className="ce-numeric" modifier="nowrap">{formatNumber(r.muted)}</Td>
              <Td dataLabel="Unmapped" className="ce-numeric" modifier="nowrap">{formatNumber(r.unmapped)}</Td>
              <Td dataLabel="Replayed / discarded" className="ce-numeric" modifier="nowrap">
                {formatNumber(r.replayed)} / {formatNumber(r.discarded)}
              </Td>
              <Td dataLabel="Backlog" className="ce-numeric" modifier="nowrap">
                {backlogText(r.backlogBatches, r.retryingBatches)}
              </Td>
              <Td dataLabel="Lag" className="ce-numeric" modifier="nowrap">{lag(r.lagSeconds)}</Td>
              <Td dataLabel="Last delivery" modifier="nowrap">
                <Ago value={r.lastDeliveredAt} />
              </Td>
            </Tr>
            {r.lastError && (
              <Tr>
                <Td colSpan={13} dataLabel="Last error">
                  <small>
                    Last error{r.lastErrorAt ? ` at ${formatTime(r.lastErrorAt)}` : ''}: <span className="ce-mono">{r.lastError}</span>
                  </small>
                </Td>
              </Tr>
            )}
          </Tbody>
        ))}
      </Table>
    </div>
  );
}
