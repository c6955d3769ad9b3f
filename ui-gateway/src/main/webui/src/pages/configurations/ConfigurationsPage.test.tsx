import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigurationsPage } from './ConfigurationsPage';
import { problem, renderPage, reply, type Handler } from '../../test-utils';
import { catalogue, splunkView, textFeedEntry, view } from './fixtures';
import type { ConfigurationView } from './model';

// long flows typing into many fields: room for a slow, busy machine
vi.setConfig({ testTimeout: 20_000 });

const pattern = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
/** The control with this label (a required field's label ends in a marker hidden from assistive technology). */
const labelled = (text: string) => screen.getByLabelText(pattern(text));

function clsRoutes(list: ConfigurationView[], extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /api/cls/configurations': () => list,
    'GET /api/plugins': () => catalogue,
    ...extra,
  };
}

async function openForm(user: ReturnType<typeof userEvent.setup>, name = 'Add destination') {
  await user.click(await screen.findByRole('button', { name }));
  return screen.findByRole('dialog');
}

describe('Log Shipper destinations', () => {
  it('lists the destinations with plugin, state, health and last run', async () => {
    renderPage(<ConfigurationsPage module="cls" />, { role: 'admin', routes: clsRoutes([view(), splunkView]) });
    expect(await screen.findByRole('heading', { name: 'Log Shipper destinations', level: 1 })).toBeTruthy();
    const table = await screen.findByRole('grid', { name: 'Log Shipper destinations' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Plugin', 'Enabled', 'Health', 'Last run', 'Actions']);
    const siem = within(table).getByRole('row', { name: /siem/ });
    expect(within(siem).getByText('Syslog')).toBeTruthy();
    expect(within(siem).getByText('Healthy')).toBeTruthy();
    expect(within(siem).getByText('sent 120 records')).toBeTruthy();
    expect((within(siem).getByRole('switch', { name: 'siem enabled' }) as HTMLInputElement).checked).toBe(true);
    const splunk = within(table).getByRole('row', { name: /splunk/ });
    // a disabled destination with a failed last run: the switch is off, its last error shows
    expect((within(splunk).getByRole('switch', { name: 'splunk enabled' }) as HTMLInputElement).checked).toBe(false);
    expect(within(splunk).getByText('Failing')).toBeTruthy();
    expect(within(splunk).getByText('HEC answered 403: invalid token')).toBeTruthy();
    expect(screen.getByText('2 destinations')).toBeTruthy();
  });

  it('filters the list by name or plugin', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage(<ConfigurationsPage module="cls" />, { role: 'admin', routes: clsRoutes([view(), splunkView]) });
    await screen.findByRole('button', { name: 'siem' });
    await user.type(screen.getByRole('textbox', { name: 'Filter by name or plugin' }), 'hec');
    expect(screen.queryByRole('button', { name: 'siem' })).toBeNull();
    expect(screen.getByRole('button', { name: 'splunk' })).toBeTruthy();
    expect(screen.getByText('1 of 2')).toBeTruthy();
  });

  it('creates a syslog destination from the plugin schema and sends exactly the typed values', async () => {
    const user = userEvent.setup({ delay: null });
    const created = view({ name: 'rsyslog' });
    let list: ConfigurationView[] = [];
    const { api } = renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([], {
        'GET /api/cls/configurations': () => list,
        'POST /api/cls/configurations': () => {
          list = [created];
          return reply(201, created);
        },
      }),
    });
    expect(await screen.findByRole('heading', { name: 'No destinations yet' })).toBeTruthy();
    const dialog = await openForm(user);
    expect(within(dialog).getByRole('heading', { name: 'Add destination' })).toBeTruthy();
    // only this module's plugins; a plugin turned off cannot be chosen
    const plugin = labelled('Plugin') as HTMLSelectElement;
    const options = within(plugin).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Choose a plugin', 'Old SIEM 0.9.0 (custom) (turned off)', 'Splunk HEC 1.2.0', 'Syslog 1.0.0']);
    expect((options[1] as HTMLOptionElement).disabled).toBe(true);
    await user.selectOptions(plugin, 'syslog');
    expect(within(dialog).getByRole('heading', { name: 'Syslog settings' })).toBeTruthy();
    expect(within(dialog).getByText(/accepts alerts, events; formats CEF, LEEF, JSON/)).toBeTruthy();

    await user.type(labelled('Destination name'), 'rsyslog');
    await user.type(labelled('Syslog server'), '127.0.0.1');
    await user.clear(labelled('Port'));
    await user.type(labelled('Port'), '1514');
    await user.selectOptions(labelled('Protocol'), 'TCP');
    await user.selectOptions(labelled('Syslog format'), 'RFC3164');
    await user.selectOptions(labelled('Framing (TCP and TLS)'), 'newline');
    await user.click(within(dialog).getByRole('switch', { name: 'Verify the TLS certificate' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/cls/configurations')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/cls/configurations')[0].body).toEqual({
      name: 'rsyslog',
      pluginId: 'syslog',
      enabled: true,
      configuration: {
        host: '127.0.0.1',
        port: 1514,
        protocol: 'TCP',
        format: 'RFC3164',
        framing: 'newline',
        facility: 16,
        severity: 6,
        appName: 'opence',
        verifyTls: false,
        maxMessageBytes: 65536,
      },
    });
    expect(await screen.findByText('Destination "rsyslog" created.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('button', { name: 'rsyslog' })).toBeTruthy();
  });

  it('checks the form before sending: plugin, name, mandatory fields', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = renderPage(<ConfigurationsPage module="cls" />, { role: 'admin', routes: clsRoutes([view()]) });
    const dialog = await openForm(user);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Choose the plugin to configure.')).toBeTruthy();
    expect(within(dialog).getByText('Give it a name.')).toBeTruthy();
    // the first field with a problem gets the focus
    await waitFor(() => expect(document.activeElement?.id).toBe('cfg-plugin'));
    await user.selectOptions(labelled('Plugin'), 'syslog');
    await user.type(labelled('Destination name'), '-bad name');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Syslog server is required')).toBeTruthy();
    expect(within(dialog).getByText(/Use 1 to 100 letters, digits/)).toBeTruthy();
    expect(within(dialog).getByText('Check the highlighted fields.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/configurations')).toHaveLength(0);
  });

  it("shows the API's field errors on their fields, the plugin's too, and other problems above", async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([], {
        'POST /api/cls/configurations': () =>
          problem(400, 'Invalid input', '3 fields are invalid; see errors.', [
            { field: 'configuration.port', message: 'must be a whole number from 1 to 65535' },
            { field: 'configuration.host', message: "cannot resolve the host name 'nowhere.invalid' (DNS): check the name or use an IP address" },
            { field: 'configuration', message: 'the plugin could not check the configuration: timeout' },
          ]),
      }),
    });
    const dialog = await openForm(user);
    await user.selectOptions(labelled('Plugin'), 'syslog');
    await user.type(labelled('Destination name'), 'siem');
    await user.type(labelled('Syslog server'), 'nowhere.invalid');
    await user.clear(labelled('Port'));
    await user.type(labelled('Port'), '70000');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Port must be a whole number from 1 to 65535')).toBeTruthy();
    expect(labelled('Port').getAttribute('aria-invalid')).toBe('true');
    expect(
      within(dialog).getByText("Syslog server cannot resolve the host name 'nowhere.invalid' (DNS): check the name or use an IP address"),
    ).toBeTruthy();
    expect(within(screen.getByTestId('form-problems')).getByText('The plugin could not check the configuration: timeout')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/configurations')[0].body).toMatchObject({ configuration: { host: 'nowhere.invalid', port: 70000 } });
    // the dialog stays open with what was typed
    expect((labelled('Syslog server') as HTMLInputElement).value).toBe('nowhere.invalid');
  });

  it('puts a name that exists already on the name field', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([view()], {
        'POST /api/cls/configurations': () => problem(409, 'Conflict', "A configuration named 'siem' already exists."),
      }),
    });
    const dialog = await openForm(user);
    await user.selectOptions(labelled('Plugin'), 'syslog');
    await user.type(labelled('Destination name'), 'siem');
    await user.type(labelled('Syslog server'), 'h');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText("A configuration named 'siem' already exists.")).toBeTruthy();
    expect(labelled('Destination name').getAttribute('aria-invalid')).toBe('true');
  });

  it('edits a destination: stored values shown, name and plugin fixed, the stored secret kept unless replaced', async () => {
    const user = userEvent.setup({ delay: null });
    const withSource = { ...splunkView, tenantSource: { tenant: 'acme', alerts: ['malware'], events: [] }, pollIntervalSeconds: 600 };
    const { api } = renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([view(), withSource], {
        'PUT /api/cls/configurations/:name': (call) => ({ ...withSource, ...(call.body as object) }),
      }),
    });
    const dialog = await openForm(user, 'Edit splunk');
    expect(within(dialog).getByRole('heading', { name: 'Edit destination "splunk"' })).toBeTruthy();
    expect((labelled('Destination name') as HTMLInputElement).readOnly).toBe(true);
    expect((labelled('Plugin') as HTMLInputElement).value).toBe('Splunk HEC 1.2.0');
    expect((labelled('HEC URL') as HTMLInputElement).value).toBe('https://splunk:8088');
    const token = labelled('HEC token') as HTMLInputElement;
    expect(token.value).toBe('');
    expect(within(dialog).getByText(/A value is stored; it is never shown/)).toBeTruthy();
    // not editable after creation
    expect((labelled('Index') as HTMLInputElement).readOnly).toBe(true);
    expect((within(dialog).getByRole('switch', { name: 'Enabled' }) as HTMLInputElement).checked).toBe(false);

    await user.clear(labelled('HEC URL'));
    await user.type(labelled('HEC URL'), 'https://splunk2:8088');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/cls/configurations/splunk')).toHaveLength(1));
    expect(api.callsTo('PUT', '/api/cls/configurations/splunk')[0].body).toEqual({
      name: 'splunk',
      pluginId: 'splunk-hec',
      enabled: false,
      pollIntervalSeconds: 600,
      configuration: { url: 'https://splunk2:8088', index: 'netskope', gzip: true },
      tenantSource: { tenant: 'acme', alerts: ['malware'], events: [] },
    });
    expect(await screen.findByText('Destination "splunk" saved.')).toBeTruthy();

    // once more, with a new token
    const again = await openForm(user, 'Edit splunk');
    await user.type(labelled('HEC token'), 'new-token');
    await user.click(within(again).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/cls/configurations/splunk')).toHaveLength(2));
    expect((api.callsTo('PUT', '/api/cls/configurations/splunk')[1].body as { configuration: Record<string, unknown> }).configuration.token).toBe('new-token');
  });

  it('turns a destination off and on', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([view(), splunkView], {
        'POST /api/cls/configurations/:name/disable': () => view({ enabled: false }),
        'POST /api/cls/configurations/:name/enable': () => ({ ...splunkView, enabled: true }),
      }),
    });
    await user.click(await screen.findByRole('switch', { name: 'siem enabled' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/cls/configurations/siem/disable')).toHaveLength(1));
    expect(await screen.findByText('Destination "siem" disabled.')).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: 'splunk enabled' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/cls/configurations/splunk/enable')).toHaveLength(1));
  });

  it('says so when turning off fails', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([view()], { 'POST /api/cls/configurations/:name/disable': () => problem(503, 'Service Unavailable', 'cls-service is down') }),
    });
    await user.click(await screen.findByRole('switch', { name: 'siem enabled' }));
    expect(await screen.findByText('"siem" could not be disabled: cls-service is down')).toBeTruthy();
  });

  it('deletes a destination after confirmation only', async () => {
    const user = userEvent.setup({ delay: null });
    let list = [view(), splunkView];
    const { api } = renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([], {
        'GET /api/cls/configurations': () => list,
        'DELETE /api/cls/configurations/:name': () => {
          list = [splunkView];
          return reply(204);
        },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Delete siem' }));
    let dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Nothing more is sent to "siem"/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('DELETE', '/api/cls/configurations/siem')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete siem' }));
    dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading', { name: /Delete destination "siem"\?/ })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/cls/configurations/siem')).toHaveLength(1));
    expect(await screen.findByText('Destination "siem" deleted.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'siem' })).toBeNull());
  });

  it('tests a destination and shows the verdict', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([view()], { 'POST /api/cls/configurations/:name/validate': () => ({ problems: [] }) }),
    });
    await user.click(await screen.findByRole('button', { name: 'Test siem' }));
    const dialog = await screen.findByRole('dialog', { name: 'Test of "siem"' });
    expect(await within(dialog).findByText('The plugin accepted the configuration.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/configurations/siem/validate')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Test again' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/cls/configurations/siem/validate')).toHaveLength(2));
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("shows the plugin's problems by field label and opens the form with them on the fields", async () => {
    const user = userEvent.setup({ delay: null });
    renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([view()], {
        'POST /api/cls/configurations/:name/validate': () => ({
          problems: [{ field: 'port', message: 'connection to rsyslog.example.org:514 refused: nothing accepts TCP connections on that port' }],
        }),
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Test siem' }));
    const dialog = await screen.findByRole('dialog', { name: 'Test of "siem"' });
    const failed = await within(dialog).findByTestId('test-failed');
    expect(failed.textContent).toContain('Port: connection to rsyslog.example.org:514 refused');
    await user.click(within(dialog).getByRole('button', { name: 'Edit and fix' }));
    const form = await screen.findByRole('dialog', { name: 'Edit destination "siem"' });
    expect(within(form).getByText('Connection to rsyslog.example.org:514 refused: nothing accepts TCP connections on that port')).toBeTruthy();
    expect(labelled('Port').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(labelled('Port')));
  });

  it('shows the details of a destination, secrets only as set', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage(<ConfigurationsPage module="cls" />, { role: 'admin', routes: clsRoutes([view(), splunkView]) });
    await user.click(await screen.findByRole('button', { name: 'splunk' }));
    const details = await screen.findByRole('heading', { name: 'splunk', level: 2 });
    const panel = details.closest('.pf-v6-c-drawer__panel') as HTMLElement;
    expect(within(panel).getByTestId('last-error').textContent).toContain('HEC answered 403: invalid token');
    expect(within(panel).getByTestId('value-token').textContent).toBe('Set');
    expect(within(panel).getByTestId('value-url').textContent).toBe('https://splunk:8088');
    expect(within(panel).getByTestId('value-gzip').textContent).toBe('Yes');
    await user.click(within(panel).getByRole('button', { name: 'Close the details' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'splunk', level: 2 })).toBeNull());
  });

  it('gives read-only users the list and the details, no change controls', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = renderPage(<ConfigurationsPage module="cls" />, { role: 'read-only', routes: clsRoutes([view(), splunkView]) });
    await screen.findByRole('button', { name: 'siem' });
    expect(screen.queryByRole('button', { name: 'Add destination' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Edit|Delete|Test) / })).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.getAllByText('Enabled').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'siem' }));
    const panel = (await screen.findByRole('heading', { name: 'siem', level: 2 })).closest('.pf-v6-c-drawer__panel') as HTMLElement;
    expect(within(panel).getByTestId('value-host').textContent).toBe('rsyslog.example.org');
    expect(within(panel).getByTestId('value-framing').textContent).toBe('Octet counting (RFC 6587)');
    expect(within(panel).queryAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Close the details']);
    expect(api.calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });

  it('offers read-only users no add button in the empty state either', async () => {
    renderPage(<ConfigurationsPage module="cls" />, { role: 'read-only', routes: clsRoutes([]) });
    expect(await screen.findByRole('heading', { name: 'No destinations yet' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add destination' })).toBeNull();
  });

  it('keeps a destination whose plugin is gone readable but not editable', async () => {
    const user = userEvent.setup({ delay: null });
    const orphan = view({ name: 'legacy', pluginId: 'gone', pluginName: '(plugin not installed)', pluginVersion: '0.1.0', configuration: { url: 'https://old', apiKey: '********' } });
    const { api } = renderPage(<ConfigurationsPage module="cls" />, { role: 'admin', routes: clsRoutes([orphan]) });
    const row = (await screen.findByRole('button', { name: 'legacy' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Plugin not installed')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'legacy' }));
    const panel = (await screen.findByRole('heading', { name: 'legacy', level: 2 })).closest('.pf-v6-c-drawer__panel') as HTMLElement;
    expect(within(panel).getByText('url')).toBeTruthy();
    expect(within(panel).getByText('https://old')).toBeTruthy();
    const dialog = await openForm(user, 'Edit legacy');
    expect(within(dialog).getByText(/The plugin 'gone' is not installed/)).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('says when the plugin catalogue cannot be read and offers no form until it can', async () => {
    renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([view()], { 'GET /api/plugins': () => problem(503, 'Service Unavailable', 'core-service is starting') }),
    });
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('The plugin catalogue could not be loaded');
    expect((screen.getByRole('button', { name: 'Add destination' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Edit siem' }) as HTMLButtonElement).disabled).toBe(true);
    // the list itself is there
    expect(screen.getByRole('button', { name: 'siem' })).toBeTruthy();
  });

  it('shows why the list could not be loaded', async () => {
    renderPage(<ConfigurationsPage module="cls" />, {
      role: 'admin',
      routes: clsRoutes([], { 'GET /api/cls/configurations': () => problem(502, 'Bad Gateway', 'cls-service does not answer') }),
    });
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('The destinations could not be loaded');
    expect(alert.textContent).toContain('cls-service does not answer');
  });
});

describe('configurations of the other modules', () => {
  it('titles each module', async () => {
    for (const [module, title] of [
      ['cte', 'Threat Exchange configurations'],
      ['cto', 'Ticket Orchestrator configurations'],
      ['cre', 'Risk Exchange configurations'],
    ] as const) {
      const { unmount } = renderPage(<ConfigurationsPage module={module} />, {
        role: 'admin',
        routes: { [`GET /api/${module}/configurations`]: () => [], 'GET /api/plugins': () => catalogue },
      });
      expect(await screen.findByRole('heading', { name: title, level: 1 })).toBeTruthy();
      unmount();
    }
  });

  it('creates a pulling Threat Exchange configuration with its poll interval and tenant data', async () => {
    const user = userEvent.setup({ delay: null });
    const created = view({ name: 'feed', pluginId: 'text-feed', pluginName: 'Text feed', configuration: { url: 'https://feed', severity: 'medium' } });
    const { api } = renderPage(<ConfigurationsPage module="cte" />, {
      role: 'admin',
      routes: {
        'GET /api/cte/configurations': () => [],
        'GET /api/plugins': () => catalogue,
        'GET /api/tenants': () => [{ name: 'acme', tenantName: 'acme.goskope.com', baseUrl: 'https://acme.goskope.com' }],
        'POST /api/cte/configurations': () => reply(201, created),
      },
    });
    const dialog = await openForm(user, 'Add configuration');
    // the only usable plugin of the module is chosen already
    expect((labelled('Plugin') as HTMLSelectElement).value).toBe('text-feed');
    expect(within(labelled('Plugin')).getAllByRole('option')).toHaveLength(2);
    await user.type(labelled('Configuration name'), 'feed');
    await user.type(labelled('Feed URL'), 'https://feed');
    await user.clear(labelled('Poll interval (seconds)'));
    await user.type(labelled('Poll interval (seconds)'), '5');
    await within(dialog).findByRole('option', { name: 'acme' });
    await user.selectOptions(labelled('Tenant'), 'acme');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText(/Give whole seconds from 10/)).toBeTruthy();
    expect(within(dialog).getByText(/Choose at least one alert type or event type/)).toBeTruthy();
    expect(api.callsTo('POST', '/api/cte/configurations')).toHaveLength(0);

    await user.clear(labelled('Poll interval (seconds)'));
    await user.type(labelled('Poll interval (seconds)'), '3600');
    await user.click(within(screen.getByRole('group', { name: 'Alert types' })).getByLabelText('malware'));
    await user.click(within(screen.getByRole('group', { name: 'Event types' })).getByLabelText('page'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/cte/configurations')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/cte/configurations')[0].body).toEqual({
      name: 'feed',
      pluginId: 'text-feed',
      enabled: true,
      pollIntervalSeconds: 3600,
      configuration: { url: 'https://feed', severity: 'medium' },
      tenantSource: { tenant: 'acme', alerts: ['malware'], events: ['page'] },
    });
    expect(await screen.findByText('Configuration "feed" created.')).toBeTruthy();
  });

  it('shows the poll interval and tenant errors of the API on their fields', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage(<ConfigurationsPage module="cte" />, {
      role: 'admin',
      routes: {
        'GET /api/cte/configurations': () => [],
        'GET /api/plugins': () => [textFeedEntry],
        'GET /api/tenants': () => [{ name: 'acme' }],
        'POST /api/cte/configurations': () =>
          problem(400, 'Invalid input', '2 fields are invalid; see errors.', [
            { field: 'pollIntervalSeconds', message: 'must be 10 seconds to 1 year (31536000 seconds)' },
            { field: 'tenantSource.alerts[0]', message: "'viruses' is not one of dlp, malware" },
          ]),
      },
    });
    const dialog = await openForm(user, 'Add configuration');
    await user.type(labelled('Configuration name'), 'feed');
    await user.type(labelled('Feed URL'), 'https://feed');
    await within(dialog).findByRole('option', { name: 'acme' });
    await user.selectOptions(labelled('Tenant'), 'acme');
    await user.click(within(screen.getByRole('group', { name: 'Alert types' })).getByLabelText('dlp'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Poll interval must be 10 seconds to 1 year (31536000 seconds)')).toBeTruthy();
    expect(within(dialog).getByText("'viruses' is not one of dlp, malware")).toBeTruthy();
  });
});
