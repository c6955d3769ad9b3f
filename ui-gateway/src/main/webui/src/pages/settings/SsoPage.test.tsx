import { vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SsoPage } from './SsoPage';
import { problem, renderPage, type Handler } from '../../test-utils';
import { groupOf, L } from './test-helpers';

// Forms typed key by key are slow on a busy machine; the default 5 s is too tight for them.
vi.setConfig({ testTimeout: 30_000 });

const VIEW = {
  enabled: true,
  issuer: 'https://idp.example.com/realms/corp',
  clientId: 'open-ce',
  hasClientSecret: true,
  scopes: ['openid', 'profile', 'email'],
  groupsClaim: 'groups',
  usernameClaim: 'preferred_username',
  roleMapping: { 'ce-admins': 'admin', 'soc-analysts': 'read-only' },
  localLoginAllowed: true,
  callbackPath: '/api/auth/sso/callback',
};

/** The defaults tenant-service answers before anything was saved. */
const UNSET = {
  enabled: false,
  hasClientSecret: false,
  scopes: ['openid', 'profile', 'email'],
  groupsClaim: 'groups',
  usernameClaim: 'preferred_username',
  roleMapping: {},
  localLoginAllowed: true,
  callbackPath: '/api/auth/sso/callback',
};

function render(routes: Record<string, Handler> = {}, role: 'super-admin' | 'admin' = 'super-admin') {
  return renderPage(<SsoPage />, {
    role,
    path: '/settings/sso',
    routes: {
      'GET /api/auth/sso/settings': () => VIEW,
      'PUT /api/auth/sso/settings': (call) => {
        const b = call.body as Record<string, unknown>;
        return { ...b, clientSecret: undefined, hasClientSecret: b.clientSecret === null ? VIEW.hasClientSecret : b.clientSecret !== '', callbackPath: '/api/auth/sso/callback' };
      },
      ...routes,
    },
  });
}

describe('Single sign-on', () => {
  it('shows the settings, the redirect URI to register and whether a secret is stored', async () => {
    render();
    const issuer = await screen.findByLabelText(L('Issuer URL'));
    expect((issuer as HTMLInputElement).value).toBe('https://idp.example.com/realms/corp');
    expect((screen.getByRole('switch', { name: 'Sign in with the identity provider' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('textbox', { name: 'Redirect URI' }) as HTMLInputElement).value).toBe(
      `${window.location.origin}/api/auth/sso/callback`,
    );
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('');
    expect(within(groupOf('Client secret')).getByText(/A client secret is stored/)).toBeTruthy();
    expect((screen.getByLabelText('Scopes') as HTMLInputElement).value).toBe('openid profile email');
    expect((screen.getByRole('textbox', { name: 'IdP group 1' }) as HTMLInputElement).value).toBe('ce-admins');
    expect((screen.getByRole('combobox', { name: 'Role of group 1' }) as HTMLSelectElement).value).toBe('admin');
    expect((screen.getByRole('textbox', { name: 'IdP group 2' }) as HTMLInputElement).value).toBe('soc-analysts');
    expect(screen.getByText('Single sign-on is on')).toBeTruthy();
  });

  it('tests the issuer of the form without saving, and shows a problem on the Issuer field', async () => {
    let answer: unknown = {
      issuer: 'https://idp.example.com/realms/corp',
      authorizationEndpoint: 'https://idp.example.com/realms/corp/auth',
      tokenEndpoint: 'https://idp.example.com/realms/corp/token',
      jwksUri: 'https://idp.example.com/realms/corp/certs',
      signingKeys: 2,
    };
    const { api } = render({ 'POST /api/auth/sso/test': () => answer });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Test the issuer' }));
    expect((await screen.findByTestId('sso-test-result')).textContent).toContain(
      '2 signing key(s) at https://idp.example.com/realms/corp/certs',
    );
    expect(api.callsTo('POST', '/api/auth/sso/test')[0].body).toEqual({
      issuer: 'https://idp.example.com/realms/corp',
      clientId: VIEW.clientId,
    });
    expect(api.callsTo('PUT', '/api/auth/sso/settings')).toHaveLength(0);

    answer = problem(400, 'Invalid request', undefined, [
      { field: 'issuer', message: 'the discovery document https://idp.example.com/realms/corp/.well-known/openid-configuration answered HTTP 404' },
    ]);
    await user.click(screen.getByRole('button', { name: 'Test the issuer' }));
    expect(await within(groupOf('Issuer URL')).findByText(/answered HTTP 404/)).toBeTruthy();
    expect(screen.queryByTestId('sso-test-result')).toBeNull();
  });

  it('saves the form in the shape of SsoModels.Settings, keeping the stored secret', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.clear(await screen.findByLabelText('Scopes'));
    await user.type(screen.getByLabelText('Scopes'), 'openid email groups');
    await user.click(screen.getByRole('button', { name: 'Remove mapping 2' }));
    await user.click(screen.getByRole('button', { name: 'Add group mapping' }));
    await user.type(screen.getByRole('textbox', { name: 'IdP group 2' }), 'ce-viewers');
    await user.click(screen.getByRole('button', { name: 'Add group mapping' }));
    await user.type(screen.getByRole('textbox', { name: 'IdP group 3' }), 'ce-operators');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of group 3' }), 'admin');
    await user.click(screen.getByRole('switch', { name: 'Local users may also sign in with a password' }));
    expect(screen.getByText(/Only the built-in admin can still sign in with a password/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('Single sign-on settings saved. The sign-in page offers single sign-on.');
    expect(api.callsTo('PUT', '/api/auth/sso/settings')[0].body).toEqual({
      enabled: true,
      issuer: 'https://idp.example.com/realms/corp',
      clientId: 'open-ce',
      clientSecret: null,
      scopes: ['openid', 'email', 'groups'],
      groupsClaim: 'groups',
      usernameClaim: 'preferred_username',
      roleMapping: { 'ce-admins': 'admin', 'ce-viewers': 'read-only', 'ce-operators': 'admin' },
      localLoginAllowed: false,
    });
    expect(screen.getByText('Only the built-in admin may sign in with a password.')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true));
  });

  it('sends a new client secret, or an empty one to remove the stored one', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('Client secret'), 'n3w-s3cret');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/auth/sso/settings')).toHaveLength(1));
    expect((api.callsTo('PUT', '/api/auth/sso/settings')[0].body as { clientSecret: string }).clientSecret).toBe('n3w-s3cret');

    await screen.findByText(/Single sign-on settings saved/);
    await user.click(screen.getByLabelText('Remove the stored client secret'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/auth/sso/settings')).toHaveLength(2));
    expect((api.callsTo('PUT', '/api/auth/sso/settings')[1].body as { clientSecret: string }).clientSecret).toBe('');
    await waitFor(() => expect(within(groupOf('Client secret')).getByText(/No client secret is stored/)).toBeTruthy());
  });

  it('shows a failed discovery of the issuer on the issuer field', async () => {
    const message = 'the discovery document https://idp.example.org/.well-known/openid-configuration answered HTTP 404';
    const { api } = render({
      'GET /api/auth/sso/settings': () => UNSET,
      'PUT /api/auth/sso/settings': () => problem(400, 'Invalid input', `issuer: ${message}`, [{ field: 'issuer', message }]),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('switch', { name: 'Sign in with the identity provider' }));
    await user.type(screen.getByLabelText(L('Issuer URL')), 'https://idp.example.org');
    await user.type(screen.getByLabelText(L('Client ID')), 'ce');
    await user.click(screen.getByRole('button', { name: 'Add group mapping' }));
    await user.type(screen.getByRole('textbox', { name: 'IdP group 1' }), 'everyone');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(within(groupOf('Issuer URL')).getByText(message)).toBeTruthy());
    expect(screen.getByLabelText(L('Issuer URL')).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The settings were not saved: see the fields marked below.')).toBeTruthy();
    const body = api.callsTo('PUT', '/api/auth/sso/settings')[0].body as Record<string, unknown>;
    expect(body.enabled).toBe(true);
    expect(body.issuer).toBe('https://idp.example.org');
    expect(body.clientSecret).toBeNull();
    expect(body.roleMapping).toEqual({ everyone: 'read-only' });
  });

  it('shows mapping errors on the mapping, from the API and before asking it', async () => {
    const { api } = render({
      'PUT /api/auth/sso/settings': () =>
        problem(400, 'Invalid input', 'roleMapping: map at least one IdP group to a role before turning SSO on', [
          { field: 'roleMapping', message: 'map at least one IdP group to a role before turning SSO on' },
        ]),
    });
    const user = userEvent.setup({ delay: null });
    await user.clear(await screen.findByRole('textbox', { name: 'IdP group 2' }));
    await user.type(screen.getByRole('textbox', { name: 'IdP group 2' }), 'ce-admins');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(within(screen.getByTestId('mapping-2')).getByText('this group is mapped twice')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add group mapping' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(within(screen.getByTestId('mapping-3')).getByText(/give the name of the IdP group/)).toBeTruthy();
    expect(api.callsTo('PUT', '/api/auth/sso/settings')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Remove mapping 3' }));
    await user.click(screen.getByRole('button', { name: 'Remove mapping 2' }));
    await user.click(screen.getByRole('button', { name: 'Remove mapping 1' }));
    expect(screen.getByText('No group is mapped yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const group = screen.getByRole('group', { name: 'Group to role mapping' });
    expect(await within(group).findByText('map at least one IdP group to a role before turning SSO on')).toBeTruthy();
    expect((api.callsTo('PUT', '/api/auth/sso/settings')[0].body as { roleMapping: object }).roleMapping).toEqual({});
  });

  it("shows the API's error about one group on that group's row", async () => {
    render({
      'PUT /api/auth/sso/settings': () =>
        problem(400, 'Invalid input', "roleMapping.soc-analysts: must be admin or read-only, was 'owner'", [
          { field: 'roleMapping.soc-analysts', message: "must be admin or read-only, was 'owner'" },
        ]),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('switch', { name: 'Local users may also sign in with a password' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await within(screen.getByTestId('mapping-2')).findByText("must be admin or read-only, was 'owner'")).toBeTruthy();
    expect(within(screen.getByTestId('mapping-1')).queryByText(/must be/)).toBeNull();
    expect(screen.queryByTestId('error-alert')).toBeNull();
  });

  it('copies the redirect URI', async () => {
    render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Copy the redirect URI' }));
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/api/auth/sso/callback`);
  });

  it('shows nothing to change to a user below super-admin and asks the API nothing', async () => {
    const { api } = render({}, 'admin');
    await screen.findByText('Only the super-admin manages single sign-on');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(api.callsTo('GET', '/api/auth/sso/settings')).toHaveLength(0);
  });

  it('says so when the settings cannot be loaded', async () => {
    render({ 'GET /api/auth/sso/settings': () => problem(503, 'Service Unavailable', 'tenant-service is not ready') });
    expect((await screen.findByTestId('error-alert')).textContent).toContain('tenant-service is not ready');
  });
});
