import { useState } from 'react';
import { Button, Checkbox, FormGroup, Grid, GridItem, Label, Switch, TextInput } from '@patternfly/react-core';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { allFieldsShown, apiFieldError, FieldHelp, FormModal, rangeProblem, validated, wholeNumber } from './shared';
import { TenantTestResultView } from './TenantTestResult';
import { previewBaseUrl, type TenantForm, type TenantTestResult, type TenantView } from './tenantModels';

const FIELDS = ['name', 'tenantName', 'v1Token', 'v2Token', 'initialRangeDays', 'useSystemProxy'];

interface TokenState {
  value: string;
  remove: boolean;
}

/** A token as the form sends it: typed → the value; left empty → null (keep the stored one); removed → "". */
function tokenOf(t: TokenState): string | null {
  if (t.remove) return '';
  return t.value.trim() === '' ? null : t.value.trim();
}

/** Add a tenant, or change one; test the form's connection before saving. */
export function TenantFormModal({
  tenant,
  onClose,
  onSaved,
}: {
  tenant?: TenantView;
  onClose: () => void;
  onSaved: (tenant: TenantView, created: boolean) => void;
}) {
  const editing = !!tenant;
  const [name, setName] = useState(tenant?.name ?? '');
  const [tenantName, setTenantName] = useState(tenant?.tenantName ?? '');
  const [v2, setV2] = useState<TokenState>({ value: '', remove: false });
  const [v1, setV1] = useState<TokenState>({ value: '', remove: false });
  const [days, setDays] = useState(String(tenant?.initialRangeDays ?? 7));
  const [proxy, setProxy] = useState(tenant?.useSystemProxy ?? false);
  const [error, setError] = useState<unknown>(null);
  const [daysProblem, setDaysProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<TenantTestResult | null>(null);

  const form = (): TenantForm => ({
    name: name.trim(),
    tenantName: tenantName.trim(),
    v1Token: tokenOf(v1),
    v2Token: tokenOf(v2),
    initialRangeDays: wholeNumber(days) ?? null,
    useSystemProxy: proxy,
  });

  const [missing, setMissing] = useState<Record<string, string>>({});

  const checkLocal = (needName: boolean) => {
    const p = rangeProblem(days, 1, 60, 'days');
    setDaysProblem(p);
    const m: Record<string, string> = {};
    if (needName && name.trim() === '') m.name = 'is required: a name for this tenant in Open CE, e.g. production';
    if (tenantName.trim() === '') m.tenantName = "is required: the tenant's subdomain (acme) or its full URL";
    setMissing(m);
    return !p && Object.keys(m).length === 0;
  };

  const save = async () => {
    if (!checkLocal(true)) return;
    setBusy('save');
    setError(null);
    try {
      const saved = editing
        ? await api.put<TenantView>(`/api/tenants/${encodeURIComponent(tenant.name)}`, form())
        : await api.post<TenantView>('/api/tenants', form());
      onSaved(saved, !editing);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    if (!checkLocal(false)) return;
    setBusy('test');
    setError(null);
    setTest(null);
    try {
      setTest(await api.post<TenantTestResult>('/api/tenants/test', form()));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const fieldError = (f: string) => missing[f] ?? apiFieldError(error, f);
  const preview = previewBaseUrl(tenantName);
  const fieldsOnly = allFieldsShown(error, (f) => FIELDS.includes(f));
  const daysError = daysProblem ?? fieldError('initialRangeDays');

  const tokenField = (which: 'v2' | 'v1', state: TokenState, setState: (t: TokenState) => void) => {
    const stored = which === 'v2' ? tenant?.hasV2Token : tenant?.hasV1Token;
    const field = `${which}Token`;
    const id = `tenant-${which}-token`;
    return (
      <FormGroup
        label={which === 'v2' ? 'REST API v2 token' : 'Legacy v1 token'}
        fieldId={id}
        labelInfo={
          editing ? (
            stored ? (
              <Label color="green" isCompact>
                Set
              </Label>
            ) : (
              <Label color="grey" isCompact>
                Not set
              </Label>
            )
          ) : undefined
        }
      >
        <TextInput
          id={id}
          type="password"
          autoComplete="new-password"
          value={state.value}
          isDisabled={state.remove}
          placeholder={stored && !state.remove ? 'A token is stored: leave empty to keep it' : ''}
          onChange={(_e, v) => setState({ ...state, value: v })}
          validated={validated(fieldError(field))}
        />
        <FieldHelp
          error={fieldError(field)}
          help={
            which === 'v2'
              ? 'Preferred. Needs read access to the data export endpoints of the data types the modules pull.'
              : 'Only for tenants without a v2 token; v2 is used when both are given.'
          }
        />
        {stored && (
          <Checkbox
            id={`${id}-remove`}
            label={`Remove the stored ${which} token`}
            isChecked={state.remove}
            onChange={(_e, checked) => setState({ value: '', remove: checked })}
          />
        )}
      </FormGroup>
    );
  };

  return (
    <FormModal
      id="tenant-form"
      title={editing ? `Edit tenant ${tenant.name}` : 'Add tenant'}
      description={editing ? undefined : 'Open CE pulls alerts and events from the tenant for the modules that need them.'}
      submitLabel={editing ? 'Save' : 'Add tenant'}
      busy={busy === 'save'}
      canSubmit={busy === null}
      onSubmit={save}
      onClose={onClose}
      extraActions={
        <Button
          variant="secondary"
          onClick={runTest}
          isLoading={busy === 'test'}
          isDisabled={busy !== null}
        >
          Test connection
        </Button>
      }
    >
      <ErrorAlert error={error && !fieldsOnly ? error : null} />
      <Grid hasGutter>
        <GridItem span={5}>
          <FormGroup label="Name" isRequired fieldId="tenant-name">
            <TextInput
              id="tenant-name"
              value={name}
              isDisabled={editing}
              onChange={(_e, v) => setName(v)}
              validated={validated(fieldError('name'))}
              placeholder="e.g. production"
            />
            <FieldHelp
              error={fieldError('name')}
              help={editing ? 'Cannot be changed: add a new tenant instead.' : 'Lower-case letters, digits, - and _; used in configurations.'}
            />
          </FormGroup>
        </GridItem>
        <GridItem span={7}>
          <FormGroup label="Tenant" isRequired fieldId="tenant-tenant-name">
            <TextInput
              id="tenant-tenant-name"
              value={tenantName}
              onChange={(_e, v) => setTenantName(v)}
              validated={validated(fieldError('tenantName'))}
              placeholder="acme, or https://acme.goskope.com"
            />
            <FieldHelp
              error={fieldError('tenantName')}
              help={preview ? `Base URL: ${preview}` : "The tenant's subdomain (acme for acme.goskope.com) or its full URL."}
            />
          </FormGroup>
        </GridItem>
      </Grid>
      {tokenField('v2', v2, setV2)}
      {tokenField('v1', v1, setV1)}
      <Grid hasGutter>
        <GridItem span={5}>
          <FormGroup label="History on the first pull (days)" fieldId="tenant-initial-range">
            <TextInput
              id="tenant-initial-range"
              type="number"
              min={1}
              max={60}
              value={days}
              onChange={(_e, v) => setDays(v)}
              validated={validated(daysError)}
            />
            <FieldHelp error={daysError} help="1 to 60 days." />
          </FormGroup>
        </GridItem>
        <GridItem span={7}>
          <FormGroup fieldId="tenant-proxy">
            <Switch id="tenant-proxy" label="Use the system proxy" isChecked={proxy} onChange={(_e, v) => setProxy(v)} />
            <FieldHelp error={fieldError('useSystemProxy')} help="The proxy of Settings > General." />
          </FormGroup>
        </GridItem>
      </Grid>
      {test && <TenantTestResultView result={test} />}
    </FormModal>
  );
}
