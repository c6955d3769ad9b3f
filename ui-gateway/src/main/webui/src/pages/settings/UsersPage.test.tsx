import { vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UsersPage } from './UsersPage';
import { problem, renderPage, reply, type Handler } from '../../test-utils';
import { groupOf, L } from './test-helpers';

// Forms typed key by key are slow on a busy machine; the default 5 s is too tight for them.
vi.setConfig({ testTimeout: 30_000 });

const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const USERS = [
  {
    username: 'admin',
    role: 'super-admin',
    enabled: true,
    mustChangePassword: false,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  },
  {
    username: 'ops',
    role: 'admin',
    enabled: true,
    mustChangePassword: false,
    signInDelayedUntil: iso(10 * 60_000),
    createdAt: '2025-01-02T00:00:00Z',
    updatedAt: '2025-01-03T00:00:00Z',
  },
  {
    username: 'auditor',
    role: 'read-only',
    enabled: false,
    mustChangePassword: true,
    createdAt: '2025-01-02T00:00:00Z',
    updatedAt: '2025-01-03T00:00:00Z',
  },
];

const TOKENS = [
  {
    clientId: 'cetk_soar01',
    name: 'SOAR playbooks',
    role: 'admin',
    createdBy: 'admin',
    createdAt: '2025-03-01T00:00:00Z',
    expiresAt: iso(200 * DAY),
    lastUsedAt: '2025-03-05T00:00:00Z',
  },
  {
    clientId: 'cetk_old',
    name: 'Old exporter',
    role: 'read-only',
    createdBy: 'admin',
    createdAt: '2024-01-01T00:00:00Z',
    expiresAt: iso(-2 * DAY),
  },
  {
    clientId: 'cetk_soon',
    name: 'Nightly report',
    role: 'read-only',
    createdBy: 'admin',
    createdAt: '2025-02-01T00:00:00Z',
    expiresAt: iso(5 * DAY + 3_600_000),
  },
];

function render(routes: Record<string, Handler> = {}, path = '/settings/users', role: 'super-admin' | 'admin' = 'super-admin') {
  return renderPage(<UsersPage />, {
    role,
    path,
    routes: {
      'GET /api/users': () => USERS,
      'GET /api/auth/api-tokens': () => TOKENS,
      'PUT /api/users/:username': (call, p) => ({ ...USERS.find((u) => u.username === p.username), ...(call.body as object) }),
      'DELETE /api/users/:username': () => reply(204),
      'DELETE /api/auth/api-tokens/:clientId': () => reply(204),
      ...routes,
    },
  });
}

const row = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe('Users', () => {
  it('lists the users with their role and state; the built-in admin offers no changes', async () => {
    render();
    await screen.findByRole('table', { name: 'Users' });
    const ops = within(row('ops'));
    expect(ops.getByText('admin')).toBeTruthy();
    expect(ops.getByText(/Sign-ins slowed until/)).toBeTruthy();
    expect(ops.getByRole('button', { name: /Forget failures ops/ })).toBeTruthy();
    expect(ops.getByRole('button', { name: 'Disable ops' })).toBeTruthy();
    const auditor = within(row('auditor'));
    expect(auditor.getByText('Disabled')).toBeTruthy();
    expect(auditor.getByText('Must change password')).toBeTruthy();
    expect(auditor.getByRole('button', { name: 'Enable auditor' })).toBeTruthy();
    const admin = within(row('admin'));
    expect(admin.getByText('Built-in')).toBeTruthy();
    expect(admin.getByText('(you)')).toBeTruthy();
    expect(admin.queryByRole('button', { name: /Delete|Edit|Disable/ })).toBeNull();
  });

  it('filters the list', async () => {
    render();
    await screen.findByRole('table', { name: 'Users' });
    await userEvent.setup({ delay: null }).type(screen.getByRole('textbox', { name: 'Filter users' }), 'read');
    expect(screen.getByRole('row', { name: /^auditor/ })).toBeTruthy();
    expect(screen.queryByRole('row', { name: /^ops/ })).toBeNull();
  });

  it('creates a user with a generated temporary password and shows it to hand over', async () => {
    let list = USERS;
    const { api } = render({
      'GET /api/users': () => list,
      'POST /api/users': (call) => {
        const b = call.body as { username: string; role: string };
        const created = { username: b.username, role: b.role, enabled: true, mustChangePassword: true, createdAt: iso(0), updatedAt: iso(0) };
        list = [...USERS, created];
        return reply(201, created);
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Create user' }));
    const dialog = screen.getByRole('dialog', { name: 'Create user' });
    await user.type(within(dialog).getByLabelText(L('Username')), 'analyst.1');
    await user.selectOptions(within(dialog).getByLabelText(L('Role')), 'admin');
    await user.click(within(dialog).getByRole('button', { name: 'Generate' }));
    const password = (within(dialog).getByLabelText(L('Temporary password')) as HTMLInputElement).value;
    expect(password).toHaveLength(16);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    const done = await screen.findByRole('dialog', { name: 'User analyst.1 created' });
    expect(api.callsTo('POST', '/api/users')[0].body).toEqual({ username: 'analyst.1', role: 'admin', password, enabled: true });
    expect((within(done).getByRole('textbox', { name: 'Temporary password' }) as HTMLInputElement).value).toBe(password);
    await user.click(within(done).getByRole('button', { name: 'Copy the temporary password' }));
    expect(await navigator.clipboard.readText()).toBe(password);
    await user.click(within(done).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('row', { name: /^analyst\.1/ })).toBeTruthy();
  });

  it('shows the API refusal of a new user on the fields, and a conflict as an alert', async () => {
    let attempt = 0;
    const { api } = render({
      'POST /api/users': () =>
        ++attempt === 1
          ? problem(400, 'Invalid input', 'password: the password needs a digit', [{ field: 'password', message: 'the password needs a digit' }])
          : problem(409, 'Conflict', "A user named 'ops' already exists."),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Create user' }));
    const dialog = screen.getByRole('dialog', { name: 'Create user' });
    await user.type(within(dialog).getByLabelText(L('Username')), 'ops');
    await user.type(within(dialog).getByLabelText(L('Temporary password')), 'Secret-pass');
    // the client's hint, before asking
    expect(within(groupOf('Temporary password', dialog)).getByText('Still needs a digit.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(within(groupOf('Temporary password', dialog)).getByText('the password needs a digit')).toBeTruthy());
    expect(within(dialog).getByLabelText(L('Temporary password')).getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).queryByTestId('error-alert')).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect((await within(dialog).findByTestId('error-alert')).textContent).toContain("A user named 'ops' already exists.");
    expect(api.callsTo('POST', '/api/users')).toHaveLength(2);
    expect(screen.getByRole('dialog', { name: 'Create user' })).toBeTruthy();
  });

  it('changes only what was changed of a user', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Edit auditor' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit user auditor' });
    expect((within(dialog).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(within(dialog).getByLabelText(L('Role')), 'admin');
    expect(within(dialog).getByText('Saving signs this user out of every session.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('auditor saved.');
    expect(api.callsTo('PUT', '/api/users/auditor')[0].body).toEqual({ role: 'admin' });
  });

  it('sets a new temporary password and shows it', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Edit ops' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit user ops' });
    await user.type(within(dialog).getByLabelText(L('New temporary password')), 'N3w-Temp!pass');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const done = await screen.findByRole('dialog', { name: 'New password for ops' });
    expect((within(done).getByRole('textbox', { name: 'Temporary password' }) as HTMLInputElement).value).toBe('N3w-Temp!pass');
    expect(api.callsTo('PUT', '/api/users/ops')[0].body).toEqual({ password: 'N3w-Temp!pass' });
  });

  it('disables a user after asking, and enables and unlocks without asking', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Disable ops' }));
    const confirm = screen.getByRole('dialog', { name: /Disable ops\?$/ });
    expect(api.callsTo('PUT', '/api/users/ops')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Disable' }));
    await screen.findByText('ops is disabled.');
    expect(api.callsTo('PUT', '/api/users/ops')[0].body).toEqual({ enabled: false });

    await user.click(screen.getByRole('button', { name: 'Enable auditor' }));
    await screen.findByText('auditor can sign in again.');
    expect(api.callsTo('PUT', '/api/users/auditor')[0].body).toEqual({ enabled: true });

    await user.click(screen.getByRole('button', { name: /Forget failures ops/ }));
    await screen.findByText('The failed sign-ins of ops are forgotten.');
    expect(api.callsTo('PUT', '/api/users/ops')[1].body).toEqual({ enabled: true });
  });

  it('deletes a user after confirmation and shows the refusal of the API in the dialog', async () => {
    let refuse = true;
    const { api } = render({
      'DELETE /api/users/:username': () => (refuse ? problem(409, 'Conflict', 'The built-in admin cannot be deleted.') : reply(204)),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Delete auditor' }));
    const confirm = screen.getByRole('dialog', { name: /Delete auditor\?$/ });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect((await within(confirm).findByTestId('error-alert')).textContent).toContain('cannot be deleted');
    refuse = false;
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await screen.findByText('auditor deleted.');
    expect(api.callsTo('DELETE', '/api/users/auditor')).toHaveLength(2);
    expect(screen.queryByRole('dialog', { name: /Delete auditor\?$/ })).toBeNull();
  });

  it('shows nothing to a user below super-admin and asks the API nothing', async () => {
    const { api } = render({}, '/settings/users', 'admin');
    await screen.findByText('Only the super-admin manages users and API tokens');
    expect(screen.queryByRole('button', { name: 'Create user' })).toBeNull();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(api.callsTo('GET', '/api/users')).toHaveLength(0);
  });

  it('says so when the users cannot be loaded', async () => {
    render({ 'GET /api/users': () => problem(503, 'Service Unavailable', 'tenant-service is not ready') });
    expect((await screen.findByTestId('error-alert')).textContent).toContain('tenant-service is not ready');
  });
});

describe('API tokens', () => {
  it('opens on its tab from the address and lists tokens with their expiry', async () => {
    render({}, '/settings/users?tab=api-tokens');
    await screen.findByRole('table', { name: 'API tokens' });
    expect(screen.getByRole('tab', { name: 'API tokens' }).getAttribute('aria-selected')).toBe('true');
    expect(within(row('Old exporter')).getByText('Expired')).toBeTruthy();
    expect(within(row('Old exporter')).getByText('Never')).toBeTruthy();
    expect(within(row('Nightly report')).getByText('Expires in 5 day(s)')).toBeTruthy();
    expect(within(row('SOAR playbooks')).getByText('cetk_soar01')).toBeTruthy();
    expect(within(row('SOAR playbooks')).queryByText(/Expire/)).toBeNull();
  });

  it('creates a token and shows its secret once, with a warning and a copy button', async () => {
    const created = {
      clientId: 'cetk_new',
      clientSecret: 'cesk_TopSecretValue',
      name: 'SIEM export',
      role: 'read-only',
      createdAt: iso(0),
      expiresAt: iso(30 * DAY),
    };
    const { api } = render({ 'POST /api/auth/api-tokens': () => reply(201, created) });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: 'API tokens' }));
    await user.click(await screen.findByRole('button', { name: 'Create API token' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API token' });
    await user.type(within(dialog).getByLabelText(L('Name')), 'SIEM export');
    await user.clear(within(dialog).getByLabelText(L('Expires in (days)')));
    await user.type(within(dialog).getByLabelText(L('Expires in (days)')), '30');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    const shown = await screen.findByRole('dialog', { name: 'API token SIEM export created' });
    expect(api.callsTo('POST', '/api/auth/api-tokens')[0].body).toEqual({ name: 'SIEM export', role: 'read-only', expiresInDays: 30 });
    expect(within(shown).getByText('Copy the client secret now')).toBeTruthy();
    expect(within(shown).getByText(/shown only this once/)).toBeTruthy();
    expect((within(shown).getByRole('textbox', { name: 'Client secret' }) as HTMLInputElement).value).toBe('cesk_TopSecretValue');
    expect((within(shown).getByRole('textbox', { name: 'Client ID' }) as HTMLInputElement).value).toBe('cetk_new');
    await user.click(within(shown).getByRole('button', { name: 'Copy the client secret' }));
    expect(await navigator.clipboard.readText()).toBe('cesk_TopSecretValue');
    await user.click(within(shown).getByRole('button', { name: 'I have copied the secret' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByDisplayValue('cesk_TopSecretValue')).toBeNull();
    expect(screen.queryByText('cesk_TopSecretValue')).toBeNull();
    expect(api.callsTo('GET', '/api/auth/api-tokens')).toHaveLength(2);
  });

  it('keeps the expiry within 1 to 365 days and shows the API refusal on the field', async () => {
    const { api } = render({
      'POST /api/auth/api-tokens': () => problem(400, 'Invalid input', 'name: must be at most 100 characters', [{ field: 'name', message: 'must be at most 100 characters' }]),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: 'API tokens' }));
    await user.click(await screen.findByRole('button', { name: 'Create API token' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API token' });
    await user.type(within(dialog).getByLabelText(L('Name')), 'x');
    await user.selectOptions(within(dialog).getByLabelText(L('Role')), 'admin');
    await user.clear(within(dialog).getByLabelText(L('Expires in (days)')));
    await user.type(within(dialog).getByLabelText(L('Expires in (days)')), '400');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(groupOf('Expires in (days)', dialog)).getByText('must be 1 to 365 days')).toBeTruthy();
    expect(api.callsTo('POST', '/api/auth/api-tokens')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText(L('Expires in (days)')));
    await user.type(within(dialog).getByLabelText(L('Expires in (days)')), '365');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(within(groupOf('Name', dialog)).getByText('must be at most 100 characters')).toBeTruthy());
    expect(api.callsTo('POST', '/api/auth/api-tokens')[0].body).toEqual({ name: 'x', role: 'admin', expiresInDays: 365 });
  });

  it('deletes a token after confirmation', async () => {
    const { api } = render({}, '/settings/users?tab=api-tokens');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Delete API token Old exporter' }));
    const confirm = screen.getByRole('dialog', { name: /Delete the API token Old exporter\?$/ });
    expect(within(confirm).getByText('cetk_old')).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await screen.findByText('API token Old exporter deleted.');
    expect(api.callsTo('DELETE', '/api/auth/api-tokens/cetk_old')).toHaveLength(1);
  });

  it('explains API tokens when there are none', async () => {
    render({ 'GET /api/auth/api-tokens': () => [] }, '/settings/users?tab=api-tokens');
    await screen.findByText('No API tokens');
    expect(screen.getByRole('button', { name: 'Create the first API token' })).toBeTruthy();
  });
});
