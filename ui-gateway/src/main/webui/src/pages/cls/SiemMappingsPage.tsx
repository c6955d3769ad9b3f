import { Fragment, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  CodeBlock,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Form,
  FormGroup,
  FormSection,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Label,
  LabelGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  PageSection,
  Progress,
  Radio,
  Skeleton,
  Stack,
  StackItem,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { AngleDownIcon, AngleRightIcon, PlusIcon } from '@patternfly/react-icons';
import { api, ApiError } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowAction } from '../../components/RowAction';
import { useKeySet } from '../../components/useKeySet';
import { formatNumber, formatTime } from '../../components/format';
import { checkRule, DENSE, ErrorItem, errorsUnder, FieldHelp, fromLocalInput, messageUnder, NoticeItem, timeZoneName, toLocalInput, unplaced } from './common';
import { RuleHelp } from './RuleHelp';
import {
  ALERT_SUBTYPES,
  EVENT_TYPES,
  type ConfigurationView,
  type HistoricalJob,
  type MappingFileSummary,
  type SiemMapping,
  type TenantView,
} from './types';
import { useAction } from '../../api/useAction';

const DEFAULT_MAX_ATTEMPTS = 20;
/** How often the pulls are read again while one runs. */
export const PULL_REFRESH_MS = 3000;

function isMuted(m: SiemMapping, now = Date.now()): boolean {
  return !!m.mute?.until && Date.parse(m.mute.until) > now;
}

function sourceText(m: SiemMapping): string {
  const parts = [];
  if (m.source.alerts.length) parts.push(`alerts: ${m.source.alerts.join(', ')}`);
  if (m.source.events.length) parts.push(`events: ${m.source.events.join(', ')}`);
  return parts.join('; ');
}

function retryText(m: SiemMapping): string {
  if (m.retry?.strategy === 'infinite') return 'Retry for ever';
  return `Park after ${m.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS} failed deliveries`;
}

/** SIEM mappings: which tenant data goes to which destinations, under which rule and mapping file. */
export function SiemMappingsPage() {
  const { can } = useAuth();
  const admin = can('admin');
  const [params, setParams] = useSearchParams();
  const editing = params.get('mapping');
  const creating = params.get('new') !== null;
  const list = usePoll((signal) => api.get<SiemMapping[]>('/api/cls/siem-mappings', { signal }), 0);
  const [notice, setNotice] = useState<string | null>(null);
  const { keys: expanded, toggle } = useKeySet(() => (editing ? [editing] : []));
  const [deleting, setDeleting] = useState<SiemMapping | null>(null);
  const [pulls, setPulls] = useState<SiemMapping | null>(null);

  const go = (next: Record<string, string> | null) => setParams(next ?? {}, { replace: false });

  if (admin && (creating || editing)) {
    const existing = editing ? list.data?.find((m) => m.name === editing) : undefined;
    return (
      <>
        <PageHeader
          title={creating ? 'New SIEM mapping' : `SIEM mapping ${editing}`}
          description="Which tenant data goes to which destinations: the tenant's alert subtypes and event types, a rule that picks the records, the mapping file that writes them."
        />
        <PageSection>
          {editing && !existing ? (
            list.error ? (
              <ErrorAlert error={list.error} onRetry={list.reload} />
            ) : list.data ? (
              <Alert variant="warning" isInline title={`There is no SIEM mapping named ${editing}`}>
                <Link to="/cls/siem-mappings">Back to SIEM mappings</Link>
              </Alert>
            ) : (
              <Skeleton height="400px" screenreaderText="Loading the SIEM mapping" />
            )
          ) : (
            <MappingForm
              key={editing ?? 'new'}
              existing={existing}
              onCancel={() => go(null)}
              onSaved={(saved, created) => {
                setNotice(
                  created
                    ? `SIEM mapping ${saved.name} created.${saved.enabled === false ? '' : ' The tenant data it needs starts being pulled.'}`
                    : `SIEM mapping ${saved.name} saved.`,
                );
                list.reload();
                go(null);
              }}
            />
          )}
        </PageSection>
      </>
    );
  }

  const mappings = list.data ?? [];

  return (
    <>
      <PageHeader
        title="SIEM mappings"
        description="Each SIEM mapping sends a Netskope tenant's alerts and events to one or more destinations, filtered by a rule and written with a mapping file."
        actions={
          admin && (
            <Button icon={<PlusIcon />} onClick={() => go({ new: '' })}>
              Create SIEM mapping
            </Button>
          )
        }
      />
      <PageSection>
        <Stack hasGutter>
          <NoticeItem notice={notice} onClose={() => setNotice(null)} />
          <ErrorItem error={list.error} title="Could not load the SIEM mappings" onRetry={list.reload} />
          <StackItem>
            {!list.data && list.loading ? (
              <Skeleton height="240px" screenreaderText="Loading the SIEM mappings" />
            ) : list.data && mappings.length === 0 ? (
              <EmptyState titleText="No SIEM mappings yet" headingLevel="h2">
                <EmptyStateBody>
                  A SIEM mapping takes alerts and events from a Netskope tenant and sends them to destinations (syslog, Splunk HEC, a webhook).
                  {admin ? ' Add a destination first if there is none, then create a SIEM mapping.' : ' An admin can create one.'}
                </EmptyStateBody>
                {admin && (
                  <EmptyStateFooter>
                    <EmptyStateActions>
                      <Button onClick={() => go({ new: '' })}>Create SIEM mapping</Button>
                      <Link to="/cls/configurations">Destinations</Link>
                    </EmptyStateActions>
                  </EmptyStateFooter>
                )}
              </EmptyState>
            ) : list.data ? (
              <Table aria-label="SIEM mappings" variant="compact" style={DENSE}>
                <Thead>
                  <Tr>
                    <Th screenReaderText="Details" />
                    <Th modifier="wrap">Name</Th>
                    <Th modifier="wrap">Tenant</Th>
                    <Th modifier="wrap">Data</Th>
                    <Th modifier="wrap">Destinations</Th>
                    <Th modifier="wrap">Mapping file</Th>
                    <Th modifier="wrap">Status</Th>
                    <Th screenReaderText="Actions" />
                  </Tr>
                </Thead>
                {mappings.map((m, i) => {
                  const open = expanded.has(m.name);
                  return (
                    <Tbody key={m.name} isExpanded={open}>
                      <Tr>
                        <Td style={{ width: 40 }}>
                          <Button
                            variant="plain"
                            aria-label={`Details of ${m.name}`}
                            aria-expanded={open}
                            aria-controls={`siem-details-${i}`}
                            onClick={() => toggle(m.name)}
                            icon={open ? <AngleDownIcon /> : <AngleRightIcon />}
                          />
                        </Td>
                        <Td dataLabel="Name">
                          <strong>{m.name}</strong>
                        </Td>
                        <Td dataLabel="Tenant">{m.source.tenant}</Td>
                        <Td dataLabel="Data" modifier="wrap">
                          {sourceText(m)}
                        </Td>
                        <Td dataLabel="Destinations">
                          <LabelGroup numLabels={3}>
                            {m.destinations.map((d) => (
                              <Label key={d} isCompact>
                                {d}
                              </Label>
                            ))}
                          </LabelGroup>
                        </Td>
                        <Td dataLabel="Mapping file">{m.mappingFile}</Td>
                        <Td dataLabel="Status">
                          <LabelGroup>
                            {m.enabled === false ? (
                              <Label isCompact>Disabled</Label>
                            ) : (
                              <Label isCompact status="success">
                                Enabled
                              </Label>
                            )}
                            {isMuted(m) && (
                              <Label isCompact status="warning">
                                Muted until {formatTime(m.mute!.until)}
                              </Label>
                            )}
                          </LabelGroup>
                        </Td>
                        <Td dataLabel="Actions" modifier="nowrap" isActionCell>
                          {admin && (
                            <RowAction label="Edit" of={m.name} onClick={() => go({ mapping: m.name })} />
                          )}
                          {admin && ' · '}
                          <Button variant="link" isInline aria-label={`Historical pulls of ${m.name}`} onClick={() => setPulls(m)}>
                            Historical pulls
                          </Button>
                          {admin && (
                            <>
                              {' · '}
                              <RowAction label="Delete" of={m.name} onClick={() => setDeleting(m)} danger />
                            </>
                          )}
                        </Td>
                      </Tr>
                      <Tr isExpanded={open} id={`siem-details-${i}`}>
                        <Td colSpan={8}>
                          <ExpandableRowContent>{open && <MappingDetails mapping={m} />}</ExpandableRowContent>
                        </Td>
                      </Tr>
                    </Tbody>
                  );
                })}
              </Table>
            ) : null}
          </StackItem>
        </Stack>
      </PageSection>
      {deleting && (
        <ConfirmDialog
          title={`Delete SIEM mapping ${deleting.name}?`}
          onConfirm={async () => {
            await api.del(`/api/cls/siem-mappings/${encodeURIComponent(deleting.name)}`);
            setNotice(`SIEM mapping ${deleting.name} deleted.`);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          Its records stop going to {deleting.destinations.join(', ')}; batches still waiting in its queues are dropped. Parked batches stay and
          can only be discarded. This cannot be undone.
        </ConfirmDialog>
      )}
      {pulls && <PullsModal mapping={pulls} admin={admin} onClose={() => setPulls(null)} />}
    </>
  );
}

function MappingDetails({ mapping: m }: { mapping: SiemMapping }) {
  return (
    <DescriptionList isCompact isHorizontal aria-label={`Details of ${m.name}`}>
      <Group term="Alert subtypes">{m.source.alerts.join(', ') || 'none'}</Group>
      <Group term="Event types">{m.source.events.join(', ') || 'none'}</Group>
      <Group term="Rule">
        {m.rule ? (
          <CodeBlock>
            <CodeBlockCode>{JSON.stringify(m.rule, null, 2)}</CodeBlockCode>
          </CodeBlock>
        ) : (
          'none: every record is sent'
        )}
      </Group>
      <Group term="Retries">{retryText(m)}</Group>
      <Group term="Mute">
        {m.mute ? (
          <>
            {isMuted(m) ? 'until' : 'ended'} {formatTime(m.mute.until)}
            {m.mute.reason ? ` — ${m.mute.reason}` : ''}
            {m.mute.rule ? <CodeBlock><CodeBlockCode>{JSON.stringify(m.mute.rule, null, 2)}</CodeBlockCode></CodeBlock> : ' (every record)'}
          </>
        ) : (
          'none'
        )}
      </Group>
      <Group term="Created">{formatTime(m.createdAt)}</Group>
      <Group term="Updated">{formatTime(m.updatedAt)}</Group>
    </DescriptionList>
  );
}

function Group({ term, children }: { term: string; children: ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

interface Choices {
  tenants: TenantView[] | null;
  configurations: ConfigurationView[] | null;
  files: MappingFileSummary[] | null;
  problems: string[];
}

/** The lists the form chooses from; each may fail on its own and the form still works. */
async function loadChoices(signal: AbortSignal): Promise<Choices> {
  const problems: string[] = [];
  const one = async <T,>(path: string, what: string): Promise<T | null> => {
    try {
      return await api.get<T>(path, { signal });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      problems.push(`Could not load the ${what}: ${e instanceof ApiError ? e.detail ?? e.title : String(e)}`);
      return null;
    }
  };
  const [tenants, configurations, files] = await Promise.all([
    one<TenantView[]>('/api/tenants', 'Netskope tenants'),
    one<ConfigurationView[]>('/api/cls/configurations', 'destinations'),
    one<MappingFileSummary[]>('/api/cls/mapping-files', 'mapping files'),
  ]);
  return { tenants, configurations, files, problems };
}

/** Fields whose errors are shown on the field (the rest go to the alert at the top). */
const PLACED = ['name', 'source.tenant', 'source.alerts', 'source.events', 'rule', 'mappingFile', 'destinations', 'retry', 'mute', 'enabled'];
const isPlaced = (field: string) =>
  field === 'source' || PLACED.some((p) => field === p || field.startsWith(p + '.') || field.startsWith(p + '['));

function MappingForm({
  existing,
  onSaved,
  onCancel,
}: {
  existing?: SiemMapping;
  onSaved: (saved: SiemMapping, created: boolean) => void;
  onCancel: () => void;
}) {
  const choices = usePoll(loadChoices, 0);
  const [name, setName] = useState(existing?.name ?? '');
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [tenant, setTenant] = useState(existing?.source.tenant ?? '');
  const [alerts, setAlerts] = useState<string[]>(existing?.source.alerts ?? []);
  const [events, setEvents] = useState<string[]>(existing?.source.events ?? []);
  const [destinations, setDestinations] = useState<string[]>(existing?.destinations ?? []);
  const [mappingFile, setMappingFile] = useState(existing?.mappingFile ?? '');
  const [ruleText, setRuleText] = useState(existing?.rule ? JSON.stringify(existing.rule, null, 2) : '');
  const [strategy, setStrategy] = useState<'limited' | 'infinite'>(existing?.retry?.strategy ?? 'limited');
  const [maxAttempts, setMaxAttempts] = useState(String(existing?.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const [muteOn, setMuteOn] = useState(!!existing?.mute);
  const [muteUntil, setMuteUntil] = useState(toLocalInput(existing?.mute?.until));
  const [muteRuleText, setMuteRuleText] = useState(existing?.mute?.rule ? JSON.stringify(existing.mute.rule, null, 2) : '');
  const [muteReason, setMuteReason] = useState(existing?.mute?.reason ?? '');
  const { busy, error, run } = useAction();
  const [tried, setTried] = useState(false);

  const files = choices.data?.files;
  // a new mapping starts with the shipped CEF file, what a syslog SIEM reads
  useEffect(() => {
    if (!existing && !mappingFile && files?.length) setMappingFile(files.find((f) => f.name === 'default-cef')?.name ?? files[0].name);
  }, [existing, mappingFile, files]);

  const rule = useMemo(() => checkRule(ruleText), [ruleText]);
  const muteRule = useMemo(() => checkRule(muteRuleText), [muteRuleText]);
  const attempts = Number(maxAttempts);
  const localProblems = {
    rule: rule.problem,
    muteRule: muteOn ? muteRule.problem : undefined,
    muteUntil: muteOn && tried && !fromLocalInput(muteUntil) ? 'is required: when the mute ends' : undefined,
    maxAttempts:
      strategy === 'limited' && tried && (maxAttempts.trim() === '' || !Number.isInteger(attempts)) ? 'must be a whole number (1 to 1000)' : undefined,
  };

  const fieldError = (field: string) => messageUnder(error, field);
  const sourceError = error instanceof ApiError ? error.fieldMessage('source') : undefined;

  const body = (): SiemMapping => ({
    name: name.trim(),
    source: { tenant, alerts, events },
    rule: rule.value ?? null,
    mappingFile,
    destinations,
    enabled,
    retry: strategy === 'infinite' ? { strategy } : { strategy, maxAttempts: attempts },
    mute: muteOn ? { until: fromLocalInput(muteUntil) ?? '', rule: muteRule.value ?? null, reason: muteReason.trim() || null } : null,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (
      rule.problem ||
      (muteOn && (muteRule.problem || !fromLocalInput(muteUntil))) ||
      (strategy === 'limited' && (maxAttempts.trim() === '' || !Number.isInteger(attempts)))
    ) {
      return;
    }
    await run(async () => {
      const saved = existing
        ? await api.put<SiemMapping>(`/api/cls/siem-mappings/${encodeURIComponent(existing.name)}`, body())
        : await api.post<SiemMapping>('/api/cls/siem-mappings', body());
      onSaved(saved ?? body(), !existing);
    });
  };

  const tenants = choices.data?.tenants ?? [];
  const tenantOptions = [...new Set([...tenants.map((t) => t.name), ...(tenant ? [tenant] : [])])];
  const configurations = choices.data?.configurations ?? [];
  const known = new Set(configurations.map((c) => c.name));
  const missingDestinations = destinations.filter((d) => !known.has(d));
  const rest = unplaced(error, isPlaced);
  const hasPlaced = error instanceof ApiError && error.errors.some((e) => isPlaced(e.field));

  const flip = (list: string[], set: (v: string[]) => void, value: string, on: boolean) =>
    set(on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));

  return (
    <Form onSubmit={submit} aria-label={existing ? `Edit SIEM mapping ${existing.name}` : 'New SIEM mapping'} style={{ maxWidth: 960 }} noValidate>
      {choices.data?.problems.map((p) => (
        <Alert key={p} variant="warning" isInline isPlain title={p} />
      ))}
      {hasPlaced && !(rest instanceof ApiError && rest.errors.length > 0) ? (
        <Alert variant="danger" isInline title="The SIEM mapping was not saved">
          {(error as ApiError).detail ?? 'Correct the fields marked below.'}
        </Alert>
      ) : (
        <ErrorAlert error={rest} title={error instanceof ApiError ? 'The SIEM mapping was not saved' : undefined} />
      )}

      <FormSection title="General" titleElement="h2">
        <Grid hasGutter>
          <GridItem md={8}>
            <FormGroup label="Name" isRequired fieldId="siem-name">
              <TextInput
                id="siem-name"
                value={name}
                onChange={(_e, v) => setName(v)}
                isRequired
                readOnlyVariant={existing ? 'default' : undefined}
                validated={fieldError('name') ? 'error' : 'default'}
              />
              <FieldHelp
                error={fieldError('name')}
                hint={existing ? 'The name cannot be changed.' : 'Letters, digits, spaces, _ . or -; up to 100 characters.'}
              />
            </FormGroup>
          </GridItem>
          <GridItem md={4}>
            <FormGroup label="Delivery" fieldId="siem-enabled">
              <Switch id="siem-enabled" label="Enabled" isChecked={enabled} onChange={(_e, v) => setEnabled(v)} />
              <FieldHelp error={fieldError('enabled')} hint={enabled ? undefined : 'Disabled: nothing is pulled or sent; waiting batches stay queued.'} />
            </FormGroup>
          </GridItem>
        </Grid>
        <FormGroup label="Source tenant" isRequired fieldId="siem-tenant">
          <FormSelect
            id="siem-tenant"
            value={tenant}
            onChange={(_e, v) => setTenant(v)}
            validated={fieldError('source.tenant') ? 'error' : 'default'}
            isDisabled={!choices.data && choices.loading}
          >
            <FormSelectOption value="" label={tenantOptions.length ? 'Choose a Netskope tenant' : 'No Netskope tenant configured'} isPlaceholder />
            {tenantOptions.map((t) => (
              <FormSelectOption key={t} value={t} label={tenants.find((x) => x.name === t)?.tenantName ? `${t} (${tenants.find((x) => x.name === t)!.tenantName})` : t} />
            ))}
          </FormSelect>
          <FieldHelp
            error={fieldError('source.tenant')}
            hint={
              choices.data && tenants.length === 0 ? (
                <>
                  Add a tenant under <Link to="/settings/tenants">Settings → Netskope tenants</Link> first.
                </>
              ) : undefined
            }
          />
        </FormGroup>
        <SubtypeGroup
          label="Alert subtypes"
          kind="alerts"
          all={ALERT_SUBTYPES}
          selected={alerts}
          onChange={setAlerts}
          onFlip={(v, on) => flip(alerts, setAlerts, v, on)}
          error={fieldError('source.alerts')}
        />
        <SubtypeGroup
          label="Event types"
          kind="events"
          all={EVENT_TYPES}
          selected={events}
          onChange={setEvents}
          onFlip={(v, on) => flip(events, setEvents, v, on)}
          error={fieldError('source.events') ?? sourceError}
        />
      </FormSection>

      <FormSection title="Destinations and format" titleElement="h2">
        <FormGroup label="Destinations" isRequired role="group" fieldId="siem-destinations" isStack>
          {configurations.map((c) => (
            <Checkbox
              key={c.name}
              id={`siem-destination-${c.name}`}
              label={c.name}
              description={[c.pluginName ?? c.pluginId, c.enabled ? null : 'disabled'].filter(Boolean).join(' · ')}
              isChecked={destinations.includes(c.name)}
              onChange={(_e, on) => flip(destinations, setDestinations, c.name, on)}
            />
          ))}
          {missingDestinations.map((d) => (
            <Checkbox
              key={d}
              id={`siem-destination-${d}`}
              label={d}
              description="not a configuration any more"
              isChecked
              onChange={(_e, on) => flip(destinations, setDestinations, d, on)}
            />
          ))}
          <FieldHelp
            error={fieldError('destinations')}
            hint={
              choices.data && configurations.length === 0 ? (
                <>
                  There is no destination yet: add one under <Link to="/cls/configurations">Destinations</Link>.
                </>
              ) : (
                'Each destination gets its own copy of the records, at its own pace.'
              )
            }
          />
        </FormGroup>
        <FormGroup label="Mapping file" isRequired fieldId="siem-mapping-file">
          <FormSelect id="siem-mapping-file" value={mappingFile} onChange={(_e, v) => setMappingFile(v)} validated={fieldError('mappingFile') ? 'error' : 'default'}>
            <FormSelectOption value="" label="Choose a mapping file" isPlaceholder />
            {[...(files ?? []), ...(mappingFile && files && !files.some((f) => f.name === mappingFile) ? [{ name: mappingFile, format: '?', readOnly: false }] : [])].map((f) => (
              <FormSelectOption key={f.name} value={f.name} label={`${f.name} (${f.format}${f.readOnly ? ', shipped' : ''})`} />
            ))}
          </FormSelect>
          <FieldHelp
            error={fieldError('mappingFile')}
            hint={
              <>
                How records are written: CEF or LEEF for syslog SIEMs, JSON for HTTP collectors. See <Link to="/cls/mapping-files">Mapping files</Link>.
              </>
            }
          />
        </FormGroup>
        <FormGroup label="Rule" fieldId="siem-rule">
          <TextArea
            id="siem-rule"
            className="ce-mono"
            value={ruleText}
            onChange={(_e, v) => setRuleText(v)}
            rows={Math.min(14, Math.max(4, ruleText.split('\n').length + 1))}
            resizeOrientation="vertical"
            placeholder='{"severity": {"$in": ["high", "critical"]}}'
            spellCheck={false}
            validated={localProblems.rule || fieldError('rule') ? 'error' : 'default'}
            aria-describedby="siem-rule-help"
          />
          <FieldHelp id="siem-rule-help" error={localProblems.rule ?? fieldError('rule')} hint="A Mongo-style query on the record's fields; empty sends every record." />
          <RuleHelp id="siem-rule-syntax" />
        </FormGroup>
        <FormGroup label="Retry strategy" role="radiogroup" fieldId="siem-retry" isStack>
          <Radio
            id="siem-retry-limited"
            name="siem-retry"
            label="Limited: park the records after a number of failed deliveries"
            isChecked={strategy === 'limited'}
            onChange={() => setStrategy('limited')}
          />
          <Radio
            id="siem-retry-infinite"
            name="siem-retry"
            label="Infinite: keep retrying until the destination takes them"
            isChecked={strategy === 'infinite'}
            onChange={() => setStrategy('infinite')}
          />
          <FieldHelp error={fieldError('retry.strategy')} />
        </FormGroup>
        {strategy === 'limited' && (
          <FormGroup label="Maximum attempts" fieldId="siem-max-attempts">
            <TextInput
              id="siem-max-attempts"
              type="number"
              min={1}
              max={1000}
              value={maxAttempts}
              onChange={(_e, v) => setMaxAttempts(v)}
              style={{ maxWidth: 160 }}
              validated={localProblems.maxAttempts || fieldError('retry.maxAttempts') ? 'error' : 'default'}
            />
            <FieldHelp
              error={localProblems.maxAttempts ?? fieldError('retry.maxAttempts')}
              hint="Failed deliveries (1 to 1000) before the records are parked; retries wait 5 s, 30 s, 2 min, then 10 min."
            />
          </FormGroup>
        )}
      </FormSection>

      <FormSection title="Mute" titleElement="h2">
        <Checkbox
          id="siem-mute"
          label="Mute records for a while"
          description="Until the end time, the records the mute rule matches (all without a rule) are not sent and are counted as muted; then delivery goes on by itself."
          isChecked={muteOn}
          onChange={(_e, on) => setMuteOn(on)}
        />
        {muteOn && (
          <>
            <FormGroup label="Muted until" isRequired fieldId="siem-mute-until">
              <TextInput
                id="siem-mute-until"
                type="datetime-local"
                value={muteUntil}
                onChange={(_e, v) => setMuteUntil(v)}
                style={{ maxWidth: 260 }}
                validated={localProblems.muteUntil || fieldError('mute.until') ? 'error' : 'default'}
              />
              <FieldHelp error={localProblems.muteUntil ?? fieldError('mute.until')} hint={`In your time zone (${timeZoneName()}); within a year.`} />
            </FormGroup>
            <FormGroup label="Mute rule" fieldId="siem-mute-rule">
              <TextArea
                id="siem-mute-rule"
                className="ce-mono"
                value={muteRuleText}
                onChange={(_e, v) => setMuteRuleText(v)}
                rows={4}
                resizeOrientation="vertical"
                placeholder='{"alert_type": "policy"}'
                spellCheck={false}
                validated={localProblems.muteRule || fieldError('mute.rule') ? 'error' : 'default'}
              />
              <FieldHelp error={localProblems.muteRule ?? fieldError('mute.rule')} hint="Same syntax as the rule; empty mutes every record." />
            </FormGroup>
            <FormGroup label="Reason" fieldId="siem-mute-reason">
              <TextInput id="siem-mute-reason" value={muteReason} onChange={(_e, v) => setMuteReason(v)} validated={fieldError('mute.reason') ? 'error' : 'default'} />
              <FieldHelp error={fieldError('mute.reason') ?? (errorsUnder(error, 'mute').find((e) => e.field === 'mute')?.message)} hint="Why, for the others (e.g. SIEM maintenance)." />
            </FormGroup>
          </>
        )}
      </FormSection>

      <ActionGroup>
        <Button type="submit" isLoading={busy} isDisabled={busy}>
          {existing ? 'Save changes' : 'Create SIEM mapping'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ActionGroup>
    </Form>
  );
}

function SubtypeGroup({
  label,
  kind,
  all,
  selected,
  onChange,
  onFlip,
  error,
}: {
  label: string;
  kind: 'alerts' | 'events';
  all: readonly string[];
  selected: string[];
  onChange: (v: string[]) => void;
  onFlip: (value: string, on: boolean) => void;
  error?: string;
}) {
  return (
    <FormGroup
      label={label}
      role="group"
      fieldId={`siem-${kind}`}
      labelHelp={
        <span style={{ marginLeft: 12 }}>
          <Button variant="link" isInline onClick={() => onChange([...all])} aria-label={`Select all ${label.toLowerCase()}`}>
            All
          </Button>
          {' · '}
          <Button variant="link" isInline onClick={() => onChange([])} aria-label={`Clear ${label.toLowerCase()}`}>
            None
          </Button>
        </span>
      }
    >
      <Grid hasGutter md={3} sm={6}>
        {all.map((v) => (
          <GridItem key={v}>
            <Checkbox id={`siem-${kind}-${v}`} label={v} isChecked={selected.includes(v)} onChange={(_e, on) => onFlip(v, on)} />
          </GridItem>
        ))}
      </Grid>
      <FieldHelp error={error} />
    </FormGroup>
  );
}

const ACTIVE = ['requested', 'running'];

function statusLabel(status: string) {
  switch (status) {
    case 'done':
      return <Label isCompact status="success">Done</Label>;
    case 'failed':
      return <Label isCompact status="danger">Failed</Label>;
    case 'running':
      return <Label isCompact status="info">Running</Label>;
    case 'requested':
      return <Label isCompact>Requested</Label>;
    default:
      return <Label isCompact>{status}</Label>;
  }
}

/** The historical pulls of a mapping, refreshed while one runs, and (admins) a new one. */
function PullsModal({ mapping, admin, onClose }: { mapping: SiemMapping; admin: boolean; onClose: () => void }) {
  const [fast, setFast] = useState(false);
  const jobs = usePoll(
    (signal) => api.get<HistoricalJob[]>(`/api/cls/siem-mappings/${encodeURIComponent(mapping.name)}/historical-pulls`, { signal }),
    fast ? PULL_REFRESH_MS : 0,
    [mapping.name],
  );
  useEffect(() => setFast(!!jobs.data?.some((j) => ACTIVE.includes(j.status))), [jobs.data]);
  const [from, setFrom] = useState(() => toLocalInput(Date.now() - 24 * 3600 * 1000));
  const [to, setTo] = useState(() => toLocalInput(Date.now()));
  const { busy, error, run } = useAction();
  const [started, setStarted] = useState<string | null>(null);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      setStarted(null);
      const job = await api.post<HistoricalJob>(`/api/cls/siem-mappings/${encodeURIComponent(mapping.name)}/historical-pull`, {
        from: fromLocalInput(from) ?? from,
        to: fromLocalInput(to) ?? to,
      });
      setStarted(`Historical pull requested: ${formatTime(job?.from ?? from)} to ${formatTime(job?.to ?? to)}.`);
      jobs.reload();
    });
  };

  const fromError = error instanceof ApiError ? error.fieldMessage('from') : undefined;
  const toError = error instanceof ApiError ? error.fieldMessage('to') : undefined;
  const rest = unplaced(error, (f) => f === 'from' || f === 'to');
  const list = jobs.data ?? [];

  return (
    <Modal isOpen variant="large" onClose={onClose} aria-labelledby="pulls-title">
      <ModalHeader
        title={`Historical pulls of ${mapping.name}`}
        labelId="pulls-title"
        description={`Pull ${mapping.source.tenant}'s ${sourceText(mapping)} again between two times (within the last 90 days) and deliver them like live data: through the rule, the mapping file and every destination. A range already delivered is delivered again.`}
      />
      <ModalBody>
        <Stack hasGutter>
          {admin && (
            <StackItem>
              <Form onSubmit={start} aria-label="Start a historical pull" noValidate>
                {started && <Alert variant="success" isInline isPlain title={started} />}
                <ErrorAlert error={rest instanceof ApiError && rest.errors.length === 0 && (fromError || toError) ? null : rest} title="The pull was not started" />
                <Grid hasGutter>
                  <GridItem md={5}>
                    <FormGroup label="From" isRequired fieldId="pull-from">
                      <TextInput id="pull-from" type="datetime-local" value={from} onChange={(_e, v) => setFrom(v)} validated={fromError ? 'error' : 'default'} />
                      <FieldHelp error={fromError} hint={`In your time zone (${timeZoneName()}).`} />
                    </FormGroup>
                  </GridItem>
                  <GridItem md={5}>
                    <FormGroup label="To" isRequired fieldId="pull-to">
                      <TextInput id="pull-to" type="datetime-local" value={to} onChange={(_e, v) => setTo(v)} validated={toError ? 'error' : 'default'} />
                      <FieldHelp error={toError} />
                    </FormGroup>
                  </GridItem>
                  <GridItem md={2} style={{ alignSelf: 'end' }}>
                    <Button type="submit" isLoading={busy} isDisabled={busy}>
                      Start pull
                    </Button>
                  </GridItem>
                </Grid>
              </Form>
            </StackItem>
          )}
          <StackItem>
            <ErrorAlert error={jobs.error} title="Could not load the pulls" onRetry={jobs.reload} />
            {!jobs.data && jobs.loading ? (
              <Skeleton height="120px" screenreaderText="Loading the pulls" />
            ) : list.length === 0 ? (
              <p>No historical pull yet.</p>
            ) : (
              <>
                <Table aria-label="Historical pulls" variant="compact">
                  <Thead>
                    <Tr>
                      <Th>Requested</Th>
                      <Th>Range</Th>
                      <Th>Status</Th>
                      <Th className="ce-numeric">Records</Th>
                      <Th>Progress</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {list.map((j) => {
                      const done = j.streams.filter((s) => s.done).length;
                      return (
                        <Fragment key={j.id}>
                          <Tr>
                            <Td dataLabel="Requested">
                              {formatTime(j.requestedAt)}
                              {j.requestedBy && <div><small>by {j.requestedBy}</small></div>}
                            </Td>
                            <Td dataLabel="Range">
                              {formatTime(j.from)} – {formatTime(j.to)}
                            </Td>
                            <Td dataLabel="Status">{statusLabel(j.status)}</Td>
                            <Td dataLabel="Records" className="ce-numeric">{formatNumber(j.records)}</Td>
                            <Td dataLabel="Progress" style={{ minWidth: 220 }}>
                              <Progress
                                value={j.streams.length ? (done / j.streams.length) * 100 : j.status === 'done' ? 100 : 0}
                                label={`${done} of ${j.streams.length} types done`}
                                valueText={`${done} of ${j.streams.length} types done`}
                                aria-label={`Progress of the pull requested ${formatTime(j.requestedAt)}`}
                                measureLocation="outside"
                                size="sm"
                                variant={j.status === 'failed' ? 'danger' : j.status === 'done' ? 'success' : undefined}
                              />
                              <small>
                                {j.streams
                                  .map((s) => `${s.kind}/${s.subtype}: ${formatNumber(s.records)}${s.done ? ' ✓' : ''}${s.error ? ` (${s.error})` : ''}`)
                                  .join(' · ')}
                              </small>
                            </Td>
                          </Tr>
                          {j.error && (
                            <Tr>
                              <Td colSpan={5}>
                                <small>Error: {j.error}</small>
                              </Td>
                            </Tr>
                          )}
                        </Fragment>
                      );
                    })}
                  </Tbody>
                </Table>
                {fast && <small data-testid="pulls-refreshing">Refreshing every {PULL_REFRESH_MS / 1000} s while a pull runs.</small>}
              </>
            )}
          </StackItem>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button variant="link" onClick={onClose}>
          Close
        </Button>
      </ModalFooter>
    </Modal>
  );
}
