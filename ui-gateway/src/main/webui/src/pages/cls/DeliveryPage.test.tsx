import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, problem } from '../../test-utils';
import { formatNumber } from '../../components/format';
import { appendSample, DeliveryPage, destinationStatus, WINDOW_MS } from './DeliveryPage';
import { niceCeiling } from './LineChart';
import type { DestinationView, RouteView, Statistics } from './types';

// the forms are large and the machine may be busy: give each test room
vi.setConfig({ testTimeout: 20000 });

function route(over: Partial<RouteView> = {}): RouteView {
  return {
    mapping: 'all-alerts',
    destination: 'syslog-qradar',
    sent: 1200,
    bytesSent: 2048,
    retried: 3,
    parked: 2,
    filtered: 40,
    muted: 5,
    unmapped: 1,
    replayed: 7,
    discarded: 0,
    eventsPerSecond: 12.5,
    lagSeconds: 4,
    backlogBatches: 1,
    retryingBatches: 0,
    lastDeliveredAt: '2026-03-01T10:00:00Z',
    ...over,
  };
}

function destination(name: string, routes: RouteView[], over: Partial<DestinationView> = {}): DestinationView {
  const sum = (f: (r: RouteView) => number) => routes.reduce((n, r) => n + f(r), 0);
  return {
    destination: name,
    sent: sum((r) => r.sent),
    written: sum((r) => r.written ?? 0),
    resent: sum((r) => r.resent ?? 0),
    bytesSent: sum((r) => r.bytesSent),
    retried: sum((r) => r.retried),
    parked: sum((r) => r.parked),
    filtered: sum((r) => r.filtered),
    eventsPerSecond: sum((r) => r.eventsPerSecond),
    lagSeconds: Math.max(...routes.map((r) => r.lagSeconds)),
    backlogBatches: sum((r) => r.backlogBatches),
    retryingBatches: sum((r) => r.retryingBatches),
    lastDeliveredAt: routes.map((r) => r.lastDeliveredAt ?? null).find(Boolean) ?? null,
    lastError: routes.map((r) => r.lastError ?? null).find(Boolean) ?? null,
    routes,
    ...over,
  };
}

const syslog = destination('syslog-qradar', [
  route(),
  route({ mapping: 'page-events', sent: 300, bytesSent: 1024, eventsPerSecond: 2.5, muted: 0, unmapped: 4, parked: 0, retried: 0, filtered: 0 }),
]);
const splunk = destination('splunk-hec', [
  route({
    mapping: 'all-alerts',
    destination: 'splunk-hec',
    sent: 10,
    bytesSent: 100,
    eventsPerSecond: 0,
    parked: 9,
    retryingBatches: 2,
    lastError: 'HTTP 503 from https://splunk:8088',
    lastErrorAt: '2026-03-01T10:05:00Z',
  }),
]);

function stats(at: string, destinations: DestinationView[]): Statistics {
  return { at, destinations };
}

describe('DeliveryPage', () => {
  it('tells records a receiver acknowledged from records written to a transport that acknowledges nothing', async () => {
    const tcp = destination('syslog-tcp', [route({ destination: 'syslog-tcp', sent: 0, written: 900, resent: 25 })]);
    const relp = destination('syslog-relp', [route({ destination: 'syslog-relp', sent: 400, written: 0 })]);
    const mixed = destination('syslog-mixed', [
      route({ destination: 'syslog-mixed', sent: 100, written: 50 }),
    ]);
    renderPage(<DeliveryPage />, {
      role: 'read-only',
      routes: { 'GET /api/cls/statistics': () => stats('2026-03-01T10:06:00Z', [tcp, relp, mixed]) },
    });
    const table = await screen.findByRole('grid', { name: 'Delivery per destination' });
    const tcpRow = within(table).getByRole('row', { name: /syslog-tcp/ });
    expect(within(tcpRow).getByTestId('sent-syslog-tcp').textContent).toBe(formatNumber(900));
    expect(tcpRow.textContent).toContain('unacknowledged');
    expect(tcpRow.textContent).toContain('25 resent');
    const relpRow = within(table).getByRole('row', { name: /syslog-relp/ });
    expect(within(relpRow).getByTestId('sent-syslog-relp').textContent).toBe(formatNumber(400));
    expect(relpRow.textContent).not.toContain('unacknowledged');
    const mixedRow = within(table).getByRole('row', { name: /syslog-mixed/ });
    expect(within(mixedRow).getByTestId('sent-syslog-mixed').textContent).toBe(formatNumber(150));
    expect(mixedRow.textContent).toContain('50 unacknowledged');
    expect(screen.getByTestId('total-Records delivered').textContent).toBe(formatNumber(1450));
    expect(screen.getByTestId('total-Acknowledged').textContent).toBe(formatNumber(500));
    expect(
      screen.getByText('900 records (900 written without acknowledgement); 25 resent after a lost connection'),
    ).toBeTruthy();
  });


  it('shows the figures per destination and mapping, with totals and links to the parked batches', async () => {
    const { api } = renderPage(<DeliveryPage />, {
      role: 'read-only',
      routes: { 'GET /api/cls/statistics': () => stats('2026-03-01T10:06:00Z', [syslog, splunk]) },
    });
    const table = await screen.findByRole('grid', { name: 'Delivery per destination' });
    const syslogRow = within(table).getByRole('row', { name: /syslog-qradar/ });
    expect(within(syslogRow).getByTestId('sent-syslog-qradar').textContent).toBe(formatNumber(1500));
    expect(syslogRow.textContent).toContain('Delivering');
    // muted and unmapped are summed from the routes (the destination has no such fields)
    expect(within(syslogRow).getAllByRole('cell')[8].textContent).toBe('5');
    expect(within(syslogRow).getAllByRole('cell')[9].textContent).toBe('5');
    expect(within(syslogRow).getByRole('link', { name: 'Parked batches of syslog-qradar' }).getAttribute('href')).toBe(
      '/cls/parked?destination=syslog-qradar',
    );

    const splunkRow = within(table).getByRole('row', { name: /splunk-hec/ });
    expect(splunkRow.textContent).toContain('Failing');
    expect(splunkRow.textContent).toContain('1 + 2');
    expect(within(splunkRow).getByTitle('1 ready, 2 waiting for a retry')).toBeTruthy();

    const totals = screen.getByTestId('totals-row');
    expect(totals.textContent).toContain(formatNumber(1510));
    expect(totals.textContent).toContain(formatNumber(15, 1)); // events/s 12.5 + 2.5 + 0
    expect(screen.getByTestId('total-Records parked').textContent).toBe('11');
    expect(screen.getByTestId('total-Destinations / routes').textContent).toBe('2 / 3');

    // a card per destination with the routes and the last error
    const routes = screen.getByRole('grid', { name: 'SIEM mappings sending to syslog-qradar' });
    expect(within(routes).getByRole('row', { name: /page-events/ }).textContent).toContain(formatNumber(300));
    const splunkCard = screen.getByRole('region', { name: 'splunk-hec' });
    expect(splunkCard.textContent).toContain('HTTP 503 from https://splunk:8088');
    expect(within(splunkCard).getByRole('link', { name: 'View parked batches' }).getAttribute('href')).toBe(
      '/cls/parked?destination=splunk-hec',
    );
    expect(within(splunkCard).getByRole('link', { name: 'Parked batches of all-alerts to splunk-hec' }).getAttribute('href')).toBe(
      '/cls/parked?destination=splunk-hec&mapping=all-alerts',
    );
    expect(screen.getByTestId('sampling-caption').textContent).toMatch(/sampled every 5 s while this page is open.*last 15 minutes/);
    expect(api.unmatched).toEqual([]);
  });

  it('adds a point to the charts at every new sample and keeps the figures while refreshing', async () => {
    let n = 0;
    const answers = [
      stats('2026-03-01T10:06:00Z', [syslog]),
      stats('2026-03-01T10:06:05Z', [{ ...syslog, eventsPerSecond: 42, backlogBatches: 7 }]),
    ];
    const { api } = renderPage(<DeliveryPage />, {
      routes: { 'GET /api/cls/statistics': () => answers[Math.min(n++, answers.length - 1)] },
    });
    await screen.findByTestId('eps-chart-syslog-qradar');
    await waitFor(() => expect(screen.getByTestId('eps-chart-syslog-qradar').getAttribute('data-samples')).toBe('1'));
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(screen.getByTestId('eps-chart-syslog-qradar').getAttribute('data-samples')).toBe('2'));
    expect(within(screen.getByTestId('eps-chart-syslog-qradar')).getByRole('img').getAttribute('aria-label')).toContain('now 42');
    expect(within(screen.getByTestId('backlog-chart-syslog-qradar')).getByRole('img').getAttribute('aria-label')).toContain(
      'ready now 7',
    );
    expect(api.callsTo('GET', '/api/cls/statistics').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the last figures and says so when a refresh fails', async () => {
    let fail = false;
    renderPage(<DeliveryPage />, {
      routes: {
        'GET /api/cls/statistics': () => (fail ? problem(503, 'Service Unavailable', 'cls-service is not answering') : stats('2026-03-01T10:06:00Z', [syslog])),
      },
    });
    await screen.findByRole('grid', { name: 'Delivery per destination' });
    fail = true;
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(await screen.findByText('Could not refresh the delivery figures; showing the last ones')).toBeTruthy();
    expect(screen.getByText('cls-service is not answering')).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Delivery per destination' })).toBeTruthy();
  });

  it('explains what to do when nothing is delivered yet', async () => {
    renderPage(<DeliveryPage />, { routes: { 'GET /api/cls/statistics': () => stats('2026-03-01T10:06:00Z', []) } });
    expect(await screen.findByRole('heading', { name: 'Nothing is being delivered yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'SIEM mappings' }).getAttribute('href')).toBe('/cls/siem-mappings');
    expect(screen.getByRole('link', { name: 'Destinations' }).getAttribute('href')).toBe('/cls/configurations');
  });
});

describe('sampling', () => {
  const at = (iso: string, eps: number) => stats(iso, [{ ...syslog, eventsPerSecond: eps }]);

  it('drops samples older than the window and ignores an answer that is not newer', () => {
    let h = appendSample([], at('2026-03-01T10:00:00Z', 1));
    h = appendSample(h, at('2026-03-01T10:00:05Z', 2));
    expect(appendSample(h, at('2026-03-01T10:00:05Z', 3))).toBe(h);
    h = appendSample(h, at('2026-03-01T10:15:01Z', 4));
    expect(h.map((s) => s.values['syslog-qradar'].eps)).toEqual([2, 4]);
    expect(h[1].t - h[0].t).toBeLessThan(WINDOW_MS);
  });

  it('uses the time of the browser when the answer has none', () => {
    const h = appendSample([], { at: 'not a time', destinations: [syslog] }, 1234);
    expect(h[0].t).toBe(1234);
  });

  it('rounds the chart scale up', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(42)).toBe(50);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(0.3)).toBeCloseTo(0.5);
  });

  it('names what a destination is doing', () => {
    expect(destinationStatus(splunk).text).toBe('Failing');
    expect(destinationStatus(syslog).text).toBe('Delivering');
    expect(destinationStatus({ ...syslog, eventsPerSecond: 0 }).text).toBe('Idle');
    expect(destinationStatus({ ...syslog, eventsPerSecond: 0, lastDeliveredAt: null }).text).toBe('Nothing delivered yet');
  });
});
