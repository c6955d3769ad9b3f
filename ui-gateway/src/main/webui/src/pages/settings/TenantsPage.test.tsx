import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { TenantsPage } from './TenantsPage';
import { problem, renderPage, reply, type Handler } from '../../test-utils';
import { groupOf, L } from './test-helpers';
import type { Role } from '../../auth/AuthContext';

// Forms typed key by key are slow on a busy machine; the default 5 s is too tight for them.
vi.setConfig({ testTimeout: 30_000 });

const TENANTS = [
  {
    name: 'production',
    tenantName: 'acme',
    baseUrl: 'https://acme.goskope.com',
    hasV1Token: true,
    hasV2Token: true,
    api: 'v2',
    initialRangeDays: 7,
    useSystemProxy: true,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-05T00:00:00Z',
  },
  {
    name: 'lab',
    tenantName: 'https://lab.eu.goskope.com',
    baseUrl: 'https://lab.eu.goskope.com',
    hasV1Token: true,
    hasV2Token: false,
    api: 'v1',
    initialRangeDays: 3,
    useSystemProxy: false,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-02T00:00:00Z',
  },
];

const INGEST = {
  tenant: 'production',
  api: 'v2',
  paused: false,
  streams: [
    {
      kind: 'alerts',
      subtype: 'dlp',
      neededBy: ['cls:splunk-prod', 'cto:servicenow'],
      state: 'running',
      recordsPulled: 123456,
      batchesPublished: 40,
      pages: 41,
      resentPages: 1,
      resentRecords: 200,
      unconfirmedRecords: 0,
      malformedElements: 17,
      cutPages: 1,
      lastPageAt: '2025-03-01T10:00:00Z',
      highWaterMark: 1740823200,
      lagSeconds: 95,
      backoffSeconds: 0,
      pulledBy: 'core-service-1',
    },
    {
      kind: 'events',
      subtype: 'page',
      neededBy: ['cls:splunk-prod'],
      state: 'backoff',
      recordsPulled: 10,
      batchesPublished: 1,
      pages: 1,
      resentPages: 0,
      resentRecords: 0,
      unconfirmedRecords: 0,
      backoffSeconds: 30,
      lastError: 'HTTP 429 from the tenant: rate limited',
      pulledBy: 'core-service-1',
    },
  ],
};

function render(role: Role = 'admin', routes: Record<string, Handler> = {}) {
  return renderPage(<TenantsPage />, {
    role,
    path: '/settings/tenants',
    routes: {
      'GET /api/tenants': () => TENANTS,
      'GET /api/tenants/:name/ingest': () => INGEST,
      'DELETE /api/tenants/:name': () => reply(204),
      ...routes,
    },
  });
}

const row = (name: string) => screen.getByTestId(`tenant-${name}`);

describe('Netskope tenants', () => {
  it('lists the tenants with which tokens are set, without edit controls for read-only users', async () => {
    const { api } = render('read-only');
    await screen.findByRole('table', { name: 'Netskope tenants' });
    const production = within(row('production'));
    expect(production.getByText('https://acme.goskope.com')).toBeTruthy();
    expect(production.getByText('v2 set')).toBeTruthy();
    expect(production.getByText('v1 set')).toBeTruthy();
    expect(production.getByText('through the system proxy')).toBeTruthy();
    expect(within(row('lab')).getByText('v2 not set')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add tenant' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Edit|Delete|Test connection)/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    // but the ingest status is for everyone
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Ingest status of production' }));
    await screen.findByRole('table', { name: 'Ingest of production' });
    expect(api.callsTo('GET', '/api/tenants/production/ingest')).toHaveLength(1);
  });

  it('shows the ingest per data type and refreshes it every 10 s while open', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { api } = render('read-only');
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const toggle = await screen.findByRole('button', { name: 'Ingest status of production' });
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      await user.click(toggle);
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      const table = await screen.findByRole('table', { name: 'Ingest of production' });
      const alerts = within(within(table).getByRole('row', { name: /alerts \/ dlp/ }));
      expect(alerts.getByText('running')).toBeTruthy();
      expect(alerts.getByText('123,456')).toBeTruthy();
      expect(alerts.getByText(/40 batches, 41 pages; 1 pages \(200 records\) resent/)).toBeTruthy();
      expect(alerts.getByText(/17 elements set aside, 1 pages cut/)).toBeTruthy();
      expect(alerts.getByText('cls:splunk-prod')).toBeTruthy();
      expect(alerts.getByText('cto:servicenow')).toBeTruthy();
      expect(alerts.getByText('lag 1 min 35 s')).toBeTruthy();
      expect(alerts.getByText('by core-service-1')).toBeTruthy();
      const events = within(within(table).getByRole('row', { name: /events \/ page/ }));
      expect(events.getByText('backoff')).toBeTruthy();
      expect(events.getByText('retry in 30 s')).toBeTruthy();
      expect(events.queryByText(/set aside/)).toBeNull();
      expect(events.getByText('HTTP 429 from the tenant: rate limited')).toBeTruthy();
      expect(api.callsTo('GET', '/api/tenants/production/ingest')).toHaveLength(1);

      await act(async () => {
        vi.advanceTimersByTime(10_000);
      });
      await waitFor(() => expect(api.callsTo('GET', '/api/tenants/production/ingest')).toHaveLength(2));

      // closed: no more refreshes
      await user.click(toggle);
      expect(screen.queryByRole('table', { name: 'Ingest of production' })).toBeNull();
      await act(async () => {
        vi.advanceTimersByTime(30_000);
      });
      expect(api.callsTo('GET', '/api/tenants/production/ingest')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when the ingest does not know the tenant, and when pulling is paused', async () => {
    render('read-only', {
      'GET /api/tenants/:name/ingest': (_c, p) =>
        p.name === 'lab'
          ? problem(404, 'Not Found', "No tenant named 'lab' is known to the ingest.")
          : { ...INGEST, paused: true, pauseReason: 'free disk space under /data is 80 MiB' },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Ingest status of lab' }));
    expect(await screen.findByText('Not pulled yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ingest status of production' }));
    expect(await screen.findByText('Pulling is paused for every tenant')).toBeTruthy();
    expect(screen.getByText('free disk space under /data is 80 MiB')).toBeTruthy();
  });

  it('adds a tenant after testing the form', async () => {
    let list = TENANTS;
    const { api } = render('admin', {
      'GET /api/tenants': () => list,
      'POST /api/tenants/test': () => ({
        ok: true,
        baseUrl: 'https://newco.goskope.com',
        checks: [{ token: 'v2', ok: true, stage: 'ok', detail: 'The v2 token works: data export of alerts is readable.' }],
      }),
      'POST /api/tenants': (call) => {
        const f = call.body as { name: string };
        const created = { ...TENANTS[0], name: f.name, tenantName: 'newco', baseUrl: 'https://newco.goskope.com', hasV1Token: false, useSystemProxy: false };
        list = [...TENANTS, created];
        return reply(201, created);
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Add tenant' }));
    const dialog = screen.getByRole('dialog', { name: 'Add tenant' });
    await user.type(within(dialog).getByLabelText(L('Name')), 'newco');
    await user.type(within(dialog).getByLabelText(L('Tenant')), 'newco');
    expect(within(dialog).getByText('Base URL: https://newco.goskope.com')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('REST API v2 token'), 'v2-secret-token');
    await user.clear(within(dialog).getByLabelText('History on the first pull (days)'));
    await user.type(within(dialog).getByLabelText('History on the first pull (days)'), '14');

    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    const result = await within(dialog).findByTestId('tenant-test-result');
    expect(result.textContent).toContain('The connection works');
    expect(within(result).getByTestId('check-v2').textContent).toContain('The v2 token works');
    const form = {
      name: 'newco',
      tenantName: 'newco',
      v1Token: null,
      v2Token: 'v2-secret-token',
      initialRangeDays: 14,
      useSystemProxy: false,
    };
    expect(api.callsTo('POST', '/api/tenants/test')[0].body).toEqual(form);
    expect(api.callsTo('POST', '/api/tenants')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Add tenant' }));
    await screen.findByText('Tenant newco added.');
    expect(api.callsTo('POST', '/api/tenants')[0].body).toEqual(form);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByTestId('tenant-newco')).toBeTruthy();
  });

  it('shows what failed in a test of the form, per token', async () => {
    render('admin', {
      'POST /api/tenants/test': () => ({
        ok: false,
        baseUrl: 'https://acme.goskope.com',
        checks: [
          { token: 'v2', ok: false, stage: 'scope', detail: 'HTTP 403: the token lacks /api/v2/events/dataexport/alerts/dlp' },
          { token: 'v1', ok: true, stage: 'ok', detail: 'The v1 token works: alerts are readable.' },
        ],
      }),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Add tenant' }));
    const dialog = screen.getByRole('dialog', { name: 'Add tenant' });
    await user.type(within(dialog).getByLabelText(L('Name')), 'acme');
    await user.type(within(dialog).getByLabelText(L('Tenant')), 'acme');
    await user.type(within(dialog).getByLabelText('REST API v2 token'), 'v2');
    await user.type(within(dialog).getByLabelText('Legacy v1 token'), 'v1');
    await user.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    const result = await within(dialog).findByTestId('tenant-test-result');
    expect(result.textContent).toContain('The connection test failed');
    expect(within(result).getByTestId('check-v2').textContent).toContain('Failed: Permission (scope)');
    expect(within(result).getByTestId('check-v2').textContent).toContain('lacks /api/v2/events/dataexport/alerts/dlp');
    expect(within(result).getByTestId('check-v1').textContent).toContain('OK');
  });

  it('says which required fields are empty instead of silently disabling Add tenant', async () => {
    const { api } = render('admin');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Add tenant' }));
    const dialog = screen.getByRole('dialog', { name: 'Add tenant' });
    const add = within(dialog).getByRole('button', { name: 'Add tenant' }) as HTMLButtonElement;
    expect(add.disabled).toBe(false);
    await user.click(add);
    expect(within(groupOf('Name', dialog)).getByText(/is required: a name for this tenant/)).toBeTruthy();
    expect(within(groupOf('Tenant', dialog)).getByText(/is required: the tenant's subdomain/)).toBeTruthy();
    expect(api.callsTo('POST', '/api/tenants')).toHaveLength(0);
  });

  it('shows the API refusal on the fields', async () => {
    const { api } = render('admin', {
      'POST /api/tenants': () =>
        problem(400, 'Invalid input', 'Give at least one of v1Token and v2Token.', [
          { field: 'v2Token', message: 'give a v2 token (preferred) or a v1 token' },
          { field: 'v1Token', message: 'give a v2 token (preferred) or a v1 token' },
          { field: 'name', message: 'must be 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit' },
        ]),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Add tenant' }));
    const dialog = screen.getByRole('dialog', { name: 'Add tenant' });
    await user.type(within(dialog).getByLabelText(L('Name')), 'Prod');
    await user.type(within(dialog).getByLabelText(L('Tenant')), 'acme');
    await user.click(within(dialog).getByRole('button', { name: 'Add tenant' }));
    await waitFor(() =>
      expect(within(groupOf('REST API v2 token', dialog)).getByText('give a v2 token (preferred) or a v1 token')).toBeTruthy(),
    );
    expect(within(groupOf('Legacy v1 token', dialog)).getByText('give a v2 token (preferred) or a v1 token')).toBeTruthy();
    expect(within(groupOf('Name', dialog)).getByText(/must be 1 to 63 lower-case letters/)).toBeTruthy();
    expect(within(dialog).getByLabelText(L('Name')).getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('POST', '/api/tenants')[0].body).toMatchObject({ name: 'Prod', v1Token: null, v2Token: null });
  });

  it('edits a tenant: empty tokens stay, a removed token is sent empty, the name cannot change', async () => {
    const { api } = render('admin', {
      'PUT /api/tenants/:name': (call) => ({ ...TENANTS[0], ...(call.body as object), hasV1Token: false }),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Edit production' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit tenant production' });
    expect((within(dialog).getByLabelText(L('Name')) as HTMLInputElement).disabled).toBe(true);
    expect(within(groupOf('REST API v2 token', dialog)).getByText('Set')).toBeTruthy();
    expect((within(dialog).getByLabelText('REST API v2 token') as HTMLInputElement).value).toBe('');
    await user.click(within(dialog).getByLabelText('Remove the stored v1 token'));
    await user.click(within(dialog).getByRole('switch', { name: 'Use the system proxy' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Tenant production saved.');
    expect(api.callsTo('PUT', '/api/tenants/production')[0].body).toEqual({
      name: 'production',
      tenantName: 'acme',
      v1Token: '',
      v2Token: null,
      initialRangeDays: 7,
      useSystemProxy: false,
    });
  });

  it('tests the stored tokens of a saved tenant and can test again', async () => {
    let n = 0;
    const { api } = render('admin', {
      'POST /api/tenants/:name/test': () =>
        ++n === 1
          ? { ok: false, baseUrl: 'https://lab.eu.goskope.com', checks: [{ token: 'v1', ok: false, stage: 'dns', detail: 'lab.eu.goskope.com is not known to DNS' }] }
          : { ok: true, baseUrl: 'https://lab.eu.goskope.com', checks: [{ token: 'v1', ok: true, stage: 'ok', detail: 'The v1 token works: alerts are readable.' }] },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Test connection of lab' }));
    const dialog = screen.getByRole('dialog', { name: 'Connection test of lab' });
    const result = await within(dialog).findByTestId('tenant-test-result');
    expect(result.textContent).toContain('Failed: DNS lookup');
    expect(result.textContent).toContain('lab.eu.goskope.com is not known to DNS');
    await user.click(within(dialog).getByRole('button', { name: 'Test again' }));
    await waitFor(() => expect(within(dialog).getByTestId('tenant-test-result').textContent).toContain('The connection works'));
    expect(api.callsTo('POST', '/api/tenants/lab/test')).toHaveLength(2);
  });

  it('deletes a tenant after confirmation', async () => {
    const { api } = render('admin');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Delete lab' }));
    const confirm = screen.getByRole('dialog', { name: /Delete the tenant lab\?$/ });
    expect(api.callsTo('DELETE', '/api/tenants/lab')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Tenant lab deleted.');
    expect(api.callsTo('DELETE', '/api/tenants/lab')).toHaveLength(1);
  });

  it('invites an admin to add the first tenant, and tells others who can', async () => {
    render('admin', { 'GET /api/tenants': () => [] });
    expect(await screen.findByRole('button', { name: 'Add the first tenant' })).toBeTruthy();
  });

  it('tells a read-only user who adds tenants when there are none', async () => {
    render('read-only', { 'GET /api/tenants': () => [] });
    expect(await screen.findByText('An admin adds the Netskope tenants Open CE pulls from.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Add/ })).toBeNull();
  });
});
