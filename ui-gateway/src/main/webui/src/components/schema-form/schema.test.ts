import {
  displayValue,
  fieldErrorsFromProblems,
  initialValues,
  problemText,
  stepsOf,
  storedSecrets,
  toConfiguration,
  validateValues,
  valueFields,
} from './schema';
import type { ConfigField } from './types';

function field(key: string, type: ConfigField['type'], extra: Partial<ConfigField> = {}): ConfigField {
  return { key, label: key, type, mandatory: false, defaultValue: null, choices: [], editable: true, helpText: null, placeholder: null, fields: [], ...extra };
}

const protocol = field('protocol', 'CHOICE', {
  defaultValue: 'TCP',
  choices: [
    { key: 'UDP', label: 'UDP' },
    { key: 'TCP', label: 'TCP' },
  ],
});
const schema: ConfigField[] = [
  field('host', 'TEXT', { mandatory: true }),
  field('port', 'NUMBER', { defaultValue: 514 }),
  protocol,
  field('token', 'PASSWORD', { mandatory: true }),
  field('verify', 'BOOLEAN', { defaultValue: true }),
  field('gzip', 'BOOLEAN'),
  field('types', 'MULTICHOICE', { choices: [{ key: 'a', label: 'Alpha' }, { key: 'b', label: 'Beta' }], defaultValue: ['a'] }),
  field('notes', 'TEXTAREA'),
  field('mail', 'EMAIL'),
];

describe('schema helpers', () => {
  it('starts from the defaults, empty where there is none, and never with a password', () => {
    expect(initialValues(schema)).toEqual({
      host: '',
      port: '514',
      protocol: 'TCP',
      token: '',
      verify: true,
      gzip: false,
      types: ['a'],
      notes: '',
      mail: '',
    });
  });

  it('starts an edit from the stored values, the masked password left empty', () => {
    const stored = { host: 'siem', port: 6514, protocol: 'UDP', token: '********', verify: false, types: ['b'] };
    const values = initialValues(schema, stored);
    expect(values).toMatchObject({ host: 'siem', port: '6514', protocol: 'UDP', token: '', verify: false, types: ['b'], gzip: false });
    expect(storedSecrets(schema, stored)).toEqual(['token']);
    expect(storedSecrets(schema, { token: '' })).toEqual([]);
  });

  it('checks what the platform checks: mandatory without default, numbers, e-mail, choices', () => {
    const values = { ...initialValues(schema), port: '51x', mail: 'nobody', protocol: 'SCTP', types: ['a', 'z'] };
    expect(validateValues(schema, values)).toEqual({
      host: 'is required',
      token: 'is required',
      port: 'must be a number',
      mail: 'must be an e-mail address, such as name@example.org',
      protocol: 'must be one of UDP, TCP',
      types: 'must be a list of values from a, b',
    });
  });

  it('lets a mandatory field with a default and a stored password stay empty', () => {
    const withDefault = [field('port', 'NUMBER', { mandatory: true, defaultValue: 514 })];
    expect(validateValues(withDefault, { port: '' })).toEqual({});
    const values = { ...initialValues(schema), host: 'siem' };
    expect(validateValues(schema, values, { secretsSet: ['token'] })).toEqual({});
    // removing a stored mandatory secret is not allowed
    expect(validateValues(schema, { ...values, token: null }, { secretsSet: ['token'] })).toEqual({ token: 'is required' });
  });

  it('checks only the fields asked for', () => {
    expect(validateValues(schema, initialValues(schema), { only: ['port', 'token'] })).toEqual({ token: 'is required' });
  });

  it('sends numbers as numbers, trims text, leaves empty values and untouched passwords out', () => {
    const values = { ...initialValues(schema), host: ' siem.example.org ', port: '6514', notes: '  ', mail: 'a@b.org' };
    expect(toConfiguration(schema, values)).toEqual({
      host: 'siem.example.org',
      port: 6514,
      protocol: 'TCP',
      verify: true,
      gzip: false,
      types: ['a'],
      mail: 'a@b.org',
    });
  });

  it('sends a new password, and an empty one only to remove a stored one', () => {
    const values = initialValues(schema);
    expect(toConfiguration(schema, { ...values, token: 's3cret' }).token).toBe('s3cret');
    expect('token' in toConfiguration(schema, { ...values, token: '' }, { secretsSet: ['token'] })).toBe(false);
    expect(toConfiguration(schema, { ...values, token: null }, { secretsSet: ['token'] }).token).toBe('');
    expect('token' in toConfiguration(schema, { ...values, token: null })).toBe(false);
  });

  it('sends an emptied multi-choice as an empty list', () => {
    expect(toConfiguration(schema, { ...initialValues(schema), types: [] }).types).toEqual([]);
  });

  it('groups fields into wizard steps, loose fields in a General step', () => {
    const stepped: ConfigField[] = [
      field('intro', 'TEXT'),
      field('connection', 'STEP', { label: 'Connection', fields: [field('url', 'TEXT'), field('auth', 'STEP', { label: 'Auth', fields: [field('key', 'PASSWORD')] })] }),
      field('output', 'STEP', { label: 'Output', fields: [field('fmt', 'TEXT')] }),
    ];
    expect(stepsOf(schema)).toBeNull();
    const steps = stepsOf(stepped)!;
    expect(steps.map((s) => s.label)).toEqual(['General', 'Connection', 'Output']);
    expect(valueFields(stepped).map((f) => f.key)).toEqual(['intro', 'url', 'key', 'fmt']);
    expect(Object.keys(initialValues(stepped))).toEqual(['intro', 'url', 'key', 'fmt']);
  });

  it('puts the API field errors on the fields, steps included, and keeps the rest apart', () => {
    const stepped: ConfigField[] = [field('connection', 'STEP', { fields: [field('url', 'TEXT'), field('a.b', 'TEXT')] })];
    const { fields, other } = fieldErrorsFromProblems(
      stepped,
      [
        { field: 'configuration.url', message: 'is required' },
        { field: 'configuration.connection.url', message: 'must be https' },
        { field: 'configuration.a.b', message: 'dotted key' },
        { field: 'configuration', message: 'the plugin could not check the configuration' },
        { field: 'name', message: 'is required' },
        { field: 'configuration.zzz', message: 'is not a field of this plugin' },
      ],
      'configuration.',
    );
    expect(fields).toEqual({ url: 'is required; must be https', 'a.b': 'dotted key' });
    expect(other.map((o) => o.field)).toEqual(['configuration', 'name', 'configuration.zzz']);
    // the plugin's own verdict names plain keys
    expect(fieldErrorsFromProblems(stepped, [{ field: 'url', message: 'x' }, { field: null, message: 'y' }])).toEqual({
      fields: { url: 'x' },
      other: [{ field: null, message: 'y' }],
    });
  });

  it('makes sentences of the API messages', () => {
    expect(problemText('Port', 'must be a whole number from 1 to 65535')).toBe('Port must be a whole number from 1 to 65535');
    expect(problemText('Syslog server', 'is required')).toBe('Syslog server is required');
    expect(problemText('Syslog server', "cannot resolve the host name 'x' (DNS)")).toBe("Syslog server cannot resolve the host name 'x' (DNS)");
    expect(problemText('Port', 'connection to h:1 refused')).toBe('Connection to h:1 refused');
  });

  it('shows values for reading: choices by label, booleans, secrets only as set', () => {
    expect(displayValue(protocol, 'UDP')).toBe('UDP');
    expect(displayValue(schema[6], ['a', 'b'])).toBe('Alpha, Beta');
    expect(displayValue(schema[6], [])).toBe('None');
    expect(displayValue(schema[4], false)).toBe('No');
    expect(displayValue(schema[3], '********')).toBe('Set');
    expect(displayValue(schema[3], undefined)).toBe('Not set');
    expect(displayValue(schema[0], '')).toBe('—');
  });
});
