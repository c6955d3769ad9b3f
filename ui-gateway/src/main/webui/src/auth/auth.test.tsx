import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes } from '../App';
import { AuthProvider } from './AuthContext';
import { mockApi, problem, reply, Where } from '../test-utils';
import { passwordProblems } from './FirstLoginPage';
import { navigationFor, roleOfPath } from '../layout/navigation';

function app(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider>
        <AppRoutes />
        <Where />
      </AuthProvider>
    </MemoryRouter>,
  );
}

const quiet = {
  'GET /api/auth/sso': () => ({ enabled: false, localLoginAllowed: true, startPath: null }),
  'GET /api/notifications': () => [],
  'GET /api/system/status': () => ({ services: [], modules: [] }),
};

describe('signing in', () => {
  it('sends someone without a session to sign in and then back to the page they asked for', async () => {
    let signedIn = false;
    const api = mockApi({
      ...quiet,
      'GET /api/auth/me': () => (signedIn ? { username: 'ops', role: 'admin', roles: ['read-only', 'admin'], pending: [] } : problem(401, 'Unauthorized')),
      'POST /api/auth/refresh': () => problem(401, 'Unauthorized'),
      'POST /api/auth/login': (call) => {
        const body = call.body as { username: string; password: string };
        if (body.password !== 'Right-pass1') return problem(401, 'Unauthorized', 'wrong username or password');
        signedIn = true;
        return { username: 'ops', role: 'admin', expiresIn: 900 };
      },
    });
    app('/logging?level=error');
    await screen.findByRole('heading', { name: 'Sign in to Open Cloud Exchange' });
    // no session was ever opened here (no ce_csrf cookie): nothing to renew
    expect(api.callsTo('POST', '/api/auth/refresh')).toHaveLength(0);
    expect(screen.getByTestId('where').textContent).toBe('/login?next=%2Flogging%3Flevel%3Derror');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Username/), 'ops');
    await user.type(screen.getByLabelText(/Password/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByTestId('login-error')).textContent).toContain('Wrong username or password.');

    await user.clear(screen.getByLabelText(/Password/));
    await user.type(screen.getByLabelText(/Password/), 'Right-pass1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/logging?level=error'));
    // the cookie session was asked for, never tokens in the body
    const login = api.callsTo('POST', '/api/auth/login')[1];
    expect(login.headers['X-CE-Session']).toBe('cookie');
  });

  it('makes the first sign-in accept the licence and replace the default password', async () => {
    let pending = ['eula', 'password'];
    const api = mockApi({
      ...quiet,
      'GET /api/auth/me': () => ({ username: 'admin', role: null, roles: [], pending }),
      'POST /api/auth/first-login': () => {
        pending = [];
        return { username: 'admin', role: 'super-admin', pending: [] };
      },
    });
    document.cookie = 'ce_csrf=csrf-value; path=/';
    app('/settings/users');
    await screen.findByRole('heading', { name: 'Welcome to Open Cloud Exchange' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^New password/), 'short');
    expect(screen.getByText(/Still needs at least 8 characters/)).toBeTruthy();
    await user.clear(screen.getByLabelText(/^New password/));
    await user.type(screen.getByLabelText(/^New password/), 'Str0ng!Passw0rd');
    await user.type(screen.getByLabelText(/Repeat the new password/), 'Str0ng!Passw0rd');
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    expect((continueButton as HTMLButtonElement).disabled).toBe(true); // licence not accepted yet
    await user.click(screen.getByLabelText('I accept the licence agreement'));
    await user.click(continueButton);
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/settings/users'));
    const call = api.callsTo('POST', '/api/auth/first-login')[0];
    expect(call.body).toEqual({ newPassword: 'Str0ng!Passw0rd', acceptEula: true });
    expect(call.headers['X-CSRF-Token']).toBe('csrf-value');
  });

  it('renews an expired access token once and carries on', async () => {
    let fresh = false;
    const api = mockApi({
      ...quiet,
      'GET /api/auth/me': () => (fresh ? { username: 'ro', role: 'read-only', roles: ['read-only'], pending: [] } : problem(401, 'Unauthorized')),
      'POST /api/auth/refresh': () => {
        fresh = true;
        return reply(200, { username: 'ro', role: 'read-only' });
      },
    });
    document.cookie = 'ce_csrf=from-the-last-sign-in; path=/';
    app('/');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/'));
    await screen.findByText('ro (read-only)');
    expect(api.callsTo('POST', '/api/auth/refresh')).toHaveLength(1);
  });

  it('shows a read-only user no page it cannot use, and says so when one is opened by address', async () => {
    mockApi({ ...quiet, 'GET /api/auth/me': () => ({ username: 'ro', role: 'read-only', roles: ['read-only'], pending: [] }) });
    app('/settings/users');
    await screen.findByRole('heading', { name: 'Not available to your role' });
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByText('Users and API tokens')).toBeNull();
    expect(within(nav).queryByText('Audit trail')).toBeNull();
    expect(within(nav).getByText('Logging')).toBeTruthy();
  });
});

describe('navigation and password rules', () => {
  it('knows the least role of every page', () => {
    expect(roleOfPath('/settings/users')).toBe('super-admin');
    expect(roleOfPath('/audit')).toBe('admin');
    expect(roleOfPath('/cls/parked')).toBe('read-only');
    const adminNav = navigationFor((r) => r !== 'super-admin');
    expect(JSON.stringify(adminNav)).not.toContain('/settings/sso');
    expect(JSON.stringify(adminNav)).toContain('/audit');
  });

  it('lists everything a password lacks', () => {
    expect(passwordProblems('admin', 'admin')).toEqual([
      'at least 8 characters',
      'an upper-case letter',
      'a digit',
      'a special character',
      'the username left out',
    ]);
    expect(passwordProblems('Str0ng!Passw0rd', 'admin')).toEqual([]);
  });
});
