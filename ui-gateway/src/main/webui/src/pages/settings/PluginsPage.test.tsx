import { vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PluginsPage } from './PluginsPage';
import { problem, renderPage, reply, type Handler } from '../../test-utils';
import { groupOf } from './test-helpers';
import type { Role } from '../../auth/AuthContext';

// Forms typed key by key are slow on a busy machine; the default 5 s is too tight for them.
vi.setConfig({ testTimeout: 30_000 });

const SPLUNK = {
  manifest: {
    id: 'splunk-hec',
    name: 'Splunk HEC',
    version: '1.2.0',
    module: 'CLS',
    description: 'Sends alerts and events to the Splunk HTTP Event Collector.',
    minimumPlatformVersion: '0.1.0',
    capabilities: ['PUSH'],
    icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
    configuration: [
      {
        key: 'connection',
        label: 'Connection',
        type: 'STEP',
        mandatory: false,
        choices: [],
        editable: true,
        fields: [
          { key: 'url', label: 'Server URL', type: 'TEXT', mandatory: true, choices: [], editable: true, helpText: 'https://host:8088', fields: [] },
          { key: 'token', label: 'HEC token', type: 'PASSWORD', mandatory: true, choices: [], editable: true, fields: [] },
        ],
      },
      {
        key: 'protocol',
        label: 'Protocol',
        type: 'CHOICE',
        mandatory: false,
        defaultValue: 'https',
        choices: [
          { key: 'https', label: 'HTTPS' },
          { key: 'http', label: 'HTTP' },
        ],
        editable: false,
        fields: [],
      },
    ],
    dataTypes: ['alerts', 'events'],
    formats: ['json', 'cef'],
  },
  source: 'built-in',
  enabled: true,
};

const SYSLOG = {
  manifest: {
    id: 'syslog',
    name: 'Syslog',
    version: '1.0.0',
    module: 'CLS',
    description: 'RFC 5424 syslog over TCP, UDP or TLS.',
    minimumPlatformVersion: '0.1.0',
    capabilities: ['PUSH'],
    configuration: [],
    dataTypes: ['alerts'],
    formats: ['cef', 'leef'],
  },
  source: 'built-in',
  enabled: false,
};

const FEED = {
  manifest: {
    id: 'text-feed',
    name: 'Text feed',
    version: '0.9.0',
    module: 'CTE',
    description: 'Indicators from a plain-text feed over HTTPS.',
    minimumPlatformVersion: '0.1.0',
    capabilities: ['PULL', 'RETRACTION'],
    configuration: [{ key: 'url', label: 'Feed URL', type: 'TEXT', mandatory: true, choices: [], editable: true, fields: [] }],
    dataTypes: [],
    formats: [],
  },
  source: 'built-in',
  enabled: true,
};

const CUSTOM = {
  manifest: {
    id: 'acme-edr',
    name: 'ACME EDR',
    version: '2.0.1',
    module: 'CRE',
    description: 'Risk scores of devices from ACME EDR.',
    minimumPlatformVersion: '0.1.0',
    capabilities: ['PULL'],
    configuration: [],
    dataTypes: [],
    formats: [],
  },
  source: 'custom',
  sha256: 'ab12cd34',
  size: 20480,
  uploadedAt: '2025-03-01T12:00:00Z',
  enabled: true,
};

const ALL = [SPLUNK, SYSLOG, FEED, CUSTOM];

function render(role: Role = 'super-admin', routes: Record<string, Handler> = {}, path = '/settings/plugins') {
  return renderPage(<PluginsPage />, {
    role,
    path,
    routes: {
      'GET /api/plugins': () => ALL,
      'PUT /api/plugins/:id/state': (call, p) => ({ ...ALL.find((e) => e.manifest.id === p.id), ...(call.body as object) }),
      'DELETE /api/plugins/:id': () => reply(204),
      ...routes,
    },
  });
}

const card = (id: string) => screen.getByTestId(`plugin-${id}`);

describe('Plugins', () => {
  it('shows the catalogue by module, read-only users without any change controls', async () => {
    render('read-only');
    const cls = await screen.findByRole('region', { name: 'Log Shipper (CLS)' });
    expect(within(cls).getByText('Splunk HEC')).toBeTruthy();
    expect(within(cls).getByText('Syslog')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Threat Exchange (CTE)' })).getByText('Text feed')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Risk Exchange (CRE)' })).getByText('ACME EDR')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Ticket Orchestrator (CTO)' })).toBeNull();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Log Shipper (CLS)', 'Threat Exchange (CTE)', 'Risk Exchange (CRE)']);

    expect(within(card('splunk-hec')).getByText('Built-in')).toBeTruthy();
    expect(within(card('splunk-hec')).getByText('3 configuration field(s), 2 required · data types: alerts, events')).toBeTruthy();
    expect(within(card('syslog')).getByText('Disabled')).toBeTruthy();
    expect(within(card('acme-edr')).getByText('Uploaded')).toBeTruthy();
    expect(within(card('text-feed')).getByText('RETRACTION')).toBeTruthy();

    expect(screen.queryByRole('button', { name: 'Upload plugin' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Disable|Enable|Delete) / })).toBeNull();
    expect(screen.getByRole('button', { name: 'Details of ACME EDR' })).toBeTruthy();
  });

  it('filters by module and by text', async () => {
    render('read-only');
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('region', { name: 'Log Shipper (CLS)' });
    expect(screen.getByRole('button', { name: 'All modules' }).textContent).toBe('All (4)');
    await user.click(screen.getByRole('button', { name: 'Threat Exchange (CTE)' }));
    expect(screen.getByRole('button', { name: 'Threat Exchange (CTE)' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('region', { name: 'Log Shipper (CLS)' })).toBeNull();
    expect(screen.getByText('Text feed')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'All modules' }));
    await user.type(screen.getByRole('textbox', { name: 'Filter plugins' }), 'syslog');
    expect(screen.getByText('Syslog')).toBeTruthy();
    expect(screen.queryByText('Splunk HEC')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Threat Exchange (CTE)' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Log Shipper (CLS)' }).textContent).toBe('CLS (1)');

    await user.clear(screen.getByRole('textbox', { name: 'Filter plugins' }));
    await user.type(screen.getByRole('textbox', { name: 'Filter plugins' }), 'nothing like it');
    expect(screen.getByText('No plugin matches')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(screen.getByText('Splunk HEC')).toBeTruthy();
  });

  it('opens filtered by the module in the address', async () => {
    render('read-only', {}, '/settings/plugins?module=cre');
    await screen.findByText('ACME EDR');
    expect(screen.queryByText('Splunk HEC')).toBeNull();
  });

  it('shows the manifest with the configuration fields of every step', async () => {
    render('read-only');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Details of Splunk HEC' }));
    const dialog = screen.getByRole('dialog', { name: 'Splunk HEC 1.2.0' });
    expect(within(dialog).getByText('Sends alerts and events to the Splunk HTTP Event Collector.')).toBeTruthy();
    expect(within(dialog).getByText('splunk-hec')).toBeTruthy();
    expect(within(dialog).getByText('Log Shipper (CLS)')).toBeTruthy();
    expect(within(dialog).getByText('0.1.0 or later')).toBeTruthy();
    expect(within(dialog).getByText('Built in')).toBeTruthy();
    expect(within(dialog).getByText('JSON, CEF')).toBeTruthy();
    expect(within(dialog).getByText(/Pushes data to its system/)).toBeTruthy();
    const fields = within(dialog).getByRole('table', { name: 'Configuration fields' });
    const url = within(within(fields).getByRole('row', { name: /Server URL/ }));
    expect(url.getByText('(Connection)')).toBeTruthy();
    expect(url.getByText('Yes')).toBeTruthy();
    expect(url.getByText('https://host:8088')).toBeTruthy();
    const token = within(within(fields).getByRole('row', { name: /HEC token/ }));
    expect(token.getByText('Secret')).toBeTruthy();
    const protocol = within(within(fields).getByRole('row', { name: /Protocol/ }));
    expect(protocol.getByText('HTTPS, HTTP')).toBeTruthy();
    expect(protocol.getByText('fixed after creation')).toBeTruthy();
    expect(protocol.getByText('HTTPS')).toBeTruthy(); // the default, by its label
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the jar of an uploaded plugin in its details', async () => {
    render('read-only');
    await userEvent.setup({ delay: null }).click(await screen.findByRole('button', { name: 'Details of ACME EDR' }));
    const dialog = screen.getByRole('dialog', { name: 'ACME EDR 2.0.1' });
    expect(within(dialog).getByText('20 KiB, SHA-256 ab12cd34')).toBeTruthy();
    expect(within(dialog).getByText(/^Uploaded /)).toBeTruthy();
    expect(within(dialog).getByText('The plugin needs no configuration.')).toBeTruthy();
  });

  it('uploads a jar as the request body', async () => {
    let list = ALL;
    const uploaded = {
      ...CUSTOM,
      manifest: { ...CUSTOM.manifest, id: 'acme-tickets', name: 'ACME Tickets', version: '1.0.0', module: 'CTO' },
    };
    const { api } = render('super-admin', {
      'GET /api/plugins': () => list,
      'POST /api/plugins': () => {
        list = [...ALL, uploaded];
        return reply(201, uploaded);
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Upload plugin' }));
    const dialog = screen.getByRole('dialog', { name: 'Upload plugin' });
    expect((within(dialog).getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(true);
    const jar = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'acme-tickets-1.0.0.jar', { type: 'application/java-archive' });
    await user.upload(within(dialog).getByLabelText('Plugin jar file'), jar);
    expect((within(dialog).getByLabelText(/^Plugin jar( \*)?$/) as HTMLInputElement).value).toBe('acme-tickets-1.0.0.jar (4 B)');
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));

    await screen.findByText('ACME Tickets 1.0.0 installed for Ticket Orchestrator.');
    const call = api.callsTo('POST', '/api/plugins')[0];
    expect(call.body).toBe(jar);
    expect(call.headers['Content-Type']).toBe('application/java-archive');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('region', { name: 'Ticket Orchestrator (CTO)' })).toBeTruthy();
  });

  it('shows why the API refused an upload', async () => {
    let attempt = 0;
    const { api } = render('super-admin', {
      'POST /api/plugins': () =>
        ++attempt === 1
          ? problem(409, 'Conflict', "'splunk-hec' is the id of a built-in plugin; give your plugin another id.")
          : problem(400, 'Invalid input', 'body: this jar cannot be installed: no plugin manifest', [
              { field: 'body', message: 'this jar cannot be installed: no plugin manifest' },
            ]),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Upload plugin' }));
    const dialog = screen.getByRole('dialog', { name: 'Upload plugin' });
    await user.upload(within(dialog).getByLabelText('Plugin jar file'), new File(['PK'], 'mine.jar'));
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    const alert = await within(dialog).findByTestId('error-alert');
    expect(alert.textContent).toContain('The plugin was not installed');
    expect(alert.textContent).toContain('is the id of a built-in plugin');

    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    await waitFor(() =>
      expect(within(groupOf(/^Plugin jar( \*)?$/, dialog)).getByText('this jar cannot be installed: no plugin manifest')).toBeTruthy(),
    );
    expect(within(dialog).queryByTestId('error-alert')).toBeNull();
    expect(api.callsTo('POST', '/api/plugins')).toHaveLength(2);
  });

  it('takes only jars', async () => {
    const { api } = render();
    const user = userEvent.setup({ applyAccept: false });
    await user.click(await screen.findByRole('button', { name: 'Upload plugin' }));
    const dialog = screen.getByRole('dialog', { name: 'Upload plugin' });
    await user.upload(within(dialog).getByLabelText('Plugin jar file'), new File(['x'], 'notes.txt', { type: 'text/plain' }));
    expect(within(dialog).getByText('choose a plugin jar (a file ending in .jar)')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.callsTo('POST', '/api/plugins')).toHaveLength(0);
  });

  it('disables a plugin after asking and enables one at once', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Disable Splunk HEC' }));
    const confirm = screen.getByRole('dialog', { name: /Disable Splunk HEC\?$/ });
    expect(api.callsTo('PUT', '/api/plugins/splunk-hec/state')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Disable' }));
    await screen.findByText('Splunk HEC disabled.');
    expect(api.callsTo('PUT', '/api/plugins/splunk-hec/state')[0].body).toEqual({ enabled: false });

    await user.click(screen.getByRole('button', { name: 'Enable Syslog' }));
    await screen.findByText('Syslog enabled.');
    expect(api.callsTo('PUT', '/api/plugins/syslog/state')[0].body).toEqual({ enabled: true });
  });

  it('deletes only uploaded plugins, after confirmation', async () => {
    const { api } = render();
    const user = userEvent.setup({ delay: null });
    await screen.findByText('ACME EDR');
    expect(within(card('splunk-hec')).queryByRole('button', { name: /Delete/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete ACME EDR' }));
    const confirm = screen.getByRole('dialog', { name: /Delete ACME EDR\?$/ });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await screen.findByText('ACME EDR deleted.');
    expect(api.callsTo('DELETE', '/api/plugins/acme-edr')).toHaveLength(1);
  });

  it('gives an admin no upload, state or delete controls (they are the super-admin’s)', async () => {
    const { api } = render('admin');
    await screen.findByText('Splunk HEC');
    expect(screen.queryByRole('button', { name: 'Upload plugin' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Disable|Enable|Delete) / })).toBeNull();
    expect(api.unmatched).toHaveLength(0);
  });

  it('says so when the catalogue cannot be loaded', async () => {
    render('read-only', { 'GET /api/plugins': () => problem(502, 'Bad Gateway', 'core-service unreachable') });
    expect((await screen.findByTestId('error-alert')).textContent).toContain('core-service unreachable');
  });
});
