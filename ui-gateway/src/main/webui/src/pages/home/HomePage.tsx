import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { Button, Grid, GridItem, PageSection } from '@patternfly/react-core';
import { SyncAltIcon } from '@patternfly/react-icons';
import { api } from '../../api/client';
import type { Notification } from '../../api/types';
import { usePoll } from '../../api/usePoll';
import { PageHeader } from '../../components/PageHeader';
import type { LogPage } from '../logging/logModel';
import { DataFlowSection, type FlowData, type IngestData, type IngestRates } from './DataFlowSection';
import {
  meansModuleOff,
  meansNotRunning,
  MODULES,
  sum,
  type DeliveryStatisticsAnswer,
  type IngestStatus,
  type ModuleKey,
  type ModuleState,
  type ModuleStatus,
  type SystemStatus,
  type TenantView,
} from './homeModel';
import { NotificationsSection } from './NotificationsSection';
import { RecentErrorsSection } from './RecentErrorsSection';
import { StatusSection } from './StatusSection';

const EVERY_MS = 10_000;
const NOTIFICATIONS_EVERY_MS = 15_000;
/** Samples kept for the small charts: 30 × 10 s = the last five minutes. */
const HISTORY = 30;

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Each module's status, and the Log Shipper's delivery figures when it is on; never fails as a whole. */
async function loadFlow(signal: AbortSignal): Promise<FlowData> {
  const states = await Promise.all(
    MODULES.map(async (m): Promise<[ModuleKey, ModuleState]> => {
      try {
        const status = await api.get<ModuleStatus>(`/api/${m.key}/status`, { signal });
        return [m.key, { state: status.enabled ? 'on' : 'off', status }];
      } catch (e) {
        if (isAbort(e)) throw e;
        if (meansModuleOff(e)) return [m.key, { state: 'off', error: e }];
        return [m.key, { state: meansNotRunning(e) ? 'not-running' : 'unknown', error: e }];
      }
    }),
  );
  const modules = Object.fromEntries(states) as Record<ModuleKey, ModuleState>;
  const flow: FlowData = { modules };
  if (modules.cls.state === 'on') {
    try {
      flow.stats = await api.get<DeliveryStatisticsAnswer>('/api/cls/statistics', { signal });
    } catch (e) {
      if (isAbort(e)) throw e;
      if (meansModuleOff(e)) modules.cls = { ...modules.cls, state: 'off' };
      else flow.statsError = e;
    }
  }
  return flow;
}

/** The tenants and each one's ingest; a tenant whose ingest cannot be read says so on its own row. */
async function loadIngest(signal: AbortSignal): Promise<IngestData> {
  const tenants = await api.get<TenantView[]>('/api/tenants', { signal });
  const ingest: IngestData['ingest'] = {};
  await Promise.all(
    (tenants ?? []).map(async (t) => {
      try {
        ingest[t.name] = { status: await api.get<IngestStatus>(`/api/tenants/${encodeURIComponent(t.name)}/ingest`, { signal }) };
      } catch (e) {
        if (isAbort(e)) throw e;
        ingest[t.name] = { error: e };
      }
    }),
  );
  return { tenants: tenants ?? [], ingest };
}

function push(history: number[], value: number): number[] {
  const next = [...history, value];
  return next.length > HISTORY ? next.slice(next.length - HISTORY) : next;
}

/**
 * The first page: the state of every service, the data flowing through each module, the last errors
 * and the notifications; everything refreshes by itself and each part shows its own trouble.
 */
export function HomePage() {
  const location = useLocation();
  const [showResolved, setShowResolved] = useState(false);

  const status = usePoll((signal) => api.get<SystemStatus>('/api/system/status', { signal }), EVERY_MS);
  const flow = usePoll(loadFlow, EVERY_MS);
  const ingest = usePoll(loadIngest, EVERY_MS);
  const errors = usePoll(
    (signal) => api.get<LogPage>('/api/logs', { query: { level: 'error', limit: 10 }, signal }),
    EVERY_MS,
  );
  const notifications = usePoll(
    (signal) =>
      api.get<Notification[]>('/api/notifications', { query: { includeResolved: showResolved ? true : undefined }, signal }),
    NOTIFICATIONS_EVERY_MS,
    [showResolved],
  );

  // events/s of the Log Shipper, one sample per refresh
  const [clsHistory, setClsHistory] = useState<number[]>([]);
  const sampled = useRef<unknown>(null);
  useEffect(() => {
    const stats = flow.data?.stats;
    if (!stats || sampled.current === stats) return;
    sampled.current = stats;
    setClsHistory((h) => push(h, sum(stats.destinations ?? [], (d) => d.eventsPerSecond)));
  }, [flow.data]);

  // records/s pulled: the growth of each tenant's counters between two refreshes
  const previous = useRef<{ at: number; totals: Record<string, number> } | null>(null);
  const [rates, setRates] = useState<IngestRates>({ perTenant: {}, history: [] });
  useEffect(() => {
    const data = ingest.data;
    if (!data) return;
    const now = Date.now();
    const totals: Record<string, number> = {};
    for (const t of data.tenants) {
      const s = data.ingest[t.name]?.status;
      if (s) totals[t.name] = sum(s.streams ?? [], (x) => x.recordsPulled);
    }
    const before = previous.current;
    if (before && now - before.at < 1000) return; // the same sample seen twice
    previous.current = { at: now, totals };
    if (!before) return;
    const seconds = (now - before.at) / 1000;
    const perTenant: Record<string, number | undefined> = {};
    let total = 0;
    let any = false;
    for (const [name, value] of Object.entries(totals)) {
      const old = before.totals[name];
      if (old === undefined || value < old) continue; // new tenant, or its counters were reset
      perTenant[name] = (value - old) / seconds;
      total += perTenant[name]!;
      any = true;
    }
    setRates((r) => ({ perTenant, total: any ? total : undefined, history: any ? push(r.history, total) : r.history }));
  }, [ingest.data]);

  // the load-time mark of the e2e test: status and the first data are on the page
  const marked = useRef(false);
  const ready = !status.loading && !flow.loading && !ingest.loading && !errors.loading && !notifications.loading;
  useEffect(() => {
    if (ready && !marked.current) {
      marked.current = true;
      window.performance?.mark?.('ce:home:ready');
    }
  }, [ready]);

  // the masthead badge opens /#notifications
  useEffect(() => {
    if (location.hash === '#notifications' && !notifications.loading) {
      document.getElementById('notifications')?.scrollIntoView?.({ block: 'start' });
    }
  }, [location.hash, notifications.loading]);

  const reloadAll = () => {
    status.reload();
    flow.reload();
    ingest.reload();
    errors.reload();
    notifications.reload();
  };

  return (
    <>
      <PageHeader
        title="Home"
        description="The state of every service and the data flowing through each module. Refreshes every 10 seconds."
        actions={
          <Button variant="secondary" icon={<SyncAltIcon />} onClick={reloadAll}>
            Refresh now
          </Button>
        }
      />
      <PageSection>
        <Grid hasGutter>
          <GridItem>
            <StatusSection polled={status} />
          </GridItem>
          <GridItem>
            <DataFlowSection flow={flow} ingest={ingest} clsHistory={clsHistory} rates={rates} />
          </GridItem>
          <GridItem xl2={6}>
            <RecentErrorsSection polled={errors} />
          </GridItem>
          <GridItem xl2={6}>
            <NotificationsSection polled={notifications} showResolved={showResolved} onShowResolved={setShowResolved} />
          </GridItem>
        </Grid>
      </PageSection>
    </>
  );
}
