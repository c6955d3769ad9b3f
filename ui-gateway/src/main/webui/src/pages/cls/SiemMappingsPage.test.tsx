import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, problem, reply } from '../../test-utils';
import { fromLocalInput } from './common';
import { SiemMappingsPage } from './SiemMappingsPage';
import type { HistoricalJob, SiemMapping } from './types';

// the forms are large and the machine may be busy: give each test room
vi.setConfig({ testTimeout: 20000 });

const allAlerts: SiemMapping = {
  name: 'all-alerts',
  source: { tenant: 'acme', alerts: ['malware', 'dlp'], events: [] },
  rule: { severity: { $in: ['high', 'critical'] } },
  mappingFile: 'default-cef',
  destinations: ['syslog-qradar'],
  enabled: true,
  retry: { strategy: 'limited', maxAttempts: 20 },
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T09:30:00Z',
};

const pages: SiemMapping = {
  name: 'page-events',
  source: { tenant: 'acme', alerts: [], events: ['page'] },
  mappingFile: 'splunk',
  destinations: ['splunk-hec', 'syslog-qradar'],
  enabled: false,
  retry: { strategy: 'infinite', maxAttempts: null },
  mute: { until: '2099-01-01T00:00:00Z', reason: 'SIEM maintenance' },
};

const choices = {
  'GET /api/tenants': () => [
    {
      name: 'acme',
      tenantName: 'acme.goskope.com',
      baseUrl: 'https://acme.goskope.com',
      hasV1Token: false,
      hasV2Token: true,
      api: 'v2',
      initialRangeDays: 7,
      useSystemProxy: false,
      createdAt: '2026-02-01T00:00:00Z',
      updatedAt: '2026-02-01T00:00:00Z',
    },
  ],
  'GET /api/cls/configurations': () => [
    { name: 'syslog-qradar', pluginId: 'syslog', pluginName: 'Syslog', pluginVersion: '1.0.0', enabled: true, pollIntervalSeconds: 300, configuration: {} },
    { name: 'splunk-hec', pluginId: 'splunk-hec', pluginName: 'Splunk HEC', pluginVersion: '1.0.0', enabled: true, pollIntervalSeconds: 300, configuration: {} },
  ],
  'GET /api/cls/mapping-files': () => [
    { name: 'default-cef', description: 'Syslog CEF', format: 'CEF', readOnly: true, updatedAt: null },
    { name: 'splunk', description: 'Splunk HEC JSON', format: 'JSON', readOnly: true, updatedAt: null },
    { name: 'my-cef', description: 'ours', format: 'CEF', readOnly: false, updatedAt: '2026-03-01T00:00:00Z' },
  ],
};

describe('SiemMappingsPage', () => {
  it('lists the mappings with their status and details, and a read-only user can change nothing', async () => {
    renderPage(<SiemMappingsPage />, {
      role: 'read-only',
      routes: {
        'GET /api/cls/siem-mappings': () => [allAlerts, pages],
        'GET /api/cls/siem-mappings/:name/historical-pulls': () => [],
      },
    });
    const table = await screen.findByRole('grid', { name: 'SIEM mappings' });
    const row = within(table).getByRole('row', { name: /page-events/ });
    expect(row.textContent).toContain('events: page');
    expect(row.textContent).toContain('Disabled');
    expect(row.textContent).toMatch(/Muted until/);
    expect(within(table).getByRole('row', { name: /all-alerts/ }).textContent).toContain('alerts: malware, dlp');

    expect(screen.queryByRole('button', { name: 'Create SIEM mapping' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit / })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete / })).toBeNull();

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Details of all-alerts' }));
    expect(screen.getByRole('button', { name: 'Details of all-alerts' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText(/"\$in"/)).toBeTruthy();
    expect(screen.getByText('Park after 20 failed deliveries')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Historical pulls of all-alerts' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('No historical pull yet.')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Start pull' })).toBeNull();
  });

  it('creates a mapping from a tenant to a syslog destination', async () => {
    let stored: SiemMapping[] = [];
    const { api } = renderPage(<SiemMappingsPage />, {
      role: 'admin',
      path: '/cls/siem-mappings',
      routes: {
        ...choices,
        'GET /api/cls/siem-mappings': () => stored,
        'POST /api/cls/siem-mappings': (call) => {
          stored = [{ ...(call.body as SiemMapping), createdAt: '2026-03-02T00:00:00Z' }];
          return reply(201, stored[0]);
        },
      },
    });
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByRole('heading', { name: 'No SIEM mappings yet' })).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Create SIEM mapping' })[0]);
    await screen.findByRole('heading', { name: 'New SIEM mapping' });
    await user.type(screen.getByLabelText(/^Name/), 'Malware to QRadar');
    await waitFor(() => expect(screen.getByRole('option', { name: 'acme (acme.goskope.com)' })).toBeTruthy());
    await user.selectOptions(screen.getByLabelText(/^Source tenant/), 'acme');
    await user.click(screen.getByLabelText('malware'));
    await user.click(screen.getByLabelText('page'));
    await user.click(screen.getByLabelText('syslog-qradar'));
    // the shipped CEF file is chosen for a new mapping
    expect((screen.getByLabelText(/^Mapping file/) as HTMLSelectElement).value).toBe('default-cef');
    await user.click(screen.getByLabelText('Rule'));
    await user.paste('{"severity": {"$in": ["high"]}}');
    await user.clear(screen.getByLabelText('Maximum attempts'));
    await user.type(screen.getByLabelText('Maximum attempts'), '5');
    await user.click(screen.getByRole('button', { name: 'Create SIEM mapping' }));

    expect(await screen.findByText('SIEM mapping Malware to QRadar created. The tenant data it needs starts being pulled.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/siem-mappings')[0].body).toEqual({
      name: 'Malware to QRadar',
      source: { tenant: 'acme', alerts: ['malware'], events: ['page'] },
      rule: { severity: { $in: ['high'] } },
      mappingFile: 'default-cef',
      destinations: ['syslog-qradar'],
      enabled: true,
      retry: { strategy: 'limited', maxAttempts: 5 },
      mute: null,
    });
    expect((await screen.findByRole('grid', { name: 'SIEM mappings' })).textContent).toContain('Malware to QRadar');
  });

  it('checks the rule JSON before sending and shows the API field errors on their fields', async () => {
    const { api } = renderPage(<SiemMappingsPage />, {
      role: 'admin',
      path: '/cls/siem-mappings?new',
      routes: {
        ...choices,
        'GET /api/cls/siem-mappings': () => [],
        'POST /api/cls/siem-mappings': () =>
          problem(400, 'Bad Request', 'The request has 4 problems', [
            { field: 'source.tenant', message: 'is required: the name of a Netskope tenant in Open CE' },
            { field: 'source', message: 'name at least one alert subtype or event type' },
            { field: 'rule.$and[0].severity.$gtx', message: "unknown operator '$gtx'" },
            { field: 'destinations', message: 'name at least one Log Shipper destination configuration' },
          ]),
      },
    });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('heading', { name: 'New SIEM mapping' });
    await user.type(screen.getByLabelText(/^Name/), 'broken');
    await user.click(screen.getByLabelText('Rule'));
    await user.paste('{"severity": ');
    expect(screen.getByText(/^Not valid JSON/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create SIEM mapping' }));
    expect(api.callsTo('POST', '/api/cls/siem-mappings')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Rule'));
    await user.paste('{"$and": [{"severity": {"$gtx": 1}}]}');
    expect(screen.queryByText(/^Not valid JSON/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create SIEM mapping' }));
    expect(await screen.findByText('is required: the name of a Netskope tenant in Open CE')).toBeTruthy();
    expect(screen.getByText('name at least one alert subtype or event type')).toBeTruthy();
    expect(screen.getByText("$and[0].severity.$gtx: unknown operator '$gtx'")).toBeTruthy();
    expect(screen.getByText('name at least one Log Shipper destination configuration')).toBeTruthy();
    expect(screen.getByLabelText(/^Source tenant/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The SIEM mapping was not saved')).toBeTruthy();
    // the heading of the form stays: nothing was saved
    expect(screen.getByRole('heading', { name: 'New SIEM mapping' })).toBeTruthy();
  });

  it('edits a mapping: retries for ever and a mute with its rule', async () => {
    const { api } = renderPage(<SiemMappingsPage />, {
      role: 'admin',
      path: '/cls/siem-mappings?mapping=all-alerts',
      routes: {
        ...choices,
        'GET /api/cls/siem-mappings': () => [allAlerts],
        'PUT /api/cls/siem-mappings/:name': (call) => call.body,
      },
    });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('heading', { name: 'SIEM mapping all-alerts' });
    expect((screen.getByLabelText(/^Name/) as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByLabelText('malware') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Rule') as HTMLTextAreaElement).value).toContain('"$in"');
    await user.click(screen.getByLabelText(/^Infinite/));
    expect(screen.queryByLabelText('Maximum attempts')).toBeNull();
    await user.click(screen.getByLabelText('splunk-hec'));
    await user.click(screen.getByLabelText('Mute records for a while'));
    fireEvent.change(screen.getByLabelText(/^Muted until/), { target: { value: '2026-12-24T18:00' } });
    await user.click(screen.getByLabelText('Mute rule'));
    await user.paste('{"alert_type": "policy"}');
    await user.type(screen.getByLabelText('Reason'), 'Change freeze');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('SIEM mapping all-alerts saved.')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/cls/siem-mappings/all-alerts')[0].body).toEqual({
      name: 'all-alerts',
      source: { tenant: 'acme', alerts: ['malware', 'dlp'], events: [] },
      rule: { severity: { $in: ['high', 'critical'] } },
      mappingFile: 'default-cef',
      destinations: ['syslog-qradar', 'splunk-hec'],
      enabled: true,
      retry: { strategy: 'infinite' },
      mute: { until: fromLocalInput('2026-12-24T18:00'), rule: { alert_type: 'policy' }, reason: 'Change freeze' },
    });
  });

  it('needs an end time for a mute before sending', async () => {
    const { api } = renderPage(<SiemMappingsPage />, {
      role: 'admin',
      path: '/cls/siem-mappings?mapping=all-alerts',
      routes: { ...choices, 'GET /api/cls/siem-mappings': () => [allAlerts], 'PUT /api/cls/siem-mappings/:name': (call) => call.body },
    });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('heading', { name: 'SIEM mapping all-alerts' });
    await user.click(screen.getByLabelText('Mute records for a while'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText('is required: when the mute ends')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/cls/siem-mappings/all-alerts')).toHaveLength(0);
  });

  it('deletes a mapping after confirmation', async () => {
    let list = [allAlerts, pages];
    const { api } = renderPage(<SiemMappingsPage />, {
      role: 'admin',
      routes: {
        'GET /api/cls/siem-mappings': () => list,
        'DELETE /api/cls/siem-mappings/:name': (_c, p) => {
          list = list.filter((m) => m.name !== p.name);
          return reply(204);
        },
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Delete page-events' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('splunk-hec, syslog-qradar');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('SIEM mapping page-events deleted.')).toBeTruthy();
    expect(api.callsTo('DELETE', '/api/cls/siem-mappings/page-events')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('row', { name: /page-events/ })).toBeNull());
  });

  it('starts a historical pull, shows the field errors and the progress of each pull', async () => {
    let jobs: HistoricalJob[] = [];
    let attempt = 0;
    const { api } = renderPage(<SiemMappingsPage />, {
      role: 'admin',
      routes: {
        'GET /api/cls/siem-mappings': () => [allAlerts],
        'GET /api/cls/siem-mappings/:name/historical-pulls': () => jobs,
        'POST /api/cls/siem-mappings/:name/historical-pull': (call) => {
          attempt++;
          if (attempt === 1) return problem(400, 'Bad Request', undefined, [{ field: 'from', message: 'must be within the last 90 days' }]);
          const body = call.body as { from: string; to: string };
          const job: HistoricalJob = {
            id: 'j1',
            mapping: 'all-alerts',
            tenant: 'acme',
            from: body.from,
            to: body.to,
            status: 'running',
            records: 120,
            streams: [
              { kind: 'alerts', subtype: 'malware', records: 120, done: true },
              { kind: 'alerts', subtype: 'dlp', records: 0, done: false },
            ],
            requestedAt: '2026-03-02T10:00:00Z',
            requestedBy: 'admin',
          };
          jobs = [job];
          return reply(202, job);
        },
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Historical pulls of all-alerts' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('No historical pull yet.');
    fireEvent.change(within(dialog).getByLabelText(/^From/), { target: { value: '2025-01-01T00:00' } });
    fireEvent.change(within(dialog).getByLabelText(/^To/), { target: { value: '2025-01-02T00:00' } });
    await user.click(within(dialog).getByRole('button', { name: 'Start pull' }));
    expect(await within(dialog).findByText('must be within the last 90 days')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/siem-mappings/all-alerts/historical-pull')[0].body).toEqual({
      from: fromLocalInput('2025-01-01T00:00'),
      to: fromLocalInput('2025-01-02T00:00'),
    });

    await user.click(within(dialog).getByRole('button', { name: 'Start pull' }));
    expect(await within(dialog).findByText(/^Historical pull requested/)).toBeTruthy();
    const pulls = await within(dialog).findByRole('grid', { name: 'Historical pulls' });
    expect(pulls.textContent).toContain('Running');
    expect(pulls.textContent).toContain('1 of 2 types done');
    expect(pulls.textContent).toContain('alerts/malware: 120 ✓');
    expect((await within(dialog).findByTestId('pulls-refreshing')).textContent).toContain('every 3 s');
    expect(within(dialog).queryByText('must be within the last 90 days')).toBeNull();

    // while a pull runs the list is read again by itself
    jobs = [{ ...jobs[0], status: 'done', records: 150, streams: jobs[0].streams.map((s) => ({ ...s, done: true })) }];
    await waitFor(() => expect(within(dialog).getByRole('grid', { name: 'Historical pulls' }).textContent).toContain('2 of 2 types done'), {
      timeout: 4500,
    });
    expect(within(dialog).getByRole('grid', { name: 'Historical pulls' }).textContent).toContain('Done');
  });
});
