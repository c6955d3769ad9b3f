import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Content,
  Flex,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Label,
  PageSection,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { allFieldsShown, apiFieldError, FieldHelp, useToasts, validated } from './shared';
import { LastChange, Section } from './GeneralSettingsView';
import { LEVELS, localProblems, MODULES, RETENTION, toBody, toForm, type FormState, type PlatformSettings } from './generalSettingsModel';
import { useAction } from '../../api/useAction';
import { ProxyTestAction } from './ProxyTestAction';

const FIELDS_ON_FORM = new Set([
  'modules',
  'proxy',
  'proxy.scheme',
  'proxy.host',
  'proxy.port',
  'proxy.username',
  'proxy.password',
  'tls',
  'tls.extraCaCertificates',
  'logLevel',
  'retention',
  ...RETENTION.map((r) => `retention.${r.key}`),
  'updateCheck',
  'updateCheck.feedUrl',
  'updateCheck.intervalHours',
]);

/** The super-admin's form: every section, saved at once with PUT /api/settings. */
export function SettingsForm({ settings }: { settings: PlatformSettings }) {
  const [saved, setSaved] = useState(settings);
  const initial = useMemo(() => toForm(saved), [saved]);
  const [form, setForm] = useState<FormState>(initial);
  const { busy, error, setError, run } = useAction();
  const [local, setLocal] = useState<Record<string, string>>({});
  const { toasts, notify } = useToasts();
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fieldError = (field: string) => local[field] ?? apiFieldError(error, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = localProblems(form);
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      setError(null);
      return;
    }
    await run(async () => {
      const next = await api.put<PlatformSettings>('/api/settings', toBody(form));
      setSaved(next);
      setForm(toForm(next));
      notify('Settings saved. Every service applies them now.');
    });
  };

  const discard = () => {
    setForm(initial);
    setError(null);
    setLocal({});
  };

  const hasLocal = Object.keys(local).length > 0;
  const fieldsOnly = allFieldsShown(error, (f) => FIELDS_ON_FORM.has(f));
  const countOfErrors = error instanceof ApiError ? error.errors.length : 0;

  return (
    <>
      {toasts}
      <Form id="general-settings-form" onSubmit={submit} aria-label="General settings" noValidate>
        <PageSection>
          {(hasLocal || fieldsOnly) && (
            <Alert
              variant="danger"
              isInline
              title={`The settings were not saved: ${hasLocal ? Object.keys(local).length : countOfErrors} field(s) need attention.`}
              style={{ marginBottom: 16 }}
            />
          )}
          {error && !fieldsOnly ? (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={error} title={error instanceof ApiError ? `The settings were not saved: ${error.title}` : 'The settings were not saved'} />
            </div>
          ) : null}
          <Grid hasGutter>
            <Section title="Modules">
              <Content component="p">
                A module that is off refuses its API, skips its schedules and pauses its consumers; its data waits in
                its queues until it is turned on again.
              </Content>
              {MODULES.map((m) => (
                <FormGroup key={m.key} fieldId={`module-${m.key}`}>
                  <Switch
                    id={`module-${m.key}`}
                    label={m.name}
                    isChecked={form.modules[m.key]}
                    onChange={(_e, checked) => set('modules', { ...form.modules, [m.key]: checked })}
                  />
                  <FieldHelp
                    help={
                      saved.modules?.[m.key] && !form.modules[m.key]
                        ? `Will be turned off when you save: its configurations stop running.`
                        : m.about
                    }
                  />
                </FormGroup>
              ))}
              <FieldHelp error={fieldError('modules')} />
            </Section>

            <Section title="Proxy">
              <FormGroup fieldId="proxy-enabled">
                <Switch
                  id="proxy-enabled"
                  label="Use an HTTP proxy for outbound calls"
                  isChecked={form.proxyEnabled}
                  onChange={(_e, checked) => set('proxyEnabled', checked)}
                />
                <FieldHelp
                  error={fieldError('proxy') ?? fieldError('proxy.scheme')}
                  help="Plugins and Netskope tenants that use the system proxy reach the internet through it. The proxy is reached over plain HTTP; HTTPS sites are tunnelled through it (CONNECT)."
                />
              </FormGroup>
              <Grid hasGutter>
                <GridItem span={8}>
                  <FormGroup label="Proxy host" fieldId="proxy-host" isRequired={form.proxyEnabled}>
                    <TextInput
                      id="proxy-host"
                      value={form.proxyHost}
                      placeholder="proxy.example.com"
                      onChange={(_e, v) => set('proxyHost', v)}
                      validated={validated(fieldError('proxy.host'))}
                    />
                    <FieldHelp error={fieldError('proxy.host')} />
                  </FormGroup>
                </GridItem>
                <GridItem span={4}>
                  <FormGroup label="Proxy port" fieldId="proxy-port" isRequired={form.proxyEnabled}>
                    <TextInput
                      id="proxy-port"
                      type="number"
                      min={1}
                      max={65535}
                      value={form.proxyPort}
                      placeholder="3128"
                      onChange={(_e, v) => set('proxyPort', v)}
                      validated={validated(fieldError('proxy.port'))}
                    />
                    <FieldHelp error={fieldError('proxy.port')} />
                  </FormGroup>
                </GridItem>
              </Grid>
              <FormGroup label="Proxy username" fieldId="proxy-username">
                <TextInput
                  id="proxy-username"
                  value={form.proxyUsername}
                  autoComplete="off"
                  onChange={(_e, v) => set('proxyUsername', v)}
                  validated={validated(fieldError('proxy.username'))}
                />
                <FieldHelp error={fieldError('proxy.username')} help="Leave empty when the proxy needs no sign-in." />
              </FormGroup>
              <FormGroup label="Proxy password" fieldId="proxy-password">
                <TextInput
                  id="proxy-password"
                  type="password"
                  autoComplete="new-password"
                  value={form.proxyPassword}
                  isDisabled={form.removeProxyPassword}
                  placeholder={form.proxyPasswordSet ? 'A password is stored: leave empty to keep it' : ''}
                  onChange={(_e, v) => set('proxyPassword', v)}
                  validated={validated(fieldError('proxy.password'))}
                />
                <FieldHelp
                  error={fieldError('proxy.password')}
                  help={
                    form.proxyPasswordSet
                      ? 'A password is stored (it is never shown). Type a new one to replace it.'
                      : 'No password is stored.'
                  }
                />
                {form.proxyPasswordSet && (
                  <Checkbox
                    id="proxy-password-remove"
                    label="Remove the stored proxy password"
                    isChecked={form.removeProxyPassword}
                    onChange={(_e, checked) => setForm((f) => ({ ...f, removeProxyPassword: checked, proxyPassword: '' }))}
                  />
                )}
              </FormGroup>
              <ProxyTestAction form={form} />
            </Section>

            <Section title="Outbound TLS">
              <FormGroup fieldId="tls-verify">
                <Switch
                  id="tls-verify"
                  label="Verify certificates of outbound TLS connections"
                  isChecked={form.tlsVerify}
                  onChange={(_e, checked) => set('tlsVerify', checked)}
                />
                <FieldHelp
                  error={fieldError('tls')}
                  help={
                    form.tlsVerify
                      ? 'Certificates and host names of plugin and tenant servers are checked.'
                      : 'Not checking certificates exposes every outbound call to interception. Prefer adding the CA below.'
                  }
                />
              </FormGroup>
              <FormGroup label="Extra trusted CA certificates (PEM)" fieldId="tls-extra-ca">
                <TextArea
                  id="tls-extra-ca"
                  value={form.extraCa}
                  rows={5}
                  resizeOrientation="vertical"
                  placeholder={'-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----'}
                  onChange={(_e, v) => set('extraCa', v)}
                  validated={validated(fieldError('tls.extraCaCertificates'))}
                  style={{ fontFamily: 'var(--pf-t--global--font--family--mono)' }}
                />
                <FieldHelp
                  error={fieldError('tls.extraCaCertificates')}
                  help="Trusted besides the built-in ones, e.g. the CA of a TLS-inspecting proxy."
                />
              </FormGroup>
            </Section>

            <Section title="Logging">
              <FormGroup label="Log level" fieldId="log-level">
                <FormSelect
                  id="log-level"
                  value={form.logLevel}
                  onChange={(_e, v) => set('logLevel', v)}
                  validated={validated(fieldError('logLevel'))}
                >
                  <FormSelectOption value="" label="Default (CE_LOG_LEVEL of each service)" />
                  {LEVELS.map((l) => (
                    <FormSelectOption key={l} value={l} label={l} />
                  ))}
                </FormSelect>
                <FieldHelp error={fieldError('logLevel')} help="The root log level of every service. DEBUG is verbose: use it briefly." />
              </FormGroup>
            </Section>

            <Section title="Retention">
              <Content component="p">How many days each kind of data is kept (1 to 3650).</Content>
              <Grid hasGutter>
                {RETENTION.map((r) => {
                  const field = `retention.${r.key}`;
                  return (
                    <GridItem key={r.key} span={6}>
                      <FormGroup label={`${r.label} (days)`} fieldId={`retention-${r.key}`} isRequired>
                        <TextInput
                          id={`retention-${r.key}`}
                          type="number"
                          min={1}
                          max={3650}
                          value={form.retention[r.key]}
                          onChange={(_e, v) => set('retention', { ...form.retention, [r.key]: v })}
                          validated={validated(fieldError(field))}
                        />
                        <FieldHelp error={fieldError(field)} help={r.about} />
                      </FormGroup>
                    </GridItem>
                  );
                })}
              </Grid>
              <FieldHelp error={fieldError('retention')} />
            </Section>

            <Section title="Update check">
              <FormGroup fieldId="update-enabled">
                <Switch
                  id="update-enabled"
                  label="Check for newer releases"
                  isChecked={form.updateEnabled}
                  onChange={(_e, checked) => set('updateEnabled', checked)}
                />
                <FieldHelp error={fieldError('updateCheck')} help="Off: Open CE makes no traffic for it at all." />
              </FormGroup>
              <FormGroup label="Release feed URL" fieldId="update-feed" isRequired>
                <TextInput
                  id="update-feed"
                  type="url"
                  value={form.feedUrl}
                  onChange={(_e, v) => set('feedUrl', v)}
                  validated={validated(fieldError('updateCheck.feedUrl'))}
                />
                <FieldHelp
                  error={fieldError('updateCheck.feedUrl')}
                  help="An https:// URL answering like GitHub's latest release (tag_name)."
                />
              </FormGroup>
              <FormGroup label="Check interval (hours)" fieldId="update-interval" isRequired>
                <TextInput
                  id="update-interval"
                  type="number"
                  min={1}
                  max={168}
                  value={form.intervalHours}
                  onChange={(_e, v) => set('intervalHours', v)}
                  validated={validated(fieldError('updateCheck.intervalHours'))}
                />
                <FieldHelp error={fieldError('updateCheck.intervalHours')} help="1 to 168 hours." />
              </FormGroup>
            </Section>
          </Grid>
        </PageSection>
        <PageSection stickyOnBreakpoint={{ default: 'bottom' }} aria-label="Save settings">
          <Flex spaceItems={{ default: 'spaceItemsMd' }} alignItems={{ default: 'alignItemsCenter' }}>
            <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy || !dirty}>
              Save settings
            </Button>
            <Button variant="link" onClick={discard} isDisabled={busy || !dirty}>
              Discard changes
            </Button>
            {dirty ? (
              <Label color="orange" isCompact>
                Unsaved changes
              </Label>
            ) : (
              <LastChange settings={saved} />
            )}
          </Flex>
        </PageSection>
      </Form>
    </>
  );
}
