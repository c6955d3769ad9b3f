import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { problem, renderPage, where, Where, type ApiCall } from '../../test-utils';
import { AuditPage } from './AuditPage';
import { describeAction, diff, flatten, type AuditEntry } from './auditModel';

const updated: AuditEntry = {
  id: 'a-3',
  at: '2026-11-27T10:15:00.120Z',
  action: 'tenant.updated',
  target: 'tenant:acme',
  actor: 'ops',
  actorRole: 'admin',
  from: '203.0.113.7',
  requestId: 'req-77',
  service: 'tenant-service',
  before: { name: 'acme', tenantName: 'acme', initialRangeDays: 7, useSystemProxy: false, hasV2Token: true },
  after: { name: 'acme', tenantName: 'acme-eu', initialRangeDays: 14, useSystemProxy: false, v2Token: '********' },
};
const created: AuditEntry = {
  id: 'a-2',
  at: '2026-11-27T10:10:00Z',
  action: 'user.created',
  target: 'user:ro',
  actor: 'admin',
  actorRole: 'super-admin',
  from: '198.51.100.2',
  service: 'tenant-service',
  after: { username: 'ro', role: 'read-only' },
};
const event: AuditEntry = {
  id: 'a-1',
  at: '2026-11-27T10:00:00Z',
  action: 'auth.password.changed',
  target: 'user:ops',
  actor: 'ops',
  actorRole: 'admin',
  service: 'tenant-service',
};
const entries = [updated, created, event];

function render(
  path = '/audit',
  routes: Record<string, (call: ApiCall, params: Record<string, string>) => unknown> = {},
  role: 'read-only' | 'admin' | 'super-admin' = 'admin',
) {
  return renderPage(
    <>
      <AuditPage />
      <Where />
    </>,
    { path, role, routes: { 'GET /api/audit': () => entries, ...routes } },
  );
}

const lastQuery = (api: { callsTo: (m: string, p: string) => ApiCall[] }) => {
  const calls = api.callsTo('GET', '/api/audit');
  return calls[calls.length - 1].query;
};

describe('Audit trail page', () => {
  it('lists who changed what, when and from where, newest first', async () => {
    const { api } = render();
    const table = await screen.findByRole('table', { name: 'Audit entries' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[1]).getByText('ops')).toBeTruthy();
    expect(within(rows[1]).getByText('admin')).toBeTruthy();
    expect(within(rows[1]).getByText('Tenant updated')).toBeTruthy();
    expect(within(rows[1]).getByText('tenant.updated')).toBeTruthy();
    expect(within(rows[1]).getByText('changed')).toBeTruthy();
    expect(within(rows[1]).getByText('tenant:acme')).toBeTruthy();
    expect(within(rows[1]).getByText('203.0.113.7')).toBeTruthy();
    expect(within(rows[2]).getByText('created')).toBeTruthy();
    expect(within(rows[3]).getByText('Auth password changed')).toBeTruthy();
    expect(screen.getByTestId('audit-summary').textContent).toContain('3 changes shown');
    expect(screen.getByText('That is every change matching these filters.')).toBeTruthy();
    expect(Object.fromEntries(api.callsTo('GET', '/api/audit')[0].query)).toEqual({ limit: '100' });
  });

  it('takes its filters from the address', async () => {
    const { api } = render('/audit?action=tenant.&actor=ops&target=tenant:acme&range=7d&limit=250');
    await screen.findByRole('table', { name: 'Audit entries' });
    const query = api.callsTo('GET', '/api/audit')[0].query;
    expect(query.get('action')).toBe('tenant.');
    expect(query.get('actor')).toBe('ops');
    expect(query.get('target')).toBe('tenant:acme');
    expect(query.get('limit')).toBe('250');
    const from = new Date(query.get('from')!).getTime();
    expect(Math.abs(Date.now() - 7 * 86_400_000 - from)).toBeLessThan(5000);
    expect(query.has('to')).toBe(false);
    expect((screen.getByLabelText('Action') as HTMLInputElement).value).toBe('tenant.');
    expect((screen.getByLabelText('Time range') as HTMLSelectElement).value).toBe('7d');
  });

  it('filters by actor once typing pauses and keeps it in the address', async () => {
    const { api } = render();
    await screen.findByRole('table', { name: 'Audit entries' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Actor'), 'ops');
    await waitFor(() => expect(lastQuery(api).get('actor')).toBe('ops'));
    expect(api.callsTo('GET', '/api/audit').map((c) => c.query.get('actor'))).toEqual([null, 'ops']);
    expect(where().get('actor')).toBe('ops');
    await user.selectOptions(screen.getByLabelText('Entries per page'), '50');
    await waitFor(() => expect(lastQuery(api).get('limit')).toBe('50'));
    expect(lastQuery(api).get('actor')).toBe('ops');
  });

  it('shows an entry in full with its changes field by field, and narrows to its actor', async () => {
    const { api } = render();
    await screen.findByRole('table', { name: 'Audit entries' });
    const user = userEvent.setup();
    const toggle = screen.getByRole('button', { name: 'Show details: tenant.updated tenant:acme' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    const details = screen.getByTestId('audit-details-a-3');
    expect(within(details).getByText('req-77')).toBeTruthy();
    expect(within(details).getByText('ops (admin)')).toBeTruthy();
    expect(within(details).getByText('tenant-service')).toBeTruthy();
    expect(within(details).getByText('203.0.113.7')).toBeTruthy();
    const changes = within(details).getByRole('table', { name: 'Changes of tenant.updated' });
    const rows = within(changes).getAllByRole('row');
    const text = rows.map((r) => r.textContent);
    expect(text).toContain('tenantNameacmeacme-eu');
    expect(text).toContain('initialRangeDays714');
    expect(text).toContain('hasV2Tokentrueremoved');
    expect(text).toContain('v2Tokennot set********');
    expect(text.some((t) => t?.startsWith('name'))).toBe(false); // unchanged fields are left out
    expect(screen.getByRole('button', { name: 'Hide details: tenant.updated tenant:acme' }).getAttribute('aria-expanded')).toBe('true');

    await user.click(within(details).getByRole('button', { name: 'Show the full before and after' }));
    expect(within(details).getAllByText(/"useSystemProxy": false/, { selector: 'code' })).toHaveLength(2);
    expect(within(details).getByText(/"initialRangeDays": 14/, { selector: 'code' })).toBeTruthy();

    await user.click(within(details).getByRole('button', { name: 'Only changes by ops' }));
    await waitFor(() => expect(lastQuery(api).get('actor')).toBe('ops'));
    expect(where().get('actor')).toBe('ops');
  });

  it('shows what a creation set and says when an entry has no state', async () => {
    render();
    await screen.findByRole('table', { name: 'Audit entries' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Show details: user.created user:ro' }));
    const details = screen.getByTestId('audit-details-a-2');
    expect(within(details).getByText('Created with')).toBeTruthy();
    expect(within(details).queryByRole('columnheader', { name: 'Before' })).toBeNull();
    expect(within(details).getByText('read-only')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show details: auth.password.changed user:ops' }));
    expect(within(screen.getByTestId('audit-details-a-1')).getByText(/without a before or after state/)).toBeTruthy();
  });

  it('pages back by time without losing or repeating entries of the same millisecond', async () => {
    const first: AuditEntry[] = Array.from({ length: 50 }, (_, i) => ({
      id: `p1-${i}`,
      at: new Date(Date.UTC(2026, 10, 27, 12, 0, 0) - i * 1000).toISOString(),
      action: 'settings.updated',
      target: 'settings',
      actor: 'admin',
    }));
    const oldest = first[49];
    const second: AuditEntry[] = [
      oldest, // the same millisecond comes again and is left out
      { id: 'p2-0', at: oldest.at, action: 'plugin.enabled', target: 'plugin:syslog', actor: 'ops' },
      { id: 'p2-1', at: '2026-11-27T11:00:00Z', action: 'tenant.deleted', target: 'tenant:old', actor: 'ops', before: { name: 'old' } },
    ];
    const { api } = render('/audit?limit=50&range=24h', {
      'GET /api/audit': (call) => (call.query.has('to') ? second : first),
    });
    await screen.findByRole('table', { name: 'Audit entries' });
    expect(screen.getByTestId('audit-summary').textContent).toContain('older ones can be loaded');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Load older' }));
    await screen.findByText('tenant:old');
    const calls = api.callsTo('GET', '/api/audit');
    expect(calls).toHaveLength(2);
    expect(calls[1].query.get('to')).toBe(new Date(new Date(oldest.at).getTime() + 1).toISOString());
    expect(calls[1].query.get('from')).toBe(calls[0].query.get('from'));
    expect(calls[1].query.get('limit')).toBe('50');
    expect(within(screen.getByRole('table', { name: 'Audit entries' })).getAllByTestId(/^audit-row-/)).toHaveLength(52);
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('shows an API validation error on the field it concerns', async () => {
    const { api } = render('/audit?from=yesterday', {
      'GET /api/audit': () =>
        problem(400, 'Invalid input', "The field 'from' is invalid: must be an ISO-8601 instant, e.g. 2026-11-27T05:00:00Z", [
          { field: 'from', message: 'must be an ISO-8601 instant, e.g. 2026-11-27T05:00:00Z' },
        ]),
    });
    expect(await screen.findByText('From must be an ISO-8601 instant, e.g. 2026-11-27T05:00:00Z')).toBeTruthy();
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Correct the filters marked above to search the audit trail.')).toBeTruthy();
    expect(api.callsTo('GET', '/api/audit')[0].query.get('from')).toBe('yesterday');
  });

  it('shows other errors as an alert', async () => {
    render('/audit', { 'GET /api/audit': () => problem(502, 'Upstream unavailable', 'core-service is not reachable.') });
    expect(await screen.findByText('core-service is not reachable.')).toBeTruthy();
    expect(screen.getByText('The audit trail could not be read')).toBeTruthy();
  });

  it('says when nothing matches and clears the filters', async () => {
    const { api } = render('/audit?target=tenant:none', {
      'GET /api/audit': (call) => (call.query.has('target') ? [] : entries),
    });
    expect(await screen.findByRole('heading', { name: 'No changes match these filters' })).toBeTruthy();
    await userEvent.setup().click(screen.getAllByRole('button', { name: 'Clear all filters' })[0]);
    await screen.findByRole('table', { name: 'Audit entries' });
    expect(lastQuery(api).has('target')).toBe(false);
    expect(where().has('target')).toBe(false);
  });

  it('is not shown to a read-only user and does not ask the API', async () => {
    const { api } = render('/audit', {}, 'read-only');
    expect(await screen.findByRole('heading', { name: 'Not available to your role' })).toBeTruthy();
    expect(api.callsTo('GET', '/api/audit')).toHaveLength(0);
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('audit model', () => {
  it('flattens nested state and finds what changed', () => {
    expect([...flatten({ a: { b: 1, c: [1, { d: 2 }] }, e: {} }).entries()]).toEqual([
      ['a.b', 1],
      ['a.c[0]', 1],
      ['a.c[1].d', 2],
      ['e', {}],
    ]);
    expect(diff({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'y' }, d: true })).toEqual([
      { field: 'b.c', before: 'x', after: 'y', inBefore: true, inAfter: true },
      { field: 'd', before: undefined, after: true, inBefore: false, inAfter: true },
    ]);
    expect(describeAction('siem-mapping.historical-pull')).toBe('Siem mapping historical pull');
  });
});
