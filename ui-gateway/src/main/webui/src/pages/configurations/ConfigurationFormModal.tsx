import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Switch,
  TextInput,
} from '@patternfly/react-core';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDuration } from '../../components/format';
import {
  SchemaForm,
  fieldErrorsFromProblems,
  initialValues,
  problemText,
  storedSecrets,
  toConfiguration,
  validateValues,
  type FieldErrors,
  type FieldProblem,
  type FormValues,
  type PluginEntry,
} from '../../components/schema-form';
import {
  ALERT_SUBTYPES,
  DEFAULT_POLL_SECONDS,
  EVENT_TYPES,
  MAX_POLL_SECONDS,
  MIN_POLL_SECONDS,
  NAME_PATTERN,
  pulls,
  type ConfigurationForm,
  type ConfigurationView,
  type ModuleId,
  type ModuleTexts,
  type TenantSummary,
} from './model';

/** The form's own fields (not the plugin's), by the API's field names. */
type PageField = 'name' | 'pluginId' | 'pollIntervalSeconds' | 'tenantSource' | 'tenantSource.tenant' | 'tenantSource.alerts' | 'tenantSource.events';


function pageFieldOf(field: string | null): PageField | undefined {
  if (!field) return undefined;
  if (field === 'name' || field === 'pluginId' || field === 'pollIntervalSeconds' || field === 'tenantSource') return field;
  if (field.startsWith('tenantSource.tenant')) return 'tenantSource.tenant';
  if (field.startsWith('tenantSource.alerts')) return 'tenantSource.alerts';
  if (field.startsWith('tenantSource.events')) return 'tenantSource.events';
  return undefined;
}

/**
 * Creating or changing one configuration: the plugin (when creating), a name, on/off, how often a
 * pulling plugin runs, the Netskope tenant data it consumes (modules other than CLS), and the
 * plugin's own settings rendered from its manifest. Checks what the platform checks before sending;
 * the API's field errors land on their fields.
 */
export function ConfigurationFormModal({
  module,
  texts,
  plugins,
  view,
  initialErrors,
  onClose,
  onSaved,
}: {
  module: ModuleId;
  texts: ModuleTexts;
  /** This module's plugins from the catalogue. */
  plugins: PluginEntry[];
  /** The configuration to change; none to create one. */
  view?: ConfigurationView;
  /** Problems to show on the plugin's fields at once (a failed test). */
  initialErrors?: FieldErrors;
  onClose: () => void;
  onSaved: (saved: ConfigurationView, created: boolean) => void;
}) {
  const editing = !!view;
  const usable = plugins.filter((p) => p.enabled);
  const [pluginId, setPluginId] = useState(view?.pluginId ?? (usable.length === 1 ? usable[0].manifest.id : ''));
  const entry = plugins.find((p) => p.manifest.id === pluginId);
  const schema = useMemo(() => entry?.manifest.configuration ?? [], [entry]);
  const [name, setName] = useState(view?.name ?? '');
  const [enabled, setEnabled] = useState(view?.enabled ?? true);
  const [poll, setPoll] = useState(String(view?.pollIntervalSeconds ?? DEFAULT_POLL_SECONDS));
  const [tenant, setTenant] = useState(view?.tenantSource?.tenant ?? '');
  const [alerts, setAlerts] = useState<string[]>(view?.tenantSource?.alerts ?? []);
  const [events, setEvents] = useState<string[]>(view?.tenantSource?.events ?? []);
  const [values, setValues] = useState<FormValues>(() => initialValues(schema, view?.configuration));
  const secretsSet = useMemo(() => (view ? storedSecrets(schema, view.configuration) : []), [schema, view]);
  const [submitCount, setSubmitCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [apiFieldErrors, setApiFieldErrors] = useState<FieldErrors>(initialErrors ?? {});
  const [apiPageErrors, setApiPageErrors] = useState<Partial<Record<PageField, string>>>({});
  const [otherProblems, setOtherProblems] = useState<FieldProblem[]>([]);
  const [tenants, setTenants] = useState<TenantSummary[] | null>(null);
  const [tenantsError, setTenantsError] = useState<unknown>(null);
  const [focusTick, setFocusTick] = useState(initialErrors && Object.keys(initialErrors).length > 0 ? 1 : 0);

  // after a refused save: take the user to the first field with a problem (a stepped form turns its page first)
  useEffect(() => {
    if (focusTick === 0) return;
    const timer = setTimeout(() => {
      document.getElementById('configuration-form')?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }, 50);
    return () => clearTimeout(timer);
  }, [focusTick]);

  useEffect(() => {
    if (!texts.tenantSource) return;
    const controller = new AbortController();
    api
      .get<TenantSummary[]>('/api/tenants', { signal: controller.signal })
      .then(setTenants)
      .catch((e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setTenantsError(e);
      });
    return () => controller.abort();
  }, [texts.tenantSource]);

  const choosePlugin = (id: string) => {
    setPluginId(id);
    const next = plugins.find((p) => p.manifest.id === id);
    setValues(initialValues(next?.manifest.configuration ?? []));
    setApiFieldErrors({});
    setApiPageErrors((e) => ({ ...e, pluginId: undefined }));
    setOtherProblems([]);
    setSubmitCount(0);
  };

  const pagePulls = pulls(entry);
  const pageErrors: Partial<Record<PageField, string>> = {};
  if (!pluginId) pageErrors.pluginId = 'Choose the plugin to configure.';
  else if (!entry) pageErrors.pluginId = `The plugin '${pluginId}' is not installed, so this ${texts.noun} cannot be changed.`;
  if (!editing) {
    if (name.trim() === '') pageErrors.name = 'Give it a name.';
    else if (!NAME_PATTERN.test(name.trim())) pageErrors.name = 'Use 1 to 100 letters, digits, spaces, _ . or -, starting with a letter or digit.';
  }
  if (pagePulls) {
    const seconds = Number(poll);
    if (poll.trim() === '' || !Number.isInteger(seconds) || seconds < MIN_POLL_SECONDS || seconds > MAX_POLL_SECONDS) {
      pageErrors.pollIntervalSeconds = `Give whole seconds from ${MIN_POLL_SECONDS} to ${MAX_POLL_SECONDS} (one year).`;
    }
  }
  if (texts.tenantSource && tenant && alerts.length === 0 && events.length === 0) {
    pageErrors.tenantSource = 'Choose at least one alert type or event type, or no tenant.';
  }
  // a missing plugin is said at once when editing: nothing can be saved then
  const pageError = (field: PageField) =>
    apiPageErrors[field] ?? (submitCount > 0 || (editing && field === 'pluginId') ? pageErrors[field] : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitCount((c) => c + 1);
    setApiPageErrors({});
    setFailure(null);
    setOtherProblems([]);
    const schemaErrors = entry ? validateValues(schema, values, { secretsSet }) : {};
    if (Object.keys(pageErrors).length > 0 || Object.keys(schemaErrors).length > 0 || !entry) {
      setFocusTick((t) => t + 1);
      return;
    }
    const body: ConfigurationForm = {
      name: editing ? view!.name : name.trim(),
      pluginId,
      enabled,
      configuration: toConfiguration(schema, values, { secretsSet }),
    };
    if (pagePulls) body.pollIntervalSeconds = Number(poll);
    else if (view) body.pollIntervalSeconds = view.pollIntervalSeconds;
    if (texts.tenantSource) body.tenantSource = tenant ? { tenant, alerts, events } : null;
    else if (view?.tenantSource) body.tenantSource = view.tenantSource;
    setBusy(true);
    try {
      const base = `/api/${module}/configurations`;
      const saved = view
        ? await api.put<ConfigurationView>(`${base}/${encodeURIComponent(view.name)}`, body)
        : await api.post<ConfigurationView>(base, body);
      onSaved(saved, !view);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && !editing) {
        setApiPageErrors({ name: e.detail ?? 'A configuration of that name exists already.' });
        setFocusTick((t) => t + 1);
      } else if (e instanceof ApiError && e.errors.length > 0) {
        const mapped = fieldErrorsFromProblems(schema, e.errors, 'configuration.');
        const page: Partial<Record<PageField, string>> = {};
        const rest: FieldProblem[] = [];
        for (const p of mapped.other) {
          const f = pageFieldOf(p.field);
          if (f) page[f] = page[f] ? `${page[f]}; ${p.message}` : p.message;
          else rest.push(p);
        }
        setApiFieldErrors(mapped.fields);
        setApiPageErrors(page);
        setOtherProblems(rest);
        setFocusTick((t) => t + 1);
        if (rest.length === 0 && Object.keys(page).length === 0 && Object.keys(mapped.fields).length === 0) setFailure(e);
      } else {
        setFailure(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const schemaProblems = entry ? validateValues(schema, values, { secretsSet }) : {};
  const hasProblems =
    submitCount > 0 &&
    (Object.keys(pageErrors).length > 0 ||
      Object.keys(schemaProblems).length > 0 ||
      Object.values(apiPageErrors).some(Boolean) ||
      Object.keys(apiFieldErrors).length > 0);
  const title = editing ? `Edit ${texts.noun} "${view!.name}"` : texts.addLabel;

  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="configuration-form-title" aria-describedby="configuration-form-intro">
      <ModalHeader
        title={title}
        labelId="configuration-form-title"
        descriptorId="configuration-form-intro"
        description={
          editing
            ? `The plugin checks the settings when you save.${secretsSet.length > 0 ? ' Stored passwords are never shown; left empty they are kept.' : ''}`
            : `Choose a plugin, name the ${texts.noun} and fill in the plugin's settings. The plugin checks them when you save.`
        }
      />
      <ModalBody>
        <Form id="configuration-form" onSubmit={submit} noValidate>
          {otherProblems.length > 0 && (
            <Alert variant="danger" isInline title="The configuration was not accepted" data-testid="form-problems">
              <ul>
                {otherProblems.map((p, i) => (
                  <li key={i}>{problemText(p.field && p.field !== 'configuration' ? p.field : 'The configuration', p.message)}</li>
                ))}
              </ul>
            </Alert>
          )}
          {hasProblems && otherProblems.length === 0 && (
            <Alert variant="danger" isInline isPlain title="Check the highlighted fields." data-testid="form-check-fields" />
          )}
          <ErrorAlert error={failure} title={`The ${texts.noun} was not saved`} />

          {editing ? (
            <FormGroup label="Plugin" fieldId="cfg-plugin">
              <TextInput
                id="cfg-plugin"
                readOnlyVariant="default"
                value={entry ? `${entry.manifest.name} ${entry.manifest.version}` : `${view!.pluginName} (${view!.pluginId})`}
                aria-describedby="cfg-plugin-help"
              />
              <Help id="cfg-plugin-help" error={pageError('pluginId')} label="Plugin">
                {entry?.manifest.description ?? undefined}
              </Help>
            </FormGroup>
          ) : (
            <FormGroup label="Plugin" isRequired fieldId="cfg-plugin">
              <FormSelect
                id="cfg-plugin"
                value={pluginId}
                onChange={(_e, v) => choosePlugin(v)}
                validated={pageError('pluginId') ? 'error' : 'default'}
                aria-describedby="cfg-plugin-help"
                aria-required
              >
                <FormSelectOption value="" label={plugins.length === 0 ? 'No plugin installed' : 'Choose a plugin'} isPlaceholder />
                {plugins.map((p) => (
                  <FormSelectOption
                    key={p.manifest.id}
                    value={p.manifest.id}
                    label={`${p.manifest.name} ${p.manifest.version}${p.source === 'custom' ? ' (custom)' : ''}${p.enabled ? '' : ' (turned off)'}`}
                    isDisabled={!p.enabled}
                  />
                ))}
              </FormSelect>
              <Help id="cfg-plugin-help" error={pageError('pluginId')} label="Plugin">
                {entry ? pluginSummary(entry) : plugins.length === 0 ? `No plugin of this module is installed; a super-admin can upload one under Settings, Plugins.` : undefined}
              </Help>
            </FormGroup>
          )}

          <FormGroup label={texts.nameLabel} isRequired={!editing} fieldId="cfg-name">
            <TextInput
              id="cfg-name"
              value={name}
              onChange={(_e, v) => {
                setName(v);
                setApiPageErrors((e) => ({ ...e, name: undefined }));
              }}
              readOnlyVariant={editing ? 'default' : undefined}
              validated={pageError('name') ? 'error' : 'default'}
              aria-describedby="cfg-name-help"
              aria-required={!editing || undefined}
              placeholder={module === 'cls' ? 'siem-syslog' : undefined}
              autoComplete="off"
              spellCheck={false}
            />
            <Help id="cfg-name-help" error={pageError('name')} label={texts.nameLabel}>
              {editing
                ? 'The name cannot be changed.'
                : `1 to 100 letters, digits, spaces, _ . or -; ${module === 'cls' ? 'SIEM mappings refer to it' : 'it cannot be changed later'}.`}
            </Help>
          </FormGroup>

          <FormGroup fieldId="cfg-enabled">
            <Switch id="cfg-enabled" label="Enabled" isChecked={enabled} onChange={(_e, on) => setEnabled(on)} aria-describedby="cfg-enabled-help" />
            <Help id="cfg-enabled-help">
              {module === 'cls'
                ? 'A disabled destination keeps its settings; nothing is sent to it.'
                : `A disabled ${texts.noun} keeps its settings and does not run.`}
            </Help>
          </FormGroup>

          {pagePulls && (
            <FormGroup label="Poll interval (seconds)" isRequired fieldId="cfg-poll">
              <TextInput
                id="cfg-poll"
                type="number"
                value={poll}
                onChange={(_e, v) => {
                  setPoll(v);
                  setApiPageErrors((e) => ({ ...e, pollIntervalSeconds: undefined }));
                }}
                validated={pageError('pollIntervalSeconds') ? 'error' : 'default'}
                aria-describedby="cfg-poll-help"
                aria-required
              />
              <Help id="cfg-poll-help" error={pageError('pollIntervalSeconds')} label="Poll interval">
                How often the plugin pulls: 10 seconds to one year.
                {Number(poll) >= MIN_POLL_SECONDS ? ` Every ${formatDuration(Number(poll))}.` : ''}
              </Help>
            </FormGroup>
          )}

          {texts.tenantSource && (
            <TenantSourceFields
              tenants={tenants}
              tenantsError={tenantsError}
              tenant={tenant}
              alerts={alerts}
              events={events}
              onTenant={(t) => {
                setTenant(t);
                setApiPageErrors({});
              }}
              onAlerts={setAlerts}
              onEvents={setEvents}
              error={pageError}
            />
          )}

          {entry && (
            <>
              <Divider />
              <FormSection title={`${entry.manifest.name} settings`} titleElement="h2">
                <SchemaForm
                  key={entry.manifest.id}
                  fields={schema}
                  values={values}
                  onChange={(next) => setValues(next)}
                  errors={apiFieldErrors}
                  mode={editing ? 'edit' : 'create'}
                  secretsSet={secretsSet}
                  idPrefix="cfg-setting"
                  submitCount={submitCount}
                />
              </FormSection>
            </>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="configuration-form" isLoading={busy} isDisabled={busy || (editing && !entry)}>
          Save
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function pluginSummary(entry: PluginEntry): ReactNode {
  const m = entry.manifest;
  const extras = [
    m.dataTypes && m.dataTypes.length > 0 ? `accepts ${m.dataTypes.join(', ')}` : null,
    m.formats && m.formats.length > 0 ? `formats ${m.formats.map((f) => f.toUpperCase()).join(', ')}` : null,
  ].filter(Boolean);
  return (
    <>
      {m.description}
      {extras.length > 0 && ` (${extras.join('; ')})`}
    </>
  );
}

/** Help under a field: its error first, then the explanation. */
function Help({ id, error, label, children }: { id: string; error?: string; label?: string; children?: ReactNode }) {
  if (!error && !children) return null;
  return (
    <FormHelperText>
      <HelperText id={id}>
        {error && <HelperTextItem variant="error">{label ? problemText(label, error) : error}</HelperTextItem>}
        {children && <HelperTextItem>{children}</HelperTextItem>}
      </HelperText>
    </FormHelperText>
  );
}

function TenantSourceFields({
  tenants,
  tenantsError,
  tenant,
  alerts,
  events,
  onTenant,
  onAlerts,
  onEvents,
  error,
}: {
  tenants: TenantSummary[] | null;
  tenantsError: unknown;
  tenant: string;
  alerts: string[];
  events: string[];
  onTenant: (tenant: string) => void;
  onAlerts: (alerts: string[]) => void;
  onEvents: (events: string[]) => void;
  error: (field: PageField) => string | undefined;
}) {
  const names = (tenants ?? []).map((t) => t.name);
  if (tenant && !names.includes(tenant)) names.push(tenant);
  const toggle = (list: string[], key: string, on: boolean) => (on ? [...list.filter((k) => k !== key), key] : list.filter((k) => k !== key));
  const group = (kind: 'alerts' | 'events', label: string, options: readonly string[], selected: string[], set: (v: string[]) => void) => (
    <FormGroup label={label} fieldId={`cfg-tenant-${kind}`} role="group" aria-describedby={`cfg-tenant-${kind}-help`}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))', gap: 'var(--pf-t--global--spacer--sm)' }}>
        {options.map((o) => (
          <Checkbox key={o} id={`cfg-tenant-${kind}-${o}`} label={o} isChecked={selected.includes(o)} onChange={(_e, on) => set(toggle(selected, o, on))} />
        ))}
      </div>
      <Help id={`cfg-tenant-${kind}-help`} error={error(`tenantSource.${kind}`)} label={label} />
    </FormGroup>
  );
  return (
    <FormSection title="Netskope tenant data" titleElement="h2">
      {tenantsError ? <ErrorAlert error={tenantsError} title="The tenants could not be listed" /> : null}
      <FormGroup label="Tenant" fieldId="cfg-tenant">
        <FormSelect
          id="cfg-tenant"
          value={tenant}
          onChange={(_e, v) => onTenant(v)}
          validated={error('tenantSource.tenant') ? 'error' : 'default'}
          aria-describedby="cfg-tenant-help"
        >
          <FormSelectOption value="" label="None" />
          {names.map((n) => (
            <FormSelectOption key={n} value={n} label={n} />
          ))}
        </FormSelect>
        <Help id="cfg-tenant-help" error={error('tenantSource.tenant') ?? error('tenantSource')} label="Tenant">
          The alerts and events of this tenant that the plugin receives; None when it needs no tenant data.
        </Help>
      </FormGroup>
      {tenant && (
        <>
          {group('alerts', 'Alert types', ALERT_SUBTYPES, alerts, onAlerts)}
          {group('events', 'Event types', EVENT_TYPES, events, onEvents)}
        </>
      )}
    </FormSection>
  );
}
