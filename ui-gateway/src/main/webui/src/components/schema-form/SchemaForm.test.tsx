import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SchemaForm, type SchemaFormProps } from './SchemaForm';
import { initialValues, toConfiguration } from './schema';
import type { ConfigField, FormValues } from './types';

// long flows typing into many fields: room for a slow, busy machine
vi.setConfig({ testTimeout: 20_000 });

function field(key: string, label: string, type: ConfigField['type'], extra: Partial<ConfigField> = {}): ConfigField {
  return { key, label, type, mandatory: false, defaultValue: null, choices: [], editable: true, helpText: null, placeholder: null, fields: [], ...extra };
}

const everyType: ConfigField[] = [
  field('host', 'Server', 'TEXT', { mandatory: true, placeholder: 'siem.example.org', helpText: 'Host name or IP address.' }),
  field('port', 'Port', 'NUMBER', { defaultValue: 514 }),
  field('token', 'API token', 'PASSWORD', { mandatory: true }),
  field('extra', 'Extra secret', 'PASSWORD'),
  field('verify', 'Verify TLS', 'BOOLEAN', { defaultValue: true, helpText: 'Off only for tests.' }),
  field('protocol', 'Protocol', 'CHOICE', {
    defaultValue: 'TCP',
    choices: [
      { key: 'UDP', label: 'UDP' },
      { key: 'TCP', label: 'TCP' },
      { key: 'TLS', label: 'TLS' },
    ],
  }),
  field('severity', 'Severity', 'CHOICE', { mandatory: true, choices: [{ key: 'low', label: 'Low' }, { key: 'high', label: 'High' }] }),
  field('types', 'Data types', 'MULTICHOICE', { choices: [{ key: 'alerts', label: 'Alerts' }, { key: 'events', label: 'Events' }] }),
  field('ca', 'CA certificate', 'TEXTAREA', { placeholder: '-----BEGIN CERTIFICATE-----' }),
  field('mail', 'Notify', 'EMAIL'),
  field('tenant', 'Tenant', 'TEXT', { editable: false }),
];

/** A parent holding the values, showing them for the assertions. */
function Harness({ fields, stored, ...rest }: Partial<SchemaFormProps> & { fields: ConfigField[]; stored?: Record<string, unknown> }) {
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, stored));
  return (
    <>
      <SchemaForm fields={fields} values={values} onChange={(v) => setValues(v)} {...rest} />
      <output data-testid="values">{JSON.stringify(values)}</output>
      <output data-testid="sent">{JSON.stringify(toConfiguration(fields, values, { secretsSet: rest.secretsSet }))}</output>
    </>
  );
}

const pattern = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
/** The control labelled so (a required field's label ends in a marker hidden from assistive technology). */
const labelled = (text: string) => screen.getByLabelText(pattern(text));
const queryLabelled = (text: string) => screen.queryByLabelText(pattern(text));
const values = () => JSON.parse(screen.getByTestId('values').textContent!);
const sent = () => JSON.parse(screen.getByTestId('sent').textContent!);

describe('SchemaForm', () => {
  it('renders every field type with its label, help, placeholder, required marker and default', () => {
    render(<Harness fields={everyType} />);
    const host = labelled('Server') as HTMLInputElement;
    expect(host.type).toBe('text');
    expect(host.placeholder).toBe('siem.example.org');
    expect(host.getAttribute('aria-required')).toBe('true');
    expect(host.closest('.pf-v6-c-form__group')!.textContent).toContain('*');
    expect(screen.getByText('Host name or IP address.')).toBeTruthy();
    expect(host.getAttribute('aria-describedby')).toContain('field-host-help');

    const port = labelled('Port') as HTMLInputElement;
    expect(port.type).toBe('number');
    expect(port.value).toBe('514');

    expect((labelled('API token') as HTMLInputElement).type).toBe('password');
    const verify = screen.getByRole('switch', { name: 'Verify TLS' }) as HTMLInputElement;
    expect(verify.checked).toBe(true);

    const protocol = labelled('Protocol') as HTMLSelectElement;
    expect(protocol.value).toBe('TCP');
    expect(within(protocol).getAllByRole('option').map((o) => o.textContent)).toEqual(['UDP', 'TCP', 'TLS']);
    const severity = labelled('Severity') as HTMLSelectElement;
    expect(severity.value).toBe('');
    expect(within(severity).getAllByRole('option')[0].textContent).toBe('Choose one');

    const types = screen.getByRole('group', { name: 'Data types' });
    expect(within(types).getAllByRole('checkbox')).toHaveLength(2);
    expect(labelled('CA certificate').tagName).toBe('TEXTAREA');
    expect((labelled('Notify') as HTMLInputElement).type).toBe('email');
  });

  it('keeps the values as the user enters them and sends them typed', async () => {
    const user = userEvent.setup({ delay: null });
    render(<Harness fields={everyType} />);
    await user.type(labelled('Server'), 'siem.example.org');
    await user.clear(labelled('Port'));
    await user.type(labelled('Port'), '6514');
    await user.type(labelled('API token'), 'tok-1');
    await user.click(screen.getByRole('switch', { name: 'Verify TLS' }));
    await user.selectOptions(labelled('Protocol'), 'TLS');
    await user.selectOptions(labelled('Severity'), 'high');
    await user.click(labelled('Events'));
    await user.type(labelled('CA certificate'), 'PEM');
    await user.type(labelled('Notify'), 'ops@example.org');
    expect(sent()).toEqual({
      host: 'siem.example.org',
      port: 6514,
      token: 'tok-1',
      verify: false,
      protocol: 'TLS',
      severity: 'high',
      types: ['events'],
      ca: 'PEM',
      mail: 'ops@example.org',
    });
  });

  it('says a field left empty uses its default', async () => {
    const user = userEvent.setup({ delay: null });
    render(<Harness fields={everyType} />);
    expect(screen.queryByText('Left empty, the default is used: 514.')).toBeNull();
    await user.clear(labelled('Port'));
    expect(screen.getByText('Left empty, the default is used: 514.')).toBeTruthy();
    expect('port' in sent()).toBe(false);
  });

  it('checks a field when the user leaves it, and every field after a submit', async () => {
    const user = userEvent.setup({ delay: null });
    const { rerender } = render(<Harness fields={everyType} />);
    expect(screen.queryByText('Server is required')).toBeNull();
    await user.click(labelled('Server'));
    await user.tab();
    expect(screen.getByText('Server is required')).toBeTruthy();
    expect(labelled('Server').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('API token is required')).toBeNull();

    await user.type(labelled('Notify'), 'not-an-address');
    await user.tab();
    expect(screen.getByText('Notify must be an e-mail address, such as name@example.org')).toBeTruthy();

    rerender(<Harness fields={everyType} submitCount={1} />);
    expect(screen.getByText('API token is required')).toBeTruthy();
    expect(screen.getByText('Severity is required')).toBeTruthy();
  });

  it('flags a number that is not one', async () => {
    const user = userEvent.setup({ delay: null });
    const numbers = [field('port', 'Port', 'NUMBER')];
    render(<Harness fields={numbers} stored={{ port: '12abc' }} submitCount={1} />);
    expect(screen.getByText('Port must be a number')).toBeTruthy();
    await user.clear(labelled('Port'));
    await user.type(labelled('Port'), '42');
    expect(screen.queryByText('Port must be a number')).toBeNull();
  });

  it('shows the API errors on their fields until the field is changed', async () => {
    const user = userEvent.setup({ delay: null });
    render(<Harness fields={everyType} errors={{ port: 'must be a whole number from 1 to 65535', host: "cannot resolve the host name 'x' (DNS)" }} />);
    expect(screen.getByText('Port must be a whole number from 1 to 65535')).toBeTruthy();
    expect(screen.getByText("Server cannot resolve the host name 'x' (DNS)")).toBeTruthy();
    expect(labelled('Port').getAttribute('aria-describedby')).toContain('field-port-error');
    await user.type(labelled('Port'), '1');
    expect(screen.queryByText('Port must be a whole number from 1 to 65535')).toBeNull();
    expect(screen.getByText("Server cannot resolve the host name 'x' (DNS)")).toBeTruthy();
  });

  it('keeps a stored password write-only: says it is set, keeps it when left empty, can replace or remove it', async () => {
    const user = userEvent.setup({ delay: null });
    const stored = { host: 'h', token: '********', extra: '********', severity: 'low' };
    render(<Harness fields={everyType} stored={stored} mode="edit" secretsSet={['token', 'extra']} submitCount={1} />);
    const token = labelled('API token') as HTMLInputElement;
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('Stored value kept when left empty');
    expect(screen.getAllByText(/A value is stored; it is never shown/)).toHaveLength(2);
    // nothing required: the stored token counts
    expect(screen.queryByText('API token is required')).toBeNull();
    expect('token' in sent()).toBe(false);
    expect('extra' in sent()).toBe(false);
    // a mandatory secret cannot be removed, an optional one can
    expect(screen.queryByRole('button', { name: 'Remove the stored API token' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove the stored Extra secret' }));
    expect(screen.getByText('The stored value will be removed when you save.')).toBeTruthy();
    expect(sent().extra).toBe('');
    await user.click(screen.getByRole('button', { name: 'Keep the stored Extra secret' }));
    expect('extra' in sent()).toBe(false);
    await user.type(token, 'new-token');
    expect(sent().token).toBe('new-token');
    expect(values().token).toBe('new-token');
  });

  it('locks fields that cannot change after creation when editing', () => {
    render(<Harness fields={everyType} stored={{ tenant: 'acme' }} mode="edit" />);
    const tenant = labelled('Tenant') as HTMLInputElement;
    expect(tenant.readOnly).toBe(true);
    expect(tenant.value).toBe('acme');
    expect(screen.getByText('Set when the configuration was created; it cannot be changed.')).toBeTruthy();
  });

  it('keeps a stored choice the plugin no longer offers visible', () => {
    render(<Harness fields={everyType} stored={{ protocol: 'SCTP' }} submitCount={1} />);
    expect((labelled('Protocol') as HTMLSelectElement).value).toBe('SCTP');
    expect(screen.getByRole('option', { name: 'SCTP (no longer offered)' })).toBeTruthy();
    expect(screen.getByText('Protocol must be one of UDP, TCP, TLS')).toBeTruthy();
  });

  it('shows values read-only without any input', () => {
    render(
      <SchemaForm
        fields={everyType}
        values={{ ...initialValues(everyType, { host: 'siem', protocol: 'UDP', types: ['alerts'] }) }}
        secretsSet={['token']}
        onChange={() => undefined}
        readOnly
      />,
    );
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.getByTestId('value-host').textContent).toBe('siem');
    expect(screen.getByTestId('value-token').textContent).toBe('Set');
    expect(screen.getByTestId('value-extra').textContent).toBe('Not set');
    expect(screen.getByTestId('value-verify').textContent).toBe('Yes');
    expect(screen.getByTestId('value-types').textContent).toBe('Alerts');
  });

  it('says so when a plugin has no settings', () => {
    render(<Harness fields={[]} />);
    expect(screen.getByText('This plugin has no settings.')).toBeTruthy();
  });
});

describe('SchemaForm steps', () => {
  const stepped: ConfigField[] = [
    field('connection', 'Connection', 'STEP', {
      fields: [field('url', 'URL', 'TEXT', { mandatory: true }), field('key', 'API key', 'PASSWORD')],
    }),
    field('output', 'Output', 'STEP', {
      fields: [
        field('format', 'Format', 'CHOICE', { defaultValue: 'json', choices: [{ key: 'json', label: 'JSON' }, { key: 'cef', label: 'CEF' }] }),
        field('advanced', 'Advanced', 'STEP', { fields: [field('batch', 'Batch size', 'NUMBER', { mandatory: true })] }),
      ],
    }),
    field('review', 'Notes', 'STEP', { fields: [field('note', 'Note', 'TEXTAREA')] }),
  ];

  it('shows one step at a time and moves with Next and Back, checking the step first', async () => {
    const user = userEvent.setup({ delay: null });
    render(<Harness fields={stepped} />);
    expect(screen.getByRole('list', { name: 'Steps of the settings' })).toBeTruthy();
    expect(labelled('URL')).toBeTruthy();
    expect(queryLabelled('Format')).toBeNull();
    expect(screen.getByText('(step 1 of 3)')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Back' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('URL is required')).toBeTruthy();
    expect(queryLabelled('Format')).toBeNull();

    await user.type(labelled('URL'), 'https://x');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((labelled('Format') as HTMLSelectElement).value).toBe('json');
    // a nested step is a section of its page
    expect(screen.getByRole('heading', { name: 'Advanced' })).toBeTruthy();
    expect(labelled('Batch size')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect((labelled('URL') as HTMLInputElement).value).toBe('https://x');
    // values of other pages are kept
    expect(values()).toMatchObject({ url: 'https://x', format: 'json' });
  });

  it('jumps by the step names, not past a step with problems', async () => {
    const user = userEvent.setup({ delay: null });
    render(<Harness fields={stepped} />);
    await user.click(screen.getByRole('button', { name: 'Notes' }));
    // page 1 has a missing URL: stays there and says so
    expect(labelled('URL')).toBeTruthy();
    expect(screen.getByText('URL is required')).toBeTruthy();
    await user.type(labelled('URL'), 'https://x');
    await user.click(screen.getByRole('button', { name: 'Output' }));
    await user.type(labelled('Batch size'), '10');
    await user.click(screen.getByRole('button', { name: 'Notes' }));
    expect(labelled('Note')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Connection' }));
    expect(labelled('URL')).toBeTruthy();
  });

  it('goes to the first step with an API error and marks it', () => {
    render(<Harness fields={stepped} stored={{ url: 'https://x' }} errors={{ batch: 'must be at most 1000' }} />);
    expect(screen.getByText('Batch size must be at most 1000')).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Step 2 of 3: Output, has problems' })).toBeTruthy();
  });

  it('goes to the first step with a problem after a submit', () => {
    const { rerender } = render(<Harness fields={stepped} stored={{ url: 'https://x' }} />);
    expect(labelled('URL')).toBeTruthy();
    rerender(<Harness fields={stepped} stored={{ url: 'https://x' }} submitCount={1} />);
    expect(screen.getByText('Batch size is required')).toBeTruthy();
  });
});
