import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, problem, reply } from '../../test-utils';
import { downloadName, MappingFilesPage } from './MappingFilesPage';
import { fromModel, localProblems, newFileModel, ShapeError, toModel } from './mappingModel';
import type { MappingFileSummary } from './types';

// the forms are large and the machine may be busy: give each test room
vi.setConfig({ testTimeout: 20000 });

const spec = (field?: string, value?: string | number, transformation = 'String') => ({
  ...(field !== undefined ? { mapping_field: field } : {}),
  ...(value !== undefined ? { default_value: value } : {}),
  transformation,
});

const myCef = {
  name: 'my-cef',
  description: 'ours',
  readOnly: false,
  format: 'CEF',
  taxonomy: {
    alerts: {
      malware: {
        header: {
          deviceVendor: spec(undefined, 'Netskope'),
          deviceProduct: spec(undefined, 'Security Cloud'),
          deviceVersion: spec(undefined, '1.0'),
          deviceEventClassId: spec(undefined, 'alert:malware'),
          name: spec('alert_name', 'Malware alert'),
          severity: spec('severity', 'Unknown'),
        },
        extension: {
          rt: spec('timestamp', undefined, 'Integer'),
          src: spec('srcip', undefined, 'IP Address'),
          cn1: spec('file_size', 0, 'Integer'),
        },
      },
    },
    events: {
      '*': {
        header: {
          deviceVendor: spec(undefined, 'Netskope'),
          deviceProduct: spec(undefined, 'Security Cloud'),
          deviceVersion: spec(undefined, '1.0'),
          deviceEventClassId: spec('type', 'event'),
          name: spec('type', 'Netskope event'),
          severity: spec(undefined, 'Low'),
        },
        extension: { rt: spec('timestamp', undefined, 'Integer') },
      },
    },
  },
};

const defaultJson = {
  name: 'default-json',
  description: 'Every field',
  readOnly: true,
  format: 'JSON',
  taxonomy: { alerts: { '*': { fields: [], rename: {} } }, events: { '*': { fields: ['user', 'url'], rename: { user: 'src_user' } } } },
};

const summaries: MappingFileSummary[] = [
  { name: 'default-cef', description: 'Syslog CEF for every Netskope alert subtype and event type', format: 'CEF', readOnly: true, updatedAt: null },
  { name: 'default-json', description: 'Every field', format: 'JSON', readOnly: true, updatedAt: null },
  { name: 'my-cef', description: 'ours', format: 'CEF', readOnly: false, updatedAt: '2026-03-01T10:00:00Z' },
];

const routes = {
  'GET /api/cls/mapping-files': () => summaries,
  'GET /api/cls/mapping-files/my-cef': () => myCef,
  'GET /api/cls/mapping-files/default-json': () => defaultJson,
};

type Body = { taxonomy: Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>> } & Record<string, unknown>;

describe('MappingFilesPage list', () => {
  it('marks the shipped defaults read-only and offers admins copy, edit and delete of their own files', async () => {
    renderPage(<MappingFilesPage />, { role: 'admin', routes });
    const table = await screen.findByRole('grid', { name: 'Mapping files' });
    expect(within(table).getByRole('row', { name: /default-cef/ }).textContent).toContain('Shipped, read-only');
    expect(within(table).getByRole('row', { name: /my-cef/ }).textContent).toContain('Custom');
    expect(screen.getByRole('button', { name: 'Edit my-cef' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete my-cef' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'View default-cef' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit default-cef' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete default-cef' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy default-cef' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Upload mapping file' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New mapping file' })).toBeTruthy();
  });

  it('lets a read-only user view and download only', async () => {
    renderPage(<MappingFilesPage />, { role: 'read-only', routes });
    await screen.findByRole('grid', { name: 'Mapping files' });
    expect(screen.getByRole('button', { name: 'View my-cef' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download my-cef' })).toBeTruthy();
    for (const name of [/^Edit /, /^Copy /, /^Delete /, 'Upload mapping file', 'New mapping file']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'View my-cef' }));
    await screen.findByRole('grid', { name: 'Extension of alerts / malware' });
    expect(screen.queryByRole('textbox', { name: /^Mapping field of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Add extension field/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.getByText('srcip')).toBeTruthy();
  });

  it('downloads a file under the name the API gives it', async () => {
    const createObjectURL = vi.fn(() => 'blob:mapping');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'read-only',
      routes: { ...routes, 'GET /api/cls/mapping-files/my-cef/download': () => JSON.stringify(myCef, null, 2) },
    });
    await userEvent.setup({ delay: null }).click(await screen.findByRole('button', { name: 'Download my-cef' }));
    await waitFor(() => expect(clicked).toEqual(['my-cef.json']));
    expect(api.callsTo('GET', '/api/cls/mapping-files/my-cef/download')).toHaveLength(1);
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(JSON.parse(await blob.text()).name).toBe('my-cef');
    expect(downloadName('a b/c')).toBe('a_b_c.json');
    click.mockRestore();
  });

  it('deletes a user file after confirmation and shows why the API refuses', async () => {
    let used = true;
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'admin',
      routes: {
        ...routes,
        'DELETE /api/cls/mapping-files/:name': () =>
          used ? problem(409, 'Conflict', "The mapping file 'my-cef' is used by the SIEM mappings all-alerts; change them first.") : reply(204),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Delete my-cef' }));
    let dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByText(/is used by the SIEM mappings all-alerts/)).toBeTruthy();
    used = false;
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Mapping file my-cef deleted.')).toBeTruthy();
    expect(api.callsTo('DELETE', '/api/cls/mapping-files/my-cef')).toHaveLength(2);
  });

  it('copies a shipped default under a new name, with the name error on its field, and opens the copy', async () => {
    let attempts = 0;
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'admin',
      routes: {
        ...routes,
        'POST /api/cls/mapping-files/:name/copy': () =>
          ++attempts === 1
            ? problem(400, 'Bad Request', undefined, [{ field: 'name', message: "'default-json' is a shipped default; choose another name (or copy the default)" }])
            : reply(201, { ...defaultJson, name: 'splunk-json', readOnly: false }),
        'GET /api/cls/mapping-files/splunk-json': () => ({ ...defaultJson, name: 'splunk-json', readOnly: false }),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Copy default-json' }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText(/^Name of the copy/);
    expect((name as HTMLInputElement).value).toBe('default-json-copy');
    await user.clear(name);
    await user.type(name, 'default-json');
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(await within(dialog).findByText(/is a shipped default; choose another name/)).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');

    await user.clear(name);
    await user.type(name, 'splunk-json');
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied default-json to splunk-json. Edit the copy below.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/mapping-files/default-json/copy')[1].body).toEqual({ name: 'splunk-json', description: 'Every field' });
    expect(await screen.findByRole('heading', { name: 'Mapping file splunk-json' })).toBeTruthy();
    await waitFor(() => expect(api.callsTo('GET', '/api/cls/mapping-files/splunk-json')).toHaveLength(1));
  });
});

describe('MappingFilesPage editor', () => {
  it('edits a CEF file in the form and sends the whole file', async () => {
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'admin',
      path: '/cls/mapping-files?file=my-cef',
      routes: { ...routes, 'PUT /api/cls/mapping-files/my-cef': (call) => call.body },
    });
    const user = userEvent.setup({ delay: null });
    const src = await screen.findByRole('textbox', { name: 'Mapping field of extension src' });
    await user.clear(src);
    await user.type(src, 'dstip');
    await user.clear(screen.getByRole('textbox', { name: 'Default value of header deviceVendor' }));
    await user.type(screen.getByRole('textbox', { name: 'Default value of header deviceVendor' }), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Add extension field' }));
    await user.type(screen.getByRole('textbox', { name: 'Key of extension row 4' }), 'suser');
    await user.type(screen.getByRole('textbox', { name: 'Mapping field of extension suser' }), 'user');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Transformation of extension rt' }), 'String');
    await user.click(screen.getByRole('button', { name: 'Remove extension cn1' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Mapping file saved/)).toBeTruthy();
    const body = api.callsTo('PUT', '/api/cls/mapping-files/my-cef')[0].body as Body;
    const malware = body.taxonomy.alerts.malware;
    expect(malware.extension).toEqual({
      rt: { mapping_field: 'timestamp', transformation: 'String' },
      src: { mapping_field: 'dstip', transformation: 'IP Address' },
      suser: { mapping_field: 'user', transformation: 'String' },
    });
    expect(malware.header.deviceVendor).toEqual({ default_value: 'Acme', transformation: 'String' });
    expect(body.taxonomy.events['*']).toEqual(myCef.taxonomy.events['*']);
    expect(body.name).toBe('my-cef');
    expect(body.format).toBe('CEF');
  });

  it('shows the API validation errors at their path, on the field and in the summary', async () => {
    renderPage(<MappingFilesPage />, {
      role: 'admin',
      path: '/cls/mapping-files?file=my-cef',
      routes: {
        ...routes,
        'PUT /api/cls/mapping-files/my-cef': () =>
          problem(400, 'Bad Request', 'The mapping file has 2 problems; see errors.', [
            { field: 'taxonomy.alerts.malware.extension.src.transformation', message: 'must be one of String, Integer, Floating Point, IP Address, MAC Address' },
            { field: 'taxonomy.events.*.header.severity', message: 'needs mapping_field or default_value (or both)' },
          ]),
      },
    });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('textbox', { name: 'Mapping field of extension src' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('The mapping file was not saved');
    expect(alert.textContent).toContain('taxonomy.alerts.malware.extension.src.transformation: must be one of');
    const select = screen.getByRole('combobox', { name: 'Transformation of extension src' });
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(select.closest('td')!.textContent).toContain('must be one of String, Integer');
    // the other subtype is marked in the chooser and shows its error when opened
    const chooser = screen.getByLabelText('Data type and subtype') as HTMLSelectElement;
    const other = Array.from(chooser.options).find((o) => o.textContent!.startsWith('events / *'))!;
    expect(other.textContent).toContain('1 problem');
    await user.selectOptions(chooser, other.value);
    const severity = screen.getByRole('grid', { name: 'Header of events / *' });
    expect(within(severity).getByRole('row', { name: /Severity/ }).textContent).toContain('needs mapping_field or default_value');
  });

  it('edits as JSON: a syntax error is shown and nothing sent; valid JSON is sent as it is', async () => {
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'admin',
      path: '/cls/mapping-files?file=my-cef',
      routes: { ...routes, 'PUT /api/cls/mapping-files/my-cef': (call) => call.body },
    });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('textbox', { name: 'Mapping field of extension src' });
    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    const textarea = screen.getByRole('textbox', { name: 'Mapping file JSON' }) as HTMLTextAreaElement;
    expect(JSON.parse(textarea.value)).toEqual(myCef);
    fireEvent.change(textarea, { target: { value: '{"name": "my-cef",' } });
    expect(screen.getByText(/^JSON syntax error/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('The JSON has a syntax error; nothing was sent')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/cls/mapping-files/my-cef')).toHaveLength(0);
    // the form cannot be shown for broken JSON either
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    expect(screen.getByTestId('editor-problem').textContent).toContain('syntax error');

    const changed = { ...myCef, description: 'changed as JSON' };
    fireEvent.change(textarea, { target: { value: JSON.stringify(changed, null, 2) } });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Mapping file saved/);
    expect(api.callsTo('PUT', '/api/cls/mapping-files/my-cef')[0].body).toEqual(changed);
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    expect((screen.getByLabelText('Description') as HTMLInputElement).value).toBe('changed as JSON');
  });

  it('keeps JSON the form cannot show in the JSON tab', async () => {
    renderPage(<MappingFilesPage />, { role: 'admin', path: '/cls/mapping-files?file=my-cef', routes });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('textbox', { name: 'Mapping field of extension src' });
    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Mapping file JSON' }), { target: { value: JSON.stringify({ ...myCef, extra: 1 }) } });
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    expect(screen.getByTestId('editor-problem').textContent).toContain("extra: the form does not know the key 'extra'");
    expect(screen.getByRole('textbox', { name: 'Mapping file JSON' })).toBeTruthy();
  });

  it('refuses a duplicate key before sending', async () => {
    const { api } = renderPage(<MappingFilesPage />, { role: 'admin', path: '/cls/mapping-files?file=my-cef', routes });
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('textbox', { name: 'Mapping field of extension src' });
    await user.click(screen.getByRole('button', { name: 'Add extension field' }));
    await user.type(screen.getByRole('textbox', { name: 'Key of extension row 4' }), 'src');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByTestId('error-alert')).textContent).toContain("the key 'src' is used twice");
    expect(api.callsTo('PUT', '/api/cls/mapping-files/my-cef')).toHaveLength(0);
  });

  it('shows a shipped default read-only to an admin, with a copy offered', async () => {
    renderPage(<MappingFilesPage />, { role: 'admin', path: '/cls/mapping-files?file=default-json', routes });
    expect(await screen.findByText('A shipped default is read-only')).toBeTruthy();
    expect(await screen.findByText('(every field)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Copy this file' }));
    expect(await screen.findByRole('dialog', { name: 'Copy default-json' })).toBeTruthy();
  });

  it('creates a new JSON file from the form', async () => {
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'admin',
      routes: {
        ...routes,
        'POST /api/cls/mapping-files': (call) => reply(201, call.body),
        'GET /api/cls/mapping-files/sentinel-lite': () => ({ ...defaultJson, name: 'sentinel-lite', readOnly: false }),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'New mapping file' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Name/), 'my-cef');
    expect(within(dialog).getByText('A mapping file of this name exists; choose another name.')).toBeTruthy();
    await user.clear(within(dialog).getByLabelText(/^Name/));
    await user.type(within(dialog).getByLabelText(/^Name/), 'sentinel-lite');
    await user.selectOptions(within(dialog).getByLabelText('Format'), 'JSON');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));

    const fields = await screen.findByRole('textbox', { name: 'Fields to keep' });
    await user.type(fields, 'user{Enter}srcip');
    await user.click(screen.getByRole('button', { name: 'Add renamed field' }));
    await user.type(screen.getByRole('textbox', { name: 'Field to rename, row 1' }), 'srcip');
    await user.type(screen.getByRole('textbox', { name: 'New name, row 1' }), 'src');
    await user.click(screen.getByRole('button', { name: 'Create mapping file' }));
    expect(await screen.findByText('Mapping file sentinel-lite created.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/mapping-files')[0].body).toEqual({
      name: 'sentinel-lite',
      description: '',
      readOnly: false,
      format: 'JSON',
      taxonomy: {
        alerts: { '*': { fields: ['user', 'srcip'], rename: { srcip: 'src' } } },
        events: { '*': { fields: [], rename: {} } },
      },
    });
  });
});

describe('MappingFilesPage upload', () => {
  const file = (content: string, name = 'upload.json') => new File([content], name, { type: 'application/json' });

  it('uploads a new file, and reports the API problems with their path', async () => {
    let attempts = 0;
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'admin',
      routes: {
        ...routes,
        'POST /api/cls/mapping-files': (call) =>
          ++attempts === 1
            ? problem(400, 'Bad Request', 'The mapping file is invalid at taxonomy.alerts.viruses: unknown alerts subtype', [
                { field: 'taxonomy.alerts.viruses', message: 'unknown alerts subtype; allowed: *, dlp, malware' },
              ])
            : reply(201, call.body),
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Upload mapping file' }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(within(dialog).getByLabelText(/^JSON file/), file(JSON.stringify({ ...myCef, name: 'qradar-cef' })));
    const name = await within(dialog).findByLabelText(/^Name/);
    expect((name as HTMLInputElement).value).toBe('qradar-cef');
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect((await within(dialog).findByTestId('error-alert')).textContent).toContain('taxonomy.alerts.viruses: unknown alerts subtype');
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('Mapping file qradar-cef uploaded.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/cls/mapping-files')[1].body).toEqual({ ...myCef, name: 'qradar-cef' });
  });

  it('replaces an existing file only when asked, and never a shipped default', async () => {
    const { api } = renderPage(<MappingFilesPage />, {
      role: 'admin',
      routes: { ...routes, 'PUT /api/cls/mapping-files/my-cef': (call) => call.body },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Upload mapping file' }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(within(dialog).getByLabelText(/^JSON file/), file(JSON.stringify({ ...myCef, description: 'new version' })));
    const upload = within(dialog).getByRole('button', { name: 'Upload' }) as HTMLButtonElement;
    await waitFor(() => expect(within(dialog).getByLabelText('Replace the existing mapping file my-cef')).toBeTruthy());
    expect(upload.disabled).toBe(true);
    await user.click(within(dialog).getByLabelText('Replace the existing mapping file my-cef'));
    expect(upload.disabled).toBe(false);

    const name = within(dialog).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, 'default-cef');
    expect(within(dialog).getByText("'default-cef' is a shipped default; give the upload another name")).toBeTruthy();
    expect(upload.disabled).toBe(true);

    await user.clear(name);
    await user.type(name, 'my-cef');
    await user.click(within(dialog).getByLabelText('Replace the existing mapping file my-cef'));
    await user.click(upload);
    expect(await screen.findByText('Mapping file my-cef replaced by the uploaded file.')).toBeTruthy();
    expect((api.callsTo('PUT', '/api/cls/mapping-files/my-cef')[0].body as { description: string }).description).toBe('new version');
    expect(api.callsTo('POST', '/api/cls/mapping-files')).toHaveLength(0);
  });

  it('says when the chosen file is not JSON', async () => {
    const { api } = renderPage(<MappingFilesPage />, { role: 'admin', routes });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Upload mapping file' }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(within(dialog).getByLabelText(/^JSON file/), file('{"name": "x", taxonomy}', 'broken.json'));
    expect(await within(dialog).findByText(/^broken.json is not valid JSON/)).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.callsTo('POST', '/api/cls/mapping-files')).toHaveLength(0);
  });
});

describe('mapping model', () => {
  it('reads and writes a file unchanged', () => {
    expect(fromModel(toModel(myCef))).toEqual(myCef);
    expect(fromModel(toModel({ ...defaultJson, readOnly: false }))).toEqual({ ...defaultJson, readOnly: false });
  });

  it('shows a LEEF tab delimiter as its hex code, which the API reads back', () => {
    const leef = {
      name: 'q',
      description: '',
      readOnly: false,
      format: 'LEEF',
      taxonomy: {
        alerts: {
          '*': {
            header: { vendor: spec(undefined, 'Netskope'), product: spec(undefined, 'SC'), version: spec(undefined, '1'), eventId: spec('alert_type'), delimiter: '\t' },
            attributes: { devTime: spec('timestamp', undefined, 'Integer') },
          },
        },
      },
    };
    const m = toModel(leef);
    expect(m.entries[0].delimiter).toBe('x09');
    expect((fromModel(m).taxonomy as Body['taxonomy']).alerts['*'].header.delimiter).toBe('x09');
  });

  it('refuses shapes it cannot show, with the path', () => {
    expect(() => toModel({ ...myCef, taxonomy: { alerts: { malware: { header: {}, extension: [] } } } })).toThrow(ShapeError);
    expect(() => toModel({ ...myCef, format: 'XML' })).toThrow('format: must be CEF, LEEF or JSON');
  });

  it('keeps number and boolean defaults and finds duplicate keys', () => {
    const m = toModel(myCef);
    const cn1 = m.entries[0].rows.find((r) => r.key === 'cn1')!;
    expect(cn1.defaultKind).toBe('number');
    const dup = { ...m, entries: [{ ...m.entries[0], rows: [...m.entries[0].rows, { ...cn1, id: 'x' }] }] };
    expect(localProblems(dup)).toEqual([{ field: 'taxonomy.alerts.malware.extension.cn1', message: "the key 'cn1' is used twice" }]);
    const fresh = newFileModel('n', '', 'CEF');
    expect(fromModel(fresh).taxonomy).toHaveProperty(['alerts', '*', 'header', 'deviceVendor', 'default_value'], 'Netskope');
  });
});
