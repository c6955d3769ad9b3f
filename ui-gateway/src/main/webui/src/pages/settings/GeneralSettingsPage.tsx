import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
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
  Title,
} from '@patternfly/react-core';
import { api, ApiError } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../components/format';
import { allFieldsShown, apiFieldError, FieldHelp, Loading, rangeProblem, useToasts, validated, wholeNumber } from './shared';

/** PlatformSettings of core-service, as GET /api/settings shows them (nulls left out). */
export interface PlatformSettings {
  modules: Modules;
  proxy: {
    enabled: boolean;
    scheme?: string | null;
    host?: string | null;
    port?: number | null;
    username?: string | null;
    /** "********" when one is stored. */
    password?: string | null;
  };
  tls: { verify: boolean; extraCaCertificates?: string | null };
  logLevel?: string | null;
  retention: Retention;
  updateCheck: { enabled: boolean; feedUrl: string; intervalHours: number };
  updatedAt?: string | null;
  updatedBy?: string | null;
}

interface Modules {
  cte: boolean;
  cto: boolean;
  cre: boolean;
  cls: boolean;
}

interface Retention {
  logsDays: number;
  alertsDays: number;
  eventsDays: number;
  ticketsDays: number;
  notificationsDays: number;
  parkedDays: number;
}

const MODULES: { key: keyof Modules; name: string; about: string }[] = [
  { key: 'cls', name: 'Log Shipper (CLS)', about: 'Alerts, events and web transactions from Netskope to SIEMs.' },
  { key: 'cte', name: 'Threat Exchange (CTE)', about: 'Indicators shared between Netskope and security products.' },
  { key: 'cto', name: 'Ticket Orchestrator (CTO)', about: 'Tickets and notifications from Netskope alerts.' },
  { key: 'cre', name: 'Risk Exchange (CRE)', about: 'Risk scores of users, devices and applications, and actions on them.' },
];

const RETENTION: { key: keyof Retention; label: string; about: string }[] = [
  { key: 'logsDays', label: 'Platform logs', about: 'The Logging page.' },
  { key: 'alertsDays', label: 'Alerts', about: 'Netskope alerts pulled for the modules.' },
  { key: 'eventsDays', label: 'Events', about: 'Netskope events pulled for the modules.' },
  { key: 'ticketsDays', label: 'Tickets', about: 'Ticket Orchestrator tickets and their history.' },
  { key: 'notificationsDays', label: 'Notifications', about: 'Resolved notifications of the bell.' },
  { key: 'parkedDays', label: 'Parked batches', about: 'Batches a destination refused, kept for a retry.' },
];

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** What the form edits: numbers as the text typed, the proxy password as a new value or an instruction. */
interface FormState {
  modules: Modules;
  proxyEnabled: boolean;
  proxyHost: string;
  proxyPort: string;
  proxyUsername: string;
  proxyPassword: string;
  proxyPasswordSet: boolean;
  removeProxyPassword: boolean;
  tlsVerify: boolean;
  extraCa: string;
  logLevel: string;
  retention: Record<keyof Retention, string>;
  updateEnabled: boolean;
  feedUrl: string;
  intervalHours: string;
}

function toForm(s: PlatformSettings): FormState {
  const retention = {} as Record<keyof Retention, string>;
  for (const r of RETENTION) retention[r.key] = String(s.retention?.[r.key] ?? '');
  return {
    modules: { cte: !!s.modules?.cte, cto: !!s.modules?.cto, cre: !!s.modules?.cre, cls: !!s.modules?.cls },
    proxyEnabled: !!s.proxy?.enabled,
    proxyHost: s.proxy?.host ?? '',
    proxyPort: s.proxy?.port == null ? '' : String(s.proxy.port),
    proxyUsername: s.proxy?.username ?? '',
    proxyPassword: '',
    proxyPasswordSet: !!s.proxy?.password,
    removeProxyPassword: false,
    tlsVerify: s.tls?.verify ?? true,
    extraCa: s.tls?.extraCaCertificates ?? '',
    logLevel: s.logLevel ? s.logLevel.toUpperCase() : '',
    retention,
    updateEnabled: !!s.updateCheck?.enabled,
    feedUrl: s.updateCheck?.feedUrl ?? '',
    intervalHours: s.updateCheck ? String(s.updateCheck.intervalHours) : '',
  };
}

/** The PUT body: a password left empty is sent as null (keep the stored one), a removed one as "". */
function toBody(f: FormState) {
  const retention = {} as Record<keyof Retention, number>;
  for (const r of RETENTION) retention[r.key] = wholeNumber(f.retention[r.key]) ?? 0;
  return {
    modules: f.modules,
    proxy: {
      enabled: f.proxyEnabled,
      scheme: 'http',
      host: f.proxyHost.trim() || null,
      port: f.proxyPort.trim() === '' ? null : (wholeNumber(f.proxyPort) ?? 0),
      username: f.proxyUsername.trim() || null,
      password: f.removeProxyPassword ? '' : f.proxyPassword !== '' ? f.proxyPassword : null,
    },
    tls: { verify: f.tlsVerify, extraCaCertificates: f.extraCa.trim() ? f.extraCa : null },
    logLevel: f.logLevel || null,
    retention,
    updateCheck: { enabled: f.updateEnabled, feedUrl: f.feedUrl.trim(), intervalHours: wholeNumber(f.intervalHours) ?? 0 },
  };
}

/** Problems the form can tell before asking the API (the API checks everything again). */
function localProblems(f: FormState): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const r of RETENTION) {
    const p = rangeProblem(f.retention[r.key], 1, 3650, 'days');
    if (p) problems[`retention.${r.key}`] = p;
  }
  const interval = rangeProblem(f.intervalHours, 1, 168, 'hours');
  if (interval) problems['updateCheck.intervalHours'] = interval;
  if (f.proxyEnabled && f.proxyHost.trim() === '') problems['proxy.host'] = 'is required when the proxy is on';
  if (f.proxyEnabled || f.proxyPort.trim() !== '') {
    const port = rangeProblem(f.proxyPort, 1, 65535);
    if (port) problems['proxy.port'] = port;
  }
  return problems;
}

/** Settings > General: modules on/off, proxy, outbound TLS, log level, retention and update check. */
export function GeneralSettingsPage() {
  const { can } = useAuth();
  const editable = can('super-admin');
  const settings = usePoll((signal) => api.get<PlatformSettings>('/api/settings', { signal }), 0);

  return (
    <>
      <PageHeader
        title="General"
        description="Settings of the whole suite. Every service applies a change at once, without a restart."
      />
      {settings.error && !settings.data ? (
        <PageSection>
          <ErrorAlert error={settings.error} title="The settings could not be loaded" onRetry={settings.reload} />
        </PageSection>
      ) : !settings.data ? (
        <PageSection>
          <Loading label="Loading settings" />
        </PageSection>
      ) : editable ? (
        <SettingsForm settings={settings.data} />
      ) : (
        <SettingsView settings={settings.data} />
      )}
    </>
  );
}

function Section({ title, children, span = 6 }: { title: string; children: ReactNode; span?: 6 | 12 }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <GridItem span={12} xl={span}>
      <Card component="section" aria-labelledby={id} style={{ height: '100%' }}>
        <CardTitle>
          <Title headingLevel="h2" size="lg" id={id}>
            {title}
          </Title>
        </CardTitle>
        <CardBody>{children}</CardBody>
      </Card>
    </GridItem>
  );
}

function LastChange({ settings }: { settings: PlatformSettings }) {
  if (!settings.updatedAt) return <Content component="small">Defaults: nobody has changed the settings yet.</Content>;
  return (
    <Content component="small" data-testid="last-change">
      Last changed {formatTime(settings.updatedAt)}
      {settings.updatedBy ? ` by ${settings.updatedBy}` : ''}.
    </Content>
  );
}

function OnOff({ on, onText = 'On', offText = 'Off' }: { on: boolean; onText?: string; offText?: string }) {
  return (
    <Label color={on ? 'green' : 'grey'} isCompact>
      {on ? onText : offText}
    </Label>
  );
}

/** What a user below super-admin sees: the values, nothing to change. */
function SettingsView({ settings: s }: { settings: PlatformSettings }) {
  const row = (term: string, value: ReactNode) => (
    <DescriptionListGroup key={term}>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <PageSection>
      <Alert variant="info" isInline title="Only the super-admin can change these settings." style={{ marginBottom: 16 }} />
      <Grid hasGutter>
        <Section title="Modules">
          <DescriptionList isHorizontal aria-label="Modules">
            {MODULES.map((m) => row(m.name, <OnOff on={s.modules?.[m.key]} />))}
          </DescriptionList>
        </Section>
        <Section title="Proxy">
          <DescriptionList isHorizontal aria-label="Proxy">
            {row('Proxy', <OnOff on={!!s.proxy?.enabled} onText="Used for outbound calls" offText="Direct connections" />)}
            {row('Host', s.proxy?.host ?? '—')}
            {row('Port', s.proxy?.port ?? '—')}
            {row('Username', s.proxy?.username ?? '—')}
            {row('Password', s.proxy?.password ? 'Set' : 'Not set')}
          </DescriptionList>
        </Section>
        <Section title="Outbound TLS">
          <DescriptionList isHorizontal aria-label="Outbound TLS">
            {row('Certificate checks', <OnOff on={s.tls?.verify ?? true} onText="Verified" offText="Not verified" />)}
            {row(
              'Extra trusted CA certificates',
              s.tls?.extraCaCertificates ? `${(s.tls.extraCaCertificates.match(/BEGIN CERTIFICATE/g) ?? []).length} certificate(s)` : 'None',
            )}
          </DescriptionList>
        </Section>
        <Section title="Logging">
          <DescriptionList isHorizontal aria-label="Logging">
            {row('Log level', s.logLevel ? s.logLevel.toUpperCase() : 'Default (CE_LOG_LEVEL)')}
          </DescriptionList>
        </Section>
        <Section title="Retention">
          <DescriptionList isHorizontal aria-label="Retention">
            {RETENTION.map((r) => row(r.label, `${s.retention?.[r.key] ?? '—'} days`))}
          </DescriptionList>
        </Section>
        <Section title="Update check">
          <DescriptionList isHorizontal aria-label="Update check">
            {row('Update check', <OnOff on={!!s.updateCheck?.enabled} />)}
            {row('Feed URL', s.updateCheck?.feedUrl ?? '—')}
            {row('Interval', s.updateCheck ? `every ${s.updateCheck.intervalHours} hours` : '—')}
          </DescriptionList>
        </Section>
      </Grid>
      <div style={{ marginTop: 16 }}>
        <LastChange settings={s} />
      </div>
    </PageSection>
  );
}

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

function SettingsForm({ settings }: { settings: PlatformSettings }) {
  const [saved, setSaved] = useState(settings);
  const initial = useMemo(() => toForm(saved), [saved]);
  const [form, setForm] = useState<FormState>(initial);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
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
    setBusy(true);
    setError(null);
    try {
      const next = await api.put<PlatformSettings>('/api/settings', toBody(form));
      setSaved(next);
      setForm(toForm(next));
      notify('Settings saved. Every service applies them now.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
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
          <ActionGroup style={{ marginTop: 0, alignItems: 'center' }}>
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
          </ActionGroup>
        </PageSection>
      </Form>
    </>
  );
}
