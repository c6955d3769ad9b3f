import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, renderPage, reply, type ApiCall } from '../../test-utils';
import type { Notification } from '../../api/types';
import { HomePage } from './HomePage';
import type { DeliveryStatisticsAnswer, IngestStatus, SystemStatus, TenantView } from './homeModel';
import type { LogPage } from '../logging/logModel';

const systemStatus: SystemStatus = {
  status: 'DEGRADED',
  summary:
    '1 of 3 services need attention: cre-service (no answer from http://127.0.0.1:8085/q/health: connection refused (is it running?); no answer to the bus round trip within 1500 ms)',
  version: '0.1.0',
  installation: { id: 'c0ffee00-1111-2222-3333-444455556666', installedAt: '2026-11-01T08:00:00Z' },
  checkedAt: '2026-11-27T10:00:00Z',
  services: [
    {
      name: 'core-service',
      health: 'UP',
      version: '0.1.0',
      instance: 'ce-host/4242',
      checks: { service: 'UP', MongoDB: 'UP', RabbitMQ: 'UP' },
      bus: { reached: true, roundTripMillis: 12 },
    },
    {
      name: 'cre-service',
      health: 'UNREACHABLE',
      detail:
        'no answer from http://127.0.0.1:8085/q/health: connection refused (is it running?); no answer to the bus round trip within 1500 ms',
      checks: {},
      bus: { reached: false },
    },
    { name: 'ui-gateway', health: 'UP', version: '0.1.0', instance: 'ce-host/4243', checks: { service: 'UP' } },
  ],
};

const statistics: DeliveryStatisticsAnswer = {
  at: '2026-11-27T10:00:00Z',
  destinations: [
    {
      destination: 'splunk-prod',
      sent: 120_000,
      bytesSent: 52_428_800,
      retried: 10,
      parked: 3,
      filtered: 40,
      eventsPerSecond: 250.5,
      lagSeconds: 4,
      backlogBatches: 2,
      retryingBatches: 1,
      lastDeliveredAt: '2026-11-27T09:59:59Z',
      lastError: null,
      routes: [],
    },
    {
      destination: 'syslog-dc2',
      sent: 5_000,
      bytesSent: 1_000_000,
      retried: 0,
      parked: 7,
      filtered: 0,
      eventsPerSecond: 49.5,
      lagSeconds: -1,
      backlogBatches: 0,
      retryingBatches: 0,
      lastDeliveredAt: null,
      lastError: 'connection refused',
      routes: [],
    },
  ],
};

const tenants: TenantView[] = [
  {
    name: 'acme',
    tenantName: 'acme',
    baseUrl: 'https://acme.goskope.com',
    hasV1Token: false,
    hasV2Token: true,
    api: 'v2',
    initialRangeDays: 7,
    useSystemProxy: false,
    createdAt: '2026-11-01T08:00:00Z',
    updatedAt: '2026-11-01T08:00:00Z',
  },
  {
    name: 'globex',
    tenantName: 'globex',
    hasV1Token: true,
    hasV2Token: false,
    api: 'v1',
    initialRangeDays: 7,
    useSystemProxy: true,
  },
];

function ingestOf(records: number): IngestStatus {
  return {
    tenant: 'acme',
    api: 'v2',
    paused: false,
    streams: [
      {
        kind: 'alerts',
        subtype: 'malware',
        neededBy: ['cls'],
        state: 'running',
        recordsPulled: records,
        batchesPublished: 40,
        pages: 40,
        resentPages: 0,
        resentRecords: 0,
        unconfirmedRecords: 0,
        lastPageAt: '2026-11-27T09:59:58Z',
        lagSeconds: 3,
        backoffSeconds: 0,
      },
      {
        kind: 'events',
        subtype: 'page',
        neededBy: ['cls'],
        state: 'backoff',
        recordsPulled: 1000,
        batchesPublished: 4,
        pages: 4,
        resentPages: 0,
        resentRecords: 0,
        unconfirmedRecords: 0,
        backoffSeconds: 30,
        lastError: 'HTTP 429 from the tenant',
      },
    ],
  };
}

const errorsPage: LogPage = {
  entries: [
    {
      id: '5001',
      time: '2026-11-27T09:58:00Z',
      level: 'error',
      module: 'cls',
      plugin: 'syslog',
      configuration: 'syslog-dc2',
      message: 'Cannot connect to the syslog server',
      errorCode: 'SYSLOG-CONNECT',
      hasDetails: true,
    },
  ],
  more: true,
  nextBefore: '5001',
};

const notifications: Notification[] = [
  {
    key: 'ingest.refused:acme/alerts/malware',
    severity: 'error',
    banner: false,
    source: 'core-service',
    message: 'acme refused the token for alerts/malware',
    count: 12,
    firstAt: '2026-11-27T08:00:00Z',
    lastAt: '2026-11-27T09:55:00Z',
    resolvedAt: null,
  },
];

type Routes = Record<string, (call: ApiCall, params: Record<string, string>) => unknown>;

function routes(overrides: Routes = {}): Routes {
  return {
    'GET /api/system/status': () => systemStatus,
    'GET /api/cls/status': () => ({ module: 'cls', enabled: true, service: 'cls-service', version: '0.1.0', instance: 'ce-host/5' }),
    'GET /api/cte/status': () => ({ module: 'cte', enabled: true, service: 'cte-service', version: '0.1.0', instance: 'ce-host/6' }),
    'GET /api/cto/status': () => ({ module: 'cto', enabled: false, service: 'cto-service', version: '0.1.0', instance: 'ce-host/7' }),
    'GET /api/cre/status': () =>
      problem(502, 'Upstream unavailable', "cre-service is not reachable; check 'scripts/status' and its log in data/logs/."),
    'GET /api/cls/statistics': () => statistics,
    'GET /api/tenants': () => tenants,
    'GET /api/tenants/:name/ingest': (_c, p) =>
      p.name === 'acme' ? ingestOf(9000) : problem(404, 'Not found', "No tenant named 'globex' is known to the ingest."),
    'GET /api/logs': () => errorsPage,
    'GET /api/notifications': () => notifications,
    ...overrides,
  };
}

function render(overrides: Routes = {}, role: 'read-only' | 'admin' | 'super-admin' = 'admin', path = '/') {
  return renderPage(<HomePage />, { path, role, routes: routes(overrides) });
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Home page', () => {
  it('shows the health of every service from the system status', async () => {
    render();
    const services = await screen.findByRole('table', { name: 'Services' });
    expect(screen.getByTestId('system-state').textContent).toBe('Degraded');
    expect(screen.getByTestId('system-summary').textContent).toContain('1 of 3 services need attention');
    expect(screen.getByText('c0ffee00-1111-2222-3333-444455556666')).toBeTruthy();
    const core = within(services).getByTestId('service-core-service');
    expect(within(core).getByText('Platform core')).toBeTruthy();
    expect(within(core).getByText('Up')).toBeTruthy();
    expect(core.textContent).toContain('12 ms');
    expect(within(core).getByText('All 3 up')).toBeTruthy();
    expect(within(core).getByText('ce-host/4242')).toBeTruthy();
    const cre = within(services).getByTestId('service-cre-service');
    expect(within(cre).getByText('Unreachable')).toBeTruthy();
    expect(cre.textContent).toContain('connection refused (is it running?)');
    expect(cre.textContent).toContain('no answer');
    expect(within(services).getByTestId('service-ui-gateway').textContent).toContain('not on the bus');
  });

  it('shows the data flowing through each module, and says which are off or not running', async () => {
    const { api } = render();
    const cls = await screen.findByRole('region', { name: 'Log Shipper' });
    await waitFor(() => expect(within(cls).getByTestId('cls-eps').textContent).toBe('300'));
    expect(within(cls).getByText('On')).toBeTruthy();
    expect(within(cls).getByTestId('cls-sent').textContent).toBe((125_000).toLocaleString());
    expect(within(cls).getByTestId('cls-parked').textContent).toBe('10');
    const destinations = within(cls).getByRole('table', { name: 'Log Shipper destinations' });
    expect(within(destinations).getByText('splunk-prod')).toBeTruthy();
    expect(within(destinations).getByText('connection refused')).toBeTruthy();

    const cte = screen.getByRole('region', { name: 'Threat Exchange' });
    expect(within(cte).getByText('On')).toBeTruthy();
    expect(cte.textContent).toContain('Running version 0.1.0 on ce-host/6');
    const cto = screen.getByRole('region', { name: 'Ticket Orchestrator' });
    expect(within(cto).getByText('Off')).toBeTruthy();
    expect(cto.textContent).toContain('is turned off');
    const cre = screen.getByRole('region', { name: 'Risk Exchange' });
    expect(within(cre).getAllByText(/Not running|not running/).length).toBeGreaterThan(0);
    expect(cre.textContent).toContain('cre-service is not reachable');

    const ingest = screen.getByRole('region', { name: 'Netskope ingest' });
    const acme = within(ingest).getByTestId('ingest-acme');
    expect(acme.textContent).toContain('1 running, 1 backoff');
    expect(acme.textContent).toContain('events/page: HTTP 429 from the tenant');
    expect(acme.textContent).toContain((10_000).toLocaleString());
    expect(within(ingest).getByTestId('ingest-globex').textContent).toContain("No tenant named 'globex' is known to the ingest.");
    expect(within(ingest).getByTestId('ingest-rate').textContent).toBe('—');

    // the statistics of a module are asked only of the Log Shipper, which is on
    expect(api.callsTo('GET', '/api/cls/statistics')).toHaveLength(1);
    expect(api.callsTo('GET', '/api/tenants/acme/ingest')).toHaveLength(1);
    expect(api.unmatched).toHaveLength(0);
  });

  it('does not ask for delivery figures while the Log Shipper is off', async () => {
    const { api } = render({
      'GET /api/cls/status': () => ({ module: 'cls', enabled: false, service: 'cls-service', version: '0.1.0', instance: 'h/1' }),
    });
    const cls = await screen.findByRole('region', { name: 'Log Shipper' });
    await waitFor(() => expect(within(cls).getByText('Off')).toBeTruthy());
    expect(cls.textContent).toContain('Log Shipper is turned off');
    expect(api.callsTo('GET', '/api/cls/statistics')).toHaveLength(0);
  });

  it('lists the recent errors with links into Logging', async () => {
    const { api } = render();
    const errors = await screen.findByRole('table', { name: 'Recent errors' });
    const link = within(errors).getByRole('link', { name: 'Cannot connect to the syslog server' });
    expect(link.getAttribute('href')).toBe('/logging?level=error&entry=5001');
    expect(within(errors).getByText('SYSLOG-CONNECT')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All errors in Logging' }).getAttribute('href')).toBe('/logging?level=error');
    const query = api.callsTo('GET', '/api/logs')[0].query;
    expect(query.get('level')).toBe('error');
    expect(query.get('limit')).toBe('10');
  });

  it('shows the notifications with severity, count and times, and lets an admin clear one', async () => {
    let active = [...notifications];
    const { api } = render({
      'GET /api/notifications': () => active,
      'POST /api/notifications/:key/clear': () => {
        active = [];
        return reply(204);
      },
    });
    const section = await waitFor(() => {
      const el = document.getElementById('notifications');
      expect(el).toBeTruthy();
      return el!;
    });
    const table = await within(section).findByRole('table', { name: 'Notifications' });
    const row = within(table).getByTestId('notification-ingest.refused:acme/alerts/malware');
    expect(within(row).getByText('Error')).toBeTruthy();
    expect(within(row).getByText('12')).toBeTruthy();
    expect(row.textContent).toContain('acme refused the token for alerts/malware');
    expect(row.textContent).toContain('core-service');

    await userEvent.setup().click(within(row).getByRole('button', { name: 'Clear: acme refused the token for alerts/malware' }));
    expect(await within(section).findByText('Notification cleared')).toBeTruthy();
    expect(await within(section).findByText('No active notifications.')).toBeTruthy();
    const clear = api.calls.filter((c) => c.method === 'POST');
    expect(clear).toHaveLength(1);
    expect(clear[0].path).toBe('/api/notifications/ingest.refused%3Aacme%2Falerts%2Fmalware/clear');
  });

  it('shows why a notification could not be cleared', async () => {
    render({
      'POST /api/notifications/:key/clear': () =>
        problem(404, 'Not found', "No active notification with the key 'ingest.refused:acme/alerts/malware'."),
    });
    const table = await screen.findByRole('table', { name: 'Notifications' });
    await userEvent.setup().click(within(table).getByRole('button', { name: /^Clear: / }));
    expect(await screen.findByText('The notification could not be cleared')).toBeTruthy();
    expect(screen.getByText(/No active notification with the key/)).toBeTruthy();
  });

  it('offers a read-only user no Clear button', async () => {
    render({}, 'read-only');
    const table = await screen.findByRole('table', { name: 'Notifications' });
    expect(within(table).getByText('acme refused the token for alerts/malware')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Clear/ })).toBeNull();
  });

  it('shows resolved notifications on request', async () => {
    const { api } = render({
      'GET /api/notifications': (call) =>
        call.query.get('includeResolved') === 'true'
          ? [...notifications, { ...notifications[0], key: 'ingest.disk-low', message: 'Disk low', severity: 'warning', resolvedAt: '2026-11-27T07:00:00Z' }]
          : notifications,
    });
    await screen.findByRole('table', { name: 'Notifications' });
    expect(api.callsTo('GET', '/api/notifications')[0].query.has('includeResolved')).toBe(false);
    await userEvent.setup().click(screen.getByLabelText('Show resolved'));
    expect(await screen.findByText('Disk low')).toBeTruthy();
    const calls = api.callsTo('GET', '/api/notifications');
    expect(calls[calls.length - 1].query.get('includeResolved')).toBe('true');
    expect(screen.getByRole('columnheader', { name: 'Resolved' })).toBeTruthy();
    // a resolved one cannot be cleared again
    expect(screen.getAllByRole('button', { name: /^Clear: / })).toHaveLength(1);
  });

  it('keeps the page working when some of its APIs fail, each section saying what failed', async () => {
    render({
      'GET /api/system/status': () => problem(500, 'Internal Server Error', 'The status could not be measured.'),
      'GET /api/logs': () => problem(502, 'Upstream unavailable', 'core-service is not reachable.'),
      'GET /api/tenants': () => problem(502, 'Upstream unavailable', 'tenant-service is not reachable.'),
      'GET /api/cls/statistics': () => problem(503, 'Service unavailable', 'The delivery store is not available.'),
    });
    expect(await screen.findByText('The system status could not be measured')).toBeTruthy();
    expect(await screen.findByText('The log could not be read')).toBeTruthy();
    expect(screen.getByText('core-service is not reachable.')).toBeTruthy();
    expect(await screen.findByText('The tenants could not be read')).toBeTruthy();
    expect(await screen.findByText('Delivery figures could not be read')).toBeTruthy();
    // the rest still shows
    expect(await screen.findByRole('table', { name: 'Notifications' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Ticket Orchestrator' })).getByText('Off')).toBeTruthy();
  });

  it('marks the page ready once the status and the first data are shown', async () => {
    const mark = vi.spyOn(window.performance, 'mark');
    render();
    await waitFor(() => expect(mark).toHaveBeenCalledWith('ce:home:ready'));
    expect(screen.getByRole('table', { name: 'Services' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Recent errors' })).toBeTruthy();
    expect(mark.mock.calls.filter((c) => c[0] === 'ce:home:ready')).toHaveLength(1);
  });

  it('scrolls to the notifications when opened from the masthead badge', async () => {
    const scroll = vi.fn();
    Element.prototype.scrollIntoView = scroll;
    render({}, 'admin', '/#notifications');
    await screen.findByRole('table', { name: 'Notifications' });
    await waitFor(() => expect(scroll).toHaveBeenCalled());
    expect((scroll.mock.contexts[0] as HTMLElement).id).toBe('notifications');
  });

  it('refreshes every 10 seconds and works out the records pulled per second', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let records = 9000;
    const { api } = render({ 'GET /api/tenants/:name/ingest': () => ingestOf(records) });
    const ingest = await screen.findByRole('region', { name: 'Netskope ingest' });
    await within(ingest).findByTestId('ingest-acme');
    expect(within(ingest).getByTestId('ingest-rate').textContent).toBe('—');
    const statusCalls = api.callsTo('GET', '/api/system/status').length;
    records = 14_000;
    await act(async () => {
      vi.advanceTimersByTime(10_000);
    });
    await waitFor(() => expect(api.callsTo('GET', '/api/system/status').length).toBeGreaterThan(statusCalls));
    await waitFor(() => expect(within(ingest).getByTestId('ingest-rate').textContent).not.toBe('—'));
    const rate = Number(within(ingest).getByTestId('ingest-rate').textContent!.replace(/[^0-9.]/g, ''));
    // two tenants, 5,000 more records each in about 10 s
    expect(rate).toBeGreaterThan(800);
    expect(rate).toBeLessThanOrEqual(1000);
    const acmeRate = Number(within(within(ingest).getByTestId('ingest-acme')).getAllByRole('cell')[3].textContent!.replace(/[^0-9.]/g, ''));
    expect(acmeRate).toBeGreaterThan(400);
    expect(acmeRate).toBeLessThanOrEqual(500);
    // the Log Shipper's events/s has two samples now: its small chart is drawn
    expect(within(screen.getByRole('region', { name: 'Log Shipper' })).getByTestId('sparkline')).toBeTruthy();
  });
});
