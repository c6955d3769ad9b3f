import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, renderPage, where, Where, type ApiCall } from '../../test-utils';
import { LoggingPage } from './LoggingPage';
import type { LogPage, LogView } from './logModel';

const entries: LogView[] = [
  {
    id: '1003',
    time: '2026-11-27T10:00:03Z',
    level: 'error',
    module: 'cls',
    plugin: 'splunk-hec',
    configuration: 'splunk-prod',
    message: 'Splunk refused the HEC token',
    errorCode: 'SPLUNK-HEC-TOKEN',
    hasDetails: true,
    requestId: 'req-1',
    service: 'cls-service',
  },
  {
    id: '1002',
    time: '2026-11-27T10:00:02Z',
    level: 'warning',
    module: 'core',
    message: 'Pulling alerts of acme failed, retrying',
    errorCode: 'INGEST-RETRY',
    hasDetails: true,
    service: 'core-service',
  },
  { id: '1001', time: '2026-11-27T10:00:01Z', level: 'info', module: 'tenant', message: 'User ops signed in', service: 'tenant-service' },
];

const fullEntry: LogView = {
  ...entries[0],
  hasDetails: undefined,
  details: 'HTTP 403 {"text":"Invalid token","code":4}',
  resolution: 'Enable the token or enter a valid one (Splunk: Settings > Data inputs > HTTP Event Collector).',
};

function render(path = '/logging', routes: Record<string, (call: ApiCall, params: Record<string, string>) => unknown> = {}, role: 'read-only' | 'admin' | 'super-admin' = 'read-only') {
  return renderPage(
    <>
      <LoggingPage />
      <Where />
    </>,
    {
      path,
      role,
      routes: {
        'GET /api/logs': (): LogPage => ({ entries, more: false }),
        'GET /api/logs/:id': () => fullEntry,
        ...routes,
      },
    },
  );
}

const lastQuery = (api: { callsTo: (m: string, p: string) => ApiCall[] }) => {
  const calls = api.callsTo('GET', '/api/logs');
  return calls[calls.length - 1].query;
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Logging page', () => {
  it('shows the newest entries with level, module, plugin, configuration and error code, and marks itself ready', async () => {
    const mark = vi.spyOn(window.performance, 'mark');
    const { api } = render();
    const table = await screen.findByRole('table', { name: 'Log entries' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[1]).getByText('Error')).toBeTruthy();
    expect(within(rows[1]).getByText('Log Shipper')).toBeTruthy();
    expect(within(rows[1]).getByText('splunk-hec · splunk-prod')).toBeTruthy();
    expect(within(rows[1]).getByRole('button', { name: 'Show details: Splunk refused the HEC token' })).toBeTruthy();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Level', 'Source', 'Message', 'Error code']);
    expect(within(rows[1]).getByText('SPLUNK-HEC-TOKEN')).toBeTruthy();
    expect(within(rows[2]).getByText('Warning')).toBeTruthy();
    expect(within(rows[2]).getByText('Platform core')).toBeTruthy();
    expect(within(rows[3]).getByText('Info')).toBeTruthy();
    expect(screen.getByTestId('log-summary').textContent).toContain('3 entries shown');
    expect(screen.getByText('That is every entry matching these filters.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();

    const query = api.callsTo('GET', '/api/logs')[0].query;
    expect(query.get('limit')).toBe('100');
    for (const p of ['level', 'levels', 'module', 'plugin', 'configuration', 'text', 'from', 'to', 'before']) expect(query.has(p)).toBe(false);
    await waitFor(() => expect(mark).toHaveBeenCalledWith('ce:logging:ready'));
    expect(mark.mock.calls.filter((c) => c[0] === 'ce:logging:ready')).toHaveLength(1);
  });

  it('takes its filters from the address, so links like /logging?level=error work', async () => {
    const { api } = render('/logging?level=error&module=cls&plugin=syslog&configuration=siem-1&text=refused&limit=200');
    await screen.findByRole('table', { name: 'Log entries' });
    const query = api.callsTo('GET', '/api/logs')[0].query;
    expect(Object.fromEntries(query)).toEqual({
      level: 'error',
      module: 'cls',
      plugin: 'syslog',
      configuration: 'siem-1',
      text: 'refused',
      limit: '200',
    });
    expect((screen.getByLabelText('Level') as HTMLSelectElement).value).toBe('error');
    expect((screen.getByLabelText('Module') as HTMLSelectElement).value).toBe('cls');
    expect((screen.getByLabelText('Plugin') as HTMLInputElement).value).toBe('syslog');
    expect((screen.getByLabelText('Configuration') as HTMLInputElement).value).toBe('siem-1');
    expect((screen.getByLabelText('Search messages') as HTMLInputElement).value).toBe('refused');
    expect((screen.getByLabelText('Entries per page') as HTMLSelectElement).value).toBe('200');
  });

  it('sends exact levels when asked for them, never level and levels together', async () => {
    const { api } = render('/logging?levels=info,error');
    await screen.findByRole('table', { name: 'Log entries' });
    let query = api.callsTo('GET', '/api/logs')[0].query;
    expect(query.get('levels')).toBe('info,error');
    expect(query.has('level')).toBe(false);
    expect((screen.getByLabelText('Level') as HTMLSelectElement).value).toBe('levels:info,error');

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Level'), 'warning');
    await waitFor(() => expect(lastQuery(api).get('level')).toBe('warning'));
    expect(lastQuery(api).has('levels')).toBe(false);
    expect(where().get('level')).toBe('warning');

    await user.click(screen.getByLabelText('Only this level'));
    await waitFor(() => expect(lastQuery(api).get('levels')).toBe('warning'));
    query = lastQuery(api);
    expect(query.has('level')).toBe(false);
    expect(where().get('levels')).toBe('warning');
    expect(where().has('level')).toBe(false);
  });

  it('filters by module and keeps the filter in the address', async () => {
    const { api } = render();
    await screen.findByRole('table', { name: 'Log entries' });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Module'), 'cte');
    await waitFor(() => expect(lastQuery(api).get('module')).toBe('cte'));
    expect(where().get('module')).toBe('cte');
  });

  it('searches the text only once typing pauses', async () => {
    const { api } = render();
    await screen.findByRole('table', { name: 'Log entries' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Search messages'), 'token');
    await waitFor(() => expect(lastQuery(api).get('text')).toBe('token'));
    const texts = api.callsTo('GET', '/api/logs').map((c) => c.query.get('text'));
    expect(texts).toEqual([null, 'token']);
    expect(where().get('text')).toBe('token');
  });

  it('keeps a typed space while the search before it runs', async () => {
    const { api } = render();
    await screen.findByRole('table', { name: 'Log entries' });
    const user = userEvent.setup();
    const input = screen.getByLabelText('Search messages') as HTMLInputElement;
    await user.type(input, 'hec ');
    await waitFor(() => expect(lastQuery(api).get('text')).toBe('hec'));
    expect(input.value).toBe('hec ');
    await user.type(input, 'token');
    await waitFor(() => expect(lastQuery(api).get('text')).toBe('hec token'));
  });

  it('searches a preset time range counted back from now', async () => {
    const { api } = render();
    await screen.findByRole('table', { name: 'Log entries' });
    const user = userEvent.setup();
    const before = Date.now();
    await user.selectOptions(screen.getByLabelText('Time range'), '1h');
    await waitFor(() => expect(lastQuery(api).has('from')).toBe(true));
    const from = new Date(lastQuery(api).get('from')!).getTime();
    expect(from).toBeGreaterThanOrEqual(before - 3_600_000 - 1000);
    expect(from).toBeLessThanOrEqual(Date.now() - 3_600_000 + 1000);
    expect(lastQuery(api).has('to')).toBe(false);
    expect(where().get('range')).toBe('1h');
  });

  it('searches a custom range from the address and from the From/To inputs', async () => {
    const { api } = render('/logging?from=2026-11-27T09:00:00.000Z&to=2026-11-27T11:00:00.000Z');
    await screen.findByRole('table', { name: 'Log entries' });
    expect(api.callsTo('GET', '/api/logs')[0].query.get('from')).toBe('2026-11-27T09:00:00.000Z');
    expect(api.callsTo('GET', '/api/logs')[0].query.get('to')).toBe('2026-11-27T11:00:00.000Z');
    expect((screen.getByLabelText('Time range') as HTMLSelectElement).value).toBe('custom');

    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-28T08:30' } });
    const expected = new Date('2026-11-28T08:30').toISOString();
    await waitFor(() => expect(lastQuery(api).get('to')).toBe(expected));
    expect(lastQuery(api).get('from')).toBe('2026-11-27T09:00:00.000Z');
    expect(where().get('to')).toBe(expected);
  });

  it('says when To is not after From without asking the API', async () => {
    const { api } = render('/logging?from=2026-11-27T11:00:00.000Z&to=2026-11-27T09:00:00.000Z');
    expect(await screen.findByText('To must be after From')).toBeTruthy();
    expect(api.callsTo('GET', '/api/logs')).toHaveLength(0);
  });

  it('loads older entries with the cursor and the same time range', async () => {
    const older: LogView[] = [
      { id: '900', time: '2026-11-27T09:00:00Z', level: 'error', module: 'core', message: 'Older failure', errorCode: 'INGEST-REFUSED' },
    ];
    const { api } = render('/logging?range=24h', {
      'GET /api/logs': (call) =>
        call.query.get('before') === '1001' ? { entries: older, more: false } : { entries, more: true, nextBefore: '1001' },
    });
    await screen.findByRole('table', { name: 'Log entries' });
    expect(screen.getByTestId('log-summary').textContent).toContain('older ones can be loaded');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByText('Older failure');
    const calls = api.callsTo('GET', '/api/logs');
    expect(calls).toHaveLength(2);
    expect(calls[1].query.get('before')).toBe('1001');
    expect(calls[1].query.get('from')).toBe(calls[0].query.get('from'));
    expect(calls[1].query.get('limit')).toBe('100');
    expect(within(screen.getByRole('table', { name: 'Log entries' })).getAllByRole('row')).toHaveLength(5);
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
    expect(screen.getByText('That is every entry matching these filters.')).toBeTruthy();
  });

  it('opens an entry with its details, resolution, error code, request id and service, and keeps it in the address', async () => {
    const { api } = render();
    await screen.findByRole('table', { name: 'Log entries' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Show details: Splunk refused the HEC token' }));
    const details = await screen.findByTestId('log-details');
    expect(await within(details).findByTestId('log-details-text')).toBeTruthy();
    expect(within(details).getByTestId('log-details-text').textContent).toContain('HTTP 403');
    expect(within(details).getByText(/Enable the token or enter a valid one/)).toBeTruthy();
    expect(within(details).getByText('What to do')).toBeTruthy();
    expect(within(details).getByText('SPLUNK-HEC-TOKEN')).toBeTruthy();
    expect(within(details).getByText('cls-service')).toBeTruthy();
    expect(within(details).getByText('req-1')).toBeTruthy();
    expect(api.callsTo('GET', '/api/logs/1003')).toHaveLength(1);
    expect(where().get('entry')).toBe('1003');
    // with the details open, the table keeps time, level and message
    expect(within(screen.getByRole('table', { name: 'Log entries' })).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Time',
      'Level',
      'Message',
    ]);

    // narrowing the search from the details
    await user.click(within(details).getByRole('button', { name: 'splunk-prod' }));
    await waitFor(() => expect(lastQuery(api).get('configuration')).toBe('splunk-prod'));

    await user.click(screen.getByRole('button', { name: 'Close details' }));
    await waitFor(() => expect(where().has('entry')).toBe(false));
    expect(api.callsTo('GET', '/api/logs/1003')).toHaveLength(1);
  });

  it('opens the entry named in the address and says when it has expired', async () => {
    render('/logging?level=error&entry=77', {
      'GET /api/logs/:id': () => problem(404, 'Not found', "No log entry with the id '77'; it may have expired (Settings, retention of logs)."),
    });
    expect(await screen.findByText(/it may have expired/)).toBeTruthy();
    expect(screen.getByText('Could not load the entry')).toBeTruthy();
  });

  it('shows an API validation error on the field it concerns', async () => {
    const { api } = render('/logging?text=' + 'x'.repeat(201), {
      'GET /api/logs': () =>
        problem(400, 'Invalid input', "The field 'text' is invalid: must be at most 200 characters", [
          { field: 'text', message: 'must be at most 200 characters' },
        ]),
    });
    expect(await screen.findByText('Search: must be at most 200 characters')).toBeTruthy();
    expect(screen.getByLabelText('Search messages').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Correct the filters marked above to search the log.')).toBeTruthy();
    expect(api.callsTo('GET', '/api/logs')[0].query.get('text')).toHaveLength(201);
  });

  it('shows an error the API gives about no field as an alert, and tries again', async () => {
    let fail = true;
    const { api } = render('/logging', {
      'GET /api/logs': () => (fail ? problem(503, 'Service unavailable', 'The log store is not available.') : { entries, more: false }),
    });
    expect(await screen.findByText('The log store is not available.')).toBeTruthy();
    expect(screen.getByText('The log could not be searched')).toBeTruthy();
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('table', { name: 'Log entries' });
    expect(api.callsTo('GET', '/api/logs')).toHaveLength(2);
  });

  it('says when nothing matches and clears every filter at once', async () => {
    const { api } = render('/logging?level=error&module=cre&range=15m', {
      'GET /api/logs': (call) => (call.query.has('module') ? { entries: [], more: false } : { entries, more: false }),
    });
    expect(await screen.findByRole('heading', { name: 'No entries match these filters' })).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('button', { name: 'Clear all filters' })[0]);
    await screen.findByRole('table', { name: 'Log entries' });
    expect(where().toString()).toBe('');
    const query = lastQuery(api);
    expect(query.has('level')).toBe(false);
    expect(query.has('module')).toBe(false);
    expect(query.has('from')).toBe(false);
  });

  it('says so when the log is empty', async () => {
    render('/logging', { 'GET /api/logs': () => ({ entries: [], more: false }) });
    expect(await screen.findByRole('heading', { name: 'No log entries yet' })).toBeTruthy();
  });

  it('offers a read-only user the whole page and nothing to change', async () => {
    render('/logging', {}, 'read-only');
    await screen.findByRole('table', { name: 'Log entries' });
    expect(screen.queryByRole('button', { name: /delete|edit|save|clear$/i })).toBeNull();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
  });

  it('asks again with Refresh and, with auto-refresh on, puts newer entries on top', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let newer = false;
    const { api } = render('/logging', {
      'GET /api/logs': () => ({
        entries: newer ? [{ id: '1004', time: '2026-11-27T10:00:04Z', level: 'error', module: 'cls', message: 'A newer failure' }, ...entries] : entries,
        more: false,
      }),
    });
    await screen.findByRole('table', { name: 'Log entries' });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(api.callsTo('GET', '/api/logs')).toHaveLength(2));

    await user.click(screen.getByLabelText('Auto-refresh'));
    newer = true;
    await act(async () => {
      vi.advanceTimersByTime(10_500);
    });
    expect(await screen.findByText('A newer failure')).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Log entries' })).getAllByRole('row');
    expect(rows).toHaveLength(5);
    expect(within(rows[1]).getByText('A newer failure')).toBeTruthy();
  });
});
