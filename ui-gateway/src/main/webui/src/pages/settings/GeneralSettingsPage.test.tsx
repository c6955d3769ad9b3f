import { vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GeneralSettingsPage } from './GeneralSettingsPage';
import { problem, renderPage, type Handler } from '../../test-utils';
import { groupOf, L } from './test-helpers';

// Forms typed key by key are slow on a busy machine; the default 5 s is too tight for them.
vi.setConfig({ testTimeout: 30_000 });

const SETTINGS = {
  modules: { cte: true, cto: false, cre: true, cls: true },
  proxy: { enabled: true, scheme: 'http', host: 'proxy.corp.example', port: 3128, username: 'ce', password: '********' },
  tls: { verify: true },
  logLevel: 'INFO',
  retention: { logsDays: 7, alertsDays: 30, eventsDays: 7, ticketsDays: 90, notificationsDays: 30, parkedDays: 14 },
  updateCheck: {
    enabled: false,
    feedUrl: 'https://api.github.com/repos/open-cloud-exchange/opence/releases/latest',
    intervalHours: 24,
  },
  updatedAt: '2025-01-02T10:00:00Z',
  updatedBy: 'admin',
};

function render(role: 'super-admin' | 'admin' | 'read-only' = 'super-admin', put?: Record<string, Handler>) {
  return renderPage(<GeneralSettingsPage />, {
    role,
    path: '/settings/general',
    routes: {
      'GET /api/settings': () => SETTINGS,
      'PUT /api/settings': (call) => ({ ...(call.body as object), updatedAt: '2025-02-03T04:05:06Z', updatedBy: 'admin' }),
      ...(put ?? {}),
    },
  });
}

describe('General settings', () => {
  it('tests the proxy as it is on the form, without saving, and shows what came back', async () => {
    const answers = [
      { ok: false, proxy: 'proxy.corp.example:3128', url: 'https://www.netskope.com/', status: null, message: 'The proxy proxy.corp.example:3128 refused the username and password of Settings > General (HTTP 407).' },
      { ok: true, proxy: 'proxy.corp.example:8080', url: 'https://tenant.goskope.com/', status: 200, message: 'The proxy proxy.corp.example:8080 carried the call: tenant.goskope.com answered HTTP 200.' },
    ];
    const { api } = render('super-admin', { 'POST /api/settings/proxy/test': () => answers.shift() });
    const user = userEvent.setup({ delay: null });

    await user.click(await screen.findByRole('button', { name: 'Test proxy' }));
    expect(await screen.findByText(/refused the username and password/)).toBeTruthy();
    expect(screen.getByText('The proxy proxy.corp.example:3128 did not carry the call')).toBeTruthy();

    await user.clear(screen.getByLabelText(L('Proxy port')));
    await user.type(screen.getByLabelText(L('Proxy port')), '8080');
    await user.clear(screen.getByLabelText('Address to reach through the proxy'));
    await user.type(screen.getByLabelText('Address to reach through the proxy'), 'https://tenant.goskope.com/');
    await user.click(screen.getByRole('button', { name: 'Test proxy' }));
    expect(await screen.findByText('The proxy proxy.corp.example:8080 works')).toBeTruthy();

    const tests = api.callsTo('POST', '/api/settings/proxy/test');
    expect(tests).toHaveLength(2);
    expect(tests[1].body).toEqual({
      proxy: { enabled: true, scheme: 'http', host: 'proxy.corp.example', port: 8080, username: 'ce', password: null },
      tls: { verify: true, extraCaCertificates: null },
      url: 'https://tenant.goskope.com/',
    });
    expect(api.callsTo('PUT', '/api/settings')).toHaveLength(0);
  });

  it('offers the proxy test only while the proxy is on, and shows a field error on the address', async () => {
    render('super-admin', {
      'POST /api/settings/proxy/test': () =>
        problem(400, 'Invalid input', "The field 'url' is invalid", [{ field: 'url', message: 'must be an http:// or https:// address with a host and no user info' }]),
    });
    const user = userEvent.setup({ delay: null });
    const button = await screen.findByRole('button', { name: 'Test proxy' });
    await user.clear(screen.getByLabelText('Address to reach through the proxy'));
    await user.type(screen.getByLabelText('Address to reach through the proxy'), 'ftp://x');
    await user.click(button);
    expect(await screen.findByText('must be an http:// or https:// address with a host and no user info')).toBeTruthy();

    await user.click(screen.getByRole('switch', { name: 'Use an HTTP proxy for outbound calls' }));
    expect((screen.getByRole('button', { name: 'Test proxy' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the stored settings in the form of the super-admin', async () => {
    render();
    const cte = await screen.findByRole('switch', { name: 'Threat Exchange (CTE)' });
    expect((cte as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('switch', { name: 'Ticket Orchestrator (CTO)' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText(L('Proxy host')) as HTMLInputElement).value).toBe('proxy.corp.example');
    expect((screen.getByLabelText(L('Proxy port')) as HTMLInputElement).value).toBe('3128');
    expect((screen.getByLabelText(L('Proxy password')) as HTMLInputElement).value).toBe('');
    expect(within(groupOf(L('Proxy password'))).getByText(/A password is stored/)).toBeTruthy();
    expect((screen.getByLabelText(L('Log level')) as HTMLSelectElement).value).toBe('INFO');
    expect((screen.getByLabelText(L('Alerts (days)')) as HTMLInputElement).value).toBe('30');
    expect((screen.getByLabelText(L('Check interval (hours)')) as HTMLInputElement).value).toBe('24');
    // nothing changed yet: nothing to save
    expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('last-change').textContent).toContain('by admin');
  });

  it('saves every section in the shape of PlatformSettings, keeping the stored proxy password', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('switch', { name: 'Threat Exchange (CTE)' }));
    expect(within(groupOf(L('Threat Exchange (CTE)'))).getByText(/Will be turned off when you save/)).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: 'Ticket Orchestrator (CTO)' }));
    await user.selectOptions(screen.getByLabelText(L('Log level')), 'DEBUG');
    await user.clear(screen.getByLabelText(L('Tickets (days)')));
    await user.type(screen.getByLabelText(L('Tickets (days)')), '180');
    await user.click(screen.getByRole('switch', { name: 'Check for newer releases' }));
    await user.clear(screen.getByLabelText(L('Check interval (hours)')));
    await user.type(screen.getByLabelText(L('Check interval (hours)')), '12');
    await user.click(screen.getByRole('switch', { name: 'Verify certificates of outbound TLS connections' }));
    expect(screen.getByText('Unsaved changes')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved. Every service applies them now.');
    const put = api.callsTo('PUT', '/api/settings');
    expect(put).toHaveLength(1);
    expect(put[0].body).toEqual({
      modules: { cte: false, cto: true, cre: true, cls: true },
      proxy: { enabled: true, scheme: 'http', host: 'proxy.corp.example', port: 3128, username: 'ce', password: null },
      tls: { verify: false, extraCaCertificates: null },
      logLevel: 'DEBUG',
      retention: { logsDays: 7, alertsDays: 30, eventsDays: 7, ticketsDays: 180, notificationsDays: 30, parkedDays: 14 },
      updateCheck: {
        enabled: true,
        feedUrl: 'https://api.github.com/repos/open-cloud-exchange/opence/releases/latest',
        intervalHours: 12,
      },
    });
    // the saved answer is the new starting point
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement).disabled).toBe(true));
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('sends a new proxy password, or an empty one to remove the stored one', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText(L('Proxy password')), 'S3cret!');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/settings')).toHaveLength(1));
    expect((api.callsTo('PUT', '/api/settings')[0].body as { proxy: { password: string } }).proxy.password).toBe('S3cret!');

    // the answer masks it again; now remove it
    await screen.findByText('Settings saved. Every service applies them now.');
    await user.click(screen.getByLabelText(L('Remove the stored proxy password')));
    expect((screen.getByLabelText(L('Proxy password')) as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/settings')).toHaveLength(2));
    expect((api.callsTo('PUT', '/api/settings')[1].body as { proxy: { password: string } }).proxy.password).toBe('');
  });

  it('shows the API field errors on their fields', async () => {
    const { api } = render('super-admin', {
      'PUT /api/settings': () =>
        problem(400, 'Invalid input', 'updateCheck.feedUrl: must be an https:// URL', [
          { field: 'updateCheck.feedUrl', message: 'must be an https:// URL' },
          { field: 'tls.extraCaCertificates', message: 'must be PEM certificates (-----BEGIN CERTIFICATE----- ...): bad' },
        ]),
    });
    const user = userEvent.setup({ delay: null });
    const feed = await screen.findByLabelText(L('Release feed URL'));
    await user.clear(feed);
    await user.type(feed, 'http://updates.example.com/latest');
    await user.type(screen.getByLabelText(L('Extra trusted CA certificates (PEM)')), 'not a certificate');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(within(groupOf(L('Release feed URL'))).getByText('must be an https:// URL')).toBeTruthy());
    expect(feed.getAttribute('aria-invalid')).toBe('true');
    expect(within(groupOf(L('Extra trusted CA certificates (PEM)'))).getByText(/must be PEM certificates/)).toBeTruthy();
    expect(screen.getByText('The settings were not saved: 2 field(s) need attention.')).toBeTruthy();
    const body = api.callsTo('PUT', '/api/settings')[0].body as { updateCheck: { feedUrl: string }; tls: { extraCaCertificates: string } };
    expect(body.updateCheck.feedUrl).toBe('http://updates.example.com/latest');
    expect(body.tls.extraCaCertificates).toBe('not a certificate');
    // the edits stay for another try
    expect((feed as HTMLInputElement).value).toBe('http://updates.example.com/latest');
  });

  it('checks ranges before asking the API', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.clear(await screen.findByLabelText(L('Platform logs (days)')));
    await user.type(screen.getByLabelText(L('Platform logs (days)')), '0');
    await user.clear(screen.getByLabelText(L('Proxy port')));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(within(groupOf(L('Platform logs (days)'))).getByText('must be 1 to 3650 days')).toBeTruthy();
    expect(within(groupOf(L('Proxy port'))).getByText('is required: 1 to 65535')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/settings')).toHaveLength(0);
  });

  it('shows a problem that is not about a field as an alert', async () => {
    render('super-admin', { 'PUT /api/settings': () => problem(503, 'Service Unavailable', 'core-service is starting') });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('switch', { name: 'Risk Exchange (CRE)' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('core-service is starting');
  });

  it('puts the form back when the changes are discarded', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    const host = await screen.findByLabelText(L('Proxy host'));
    await user.clear(host);
    await user.type(host, 'other.example');
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect((host as HTMLInputElement).value).toBe('proxy.corp.example');
    expect(api.callsTo('PUT', '/api/settings')).toHaveLength(0);
  });

  it.each(['read-only', 'admin'] as const)('shows a %s user the values without anything to change', async (role) => {
    const { api } = render(role);
    await screen.findByText('Only the super-admin can change these settings.');
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
    expect(screen.queryAllByRole('switch')).toHaveLength(0);
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    const modules = screen.getByRole('region', { name: 'Modules' });
    expect(within(modules).getByText('Threat Exchange (CTE)').closest('div')!.parentElement!.textContent).toContain('On');
    expect(within(modules).getByText('Ticket Orchestrator (CTO)').closest('div')!.parentElement!.textContent).toContain('Off');
    expect(screen.getByText('proxy.corp.example')).toBeTruthy();
    expect(screen.getByText('Set')).toBeTruthy(); // the password: only whether there is one
    expect(screen.getByText('90 days')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/settings')).toHaveLength(0);
  });

  it('says so when the settings cannot be loaded, and tries again', async () => {
    let fail = true;
    const { api } = renderPage(<GeneralSettingsPage />, {
      routes: { 'GET /api/settings': () => (fail ? problem(502, 'Bad Gateway', 'core-service unreachable') : SETTINGS) },
    });
    expect((await screen.findByTestId('error-alert')).textContent).toContain('core-service unreachable');
    fail = false;
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('switch', { name: 'Log Shipper (CLS)' });
    expect(api.callsTo('GET', '/api/settings')).toHaveLength(2);
  });
});
