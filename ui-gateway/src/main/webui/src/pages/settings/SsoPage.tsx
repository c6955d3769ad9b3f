import { useMemo, useRef, useState, type FormEvent } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  Checkbox,
  ClipboardCopy,
  Content,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSection,
  FormSelect,
  FormSelectOption,
  Label,
  PageSection,
  Switch,
  TextInput,
} from '@patternfly/react-core';
import { PlusCircleIcon, TrashIcon } from '@patternfly/react-icons';
import { api, ApiError } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { allFieldsShown, apiFieldError, FieldHelp, Loading, useToasts, validated } from './shared';
import { CALLBACK_PATH, comparable, rowProblems, toBody, toForm, type IssuerTest, type MappingRow, type SsoFormState, type SsoView } from './ssoModel';
import { useAction } from '../../api/useAction';

/** Settings > Single sign-on (super-admin): OpenID Connect with an identity provider. */
export function SsoPage() {
  const { can } = useAuth();
  const allowed = can('super-admin');
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Sign-in with your identity provider over OpenID Connect; its groups decide each user's role."
      />
      {allowed ? (
        <SsoLoader />
      ) : (
        <PageSection>
          <EmptyState titleText="Only the super-admin manages single sign-on" headingLevel="h2">
            <EmptyStateBody>Ask the super-admin if sign-in with your identity provider should change.</EmptyStateBody>
          </EmptyState>
        </PageSection>
      )}
    </>
  );
}

function SsoLoader() {
  const sso = usePoll((signal) => api.get<SsoView>('/api/auth/sso/settings', { signal }), 0);
  if (sso.error && !sso.data) {
    return (
      <PageSection>
        <ErrorAlert error={sso.error} title="The single sign-on settings could not be loaded" onRetry={sso.reload} />
      </PageSection>
    );
  }
  if (!sso.data) {
    return (
      <PageSection>
        <Loading label="Loading single sign-on settings" />
      </PageSection>
    );
  }
  return <SsoForm view={sso.data} />;
}

function SsoForm({ view }: { view: SsoView }) {
  const keys = useRef(0);
  const nextKey = () => ++keys.current;
  const [saved, setSaved] = useState(view);
  const [initial, setInitial] = useState(() => toForm(view, nextKey));
  const [form, setForm] = useState<SsoFormState>(initial);
  const { busy, error, setError, run } = useAction();
  const issuerTest = useAction();
  const [tested, setTested] = useState<IssuerTest | null>(null);
  const [rowsChecked, setRowsChecked] = useState<Record<number, string>>({});
  const { toasts, notify } = useToasts();

  const dirty = comparable(form) !== comparable(initial);
  const callbackUrl = `${window.location.origin}${saved.callbackPath ?? CALLBACK_PATH}`;
  const set = <K extends keyof SsoFormState>(key: K, value: SsoFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fieldError = (field: string) => apiFieldError(error, field);
  const setRow = (key: number, change: Partial<MappingRow>) =>
    setForm((f) => ({ ...f, rows: f.rows.map((r) => (r.key === key ? { ...r, ...change } : r)) }));

  const rowError = (r: MappingRow) => rowsChecked[r.key] ?? fieldError(`roleMapping.${r.group.trim()}`);
  const shownFields = useMemo(() => {
    const names = new Set(['enabled', 'issuer', 'clientId', 'clientSecret', 'scopes', 'groupsClaim', 'usernameClaim', 'roleMapping', 'localLoginAllowed']);
    form.rows.forEach((r) => names.add(`roleMapping.${r.group.trim()}`));
    return names;
  }, [form.rows]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = rowProblems(form.rows);
    setRowsChecked(problems);
    if (Object.keys(problems).length > 0) return;
    await run(async () => {
      const next = await api.put<SsoView>('/api/auth/sso/settings', toBody(form));
      const fresh = toForm(next, nextKey);
      setSaved(next);
      setInitial(fresh);
      setForm(fresh);
      notify(next.enabled ? 'Single sign-on settings saved. The sign-in page offers single sign-on.' : 'Single sign-on settings saved.');
    });
  };

  const testIssuer = () =>
    issuerTest.run(async () => {
      setTested(null);
      setTested(await api.post<IssuerTest>('/api/auth/sso/test', { issuer: form.issuer.trim(), clientId: form.clientId.trim() }));
    });

  const fieldsOnly = allFieldsShown(error, (f) => shownFields.has(f));
  const issuerError = fieldError('issuer') ?? apiFieldError(issuerTest.error, 'issuer');

  return (
    <>
      {toasts}
      <PageSection>
        <Card>
          <CardBody>
            <Flex spaceItems={{ default: 'spaceItemsMd' }} alignItems={{ default: 'alignItemsCenter' }}>
              <FlexItem>
                {saved.enabled ? (
                  <Label color="green">Single sign-on is on</Label>
                ) : (
                  <Label color="grey">Single sign-on is off</Label>
                )}
              </FlexItem>
              <FlexItem>
                <Content component="small">
                  {saved.localLoginAllowed
                    ? 'Local users may also sign in with their password.'
                    : 'Only the built-in admin may sign in with a password.'}
                </Content>
              </FlexItem>
            </Flex>
          </CardBody>
        </Card>
      </PageSection>
      <PageSection>
        <Form onSubmit={submit} aria-label="Single sign-on settings" style={{ maxWidth: 880 }} noValidate>
          {error && fieldsOnly ? (
            <Alert variant="danger" isInline title="The settings were not saved: see the fields marked below." />
          ) : (
            <ErrorAlert error={error} title={error instanceof ApiError ? `The settings were not saved: ${error.title}` : undefined} />
          )}

          <FormSection title="Identity provider" titleElement="h2">
            <FormGroup fieldId="sso-enabled">
              <Switch
                id="sso-enabled"
                label="Sign in with the identity provider"
                isChecked={form.enabled}
                onChange={(_e, v) => set('enabled', v)}
              />
              <FieldHelp
                error={fieldError('enabled')}
                help={
                  form.enabled
                    ? "Saving reads the issuer's discovery document and refuses an issuer that does not answer properly."
                    : 'Off: the settings are kept, the sign-in page offers only passwords.'
                }
              />
            </FormGroup>
            <FormGroup label="Redirect URI to register at the identity provider" fieldId="sso-callback">
              <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" inputId="sso-callback" textAriaLabel="Redirect URI" copyAriaLabel="Copy the redirect URI">
                {callbackUrl}
              </ClipboardCopy>
              <FieldHelp help="Register it as an allowed redirect (callback) URI of the client, exactly as shown, with the address users open the console at." />
            </FormGroup>
            <FormGroup label="Issuer URL" isRequired fieldId="sso-issuer">
              <TextInput
                id="sso-issuer"
                type="url"
                value={form.issuer}
                placeholder="https://login.example.com/realms/corp"
                onChange={(_e, v) => set('issuer', v)}
                validated={validated(issuerError)}
              />
              <FieldHelp
                error={issuerError}
                help="Its /.well-known/openid-configuration must be reachable from Open CE (through the proxy, if one is set)."
              />
            </FormGroup>
            <FormGroup label="Client ID" isRequired fieldId="sso-client-id">
              <TextInput id="sso-client-id" value={form.clientId} onChange={(_e, v) => set('clientId', v)} validated={validated(fieldError('clientId'))} />
              <FieldHelp error={fieldError('clientId')} />
            </FormGroup>
            <FormGroup label="Client secret" fieldId="sso-client-secret">
              <TextInput
                id="sso-client-secret"
                type="password"
                autoComplete="new-password"
                value={form.clientSecret}
                isDisabled={form.removeSecret}
                placeholder={form.removeSecret ? '' : saved.hasClientSecret ? 'A secret is stored: leave empty to keep it' : 'None stored'}
                onChange={(_e, v) => set('clientSecret', v)}
                validated={validated(fieldError('clientSecret'))}
              />
              <FieldHelp
                error={fieldError('clientSecret')}
                help={
                  saved.hasClientSecret
                    ? 'A client secret is stored (it is never shown). Type a new one to replace it.'
                    : 'No client secret is stored. Leave empty for a public client.'
                }
              />
              {saved.hasClientSecret && (
                <Checkbox
                  id="sso-client-secret-remove"
                  label="Remove the stored client secret"
                  isChecked={form.removeSecret}
                  onChange={(_e, v) => setForm((f) => ({ ...f, removeSecret: v, clientSecret: '' }))}
                />
              )}
            </FormGroup>
            <FormGroup label="Scopes" fieldId="sso-scopes">
              <TextInput id="sso-scopes" value={form.scopes} onChange={(_e, v) => set('scopes', v)} validated={validated(fieldError('scopes'))} />
              <FieldHelp error={fieldError('scopes')} help="Separated by spaces; openid is always requested." />
            </FormGroup>
          </FormSection>

          <FormSection title="Users and roles" titleElement="h2">
            <FormGroup label="Username claim" fieldId="sso-username-claim">
              <TextInput id="sso-username-claim" value={form.usernameClaim} placeholder="preferred_username" onChange={(_e, v) => set('usernameClaim', v)} />
              <FieldHelp error={fieldError('usernameClaim')} help="The ID-token claim used as the username; email and sub are tried when it is missing." />
            </FormGroup>
            <FormGroup label="Groups claim" fieldId="sso-groups-claim">
              <TextInput id="sso-groups-claim" value={form.groupsClaim} placeholder="groups" onChange={(_e, v) => set('groupsClaim', v)} />
              <FieldHelp error={fieldError('groupsClaim')} help="The ID-token claim that lists the user's groups (e.g. groups or roles)." />
            </FormGroup>
            <FormGroup
              label="Group to role mapping"
              fieldId="sso-mapping"
              role="group"
              isStack
            >
              <Content component="small">
                A user gets the highest role of their mapped groups; someone in no mapped group is refused.
              </Content>
              {form.rows.length === 0 && <Content component="p">No group is mapped yet.</Content>}
              {form.rows.map((r, i) => {
                const problem = rowError(r);
                return (
                  <div key={r.key} data-testid={`mapping-${i + 1}`}>
                    <Flex spaceItems={{ default: 'spaceItemsSm' }} flexWrap={{ default: 'nowrap' }} alignItems={{ default: 'alignItemsFlexStart' }}>
                      <FlexItem grow={{ default: 'grow' }}>
                        <TextInput
                          aria-label={`IdP group ${i + 1}`}
                          value={r.group}
                          placeholder="IdP group, e.g. ce-admins"
                          onChange={(_e, v) => setRow(r.key, { group: v })}
                          validated={validated(problem)}
                        />
                      </FlexItem>
                      <FlexItem>
                        <FormSelect aria-label={`Role of group ${i + 1}`} value={r.role} onChange={(_e, v) => setRow(r.key, { role: v })}>
                          <FormSelectOption value="read-only" label="read-only" />
                          <FormSelectOption value="admin" label="admin" />
                        </FormSelect>
                      </FlexItem>
                      <FlexItem>
                        <Button
                          variant="plain"
                          aria-label={`Remove mapping ${i + 1}`}
                          icon={<TrashIcon />}
                          onClick={() => setForm((f) => ({ ...f, rows: f.rows.filter((x) => x.key !== r.key) }))}
                        />
                      </FlexItem>
                    </Flex>
                    <FieldHelp error={problem} />
                  </div>
                );
              })}
              <div>
                <Button
                  variant="link"
                  isInline
                  icon={<PlusCircleIcon />}
                  onClick={() => setForm((f) => ({ ...f, rows: [...f.rows, { key: nextKey(), group: '', role: 'read-only' }] }))}
                >
                  Add group mapping
                </Button>
              </div>
              <FieldHelp error={fieldError('roleMapping')} />
            </FormGroup>
          </FormSection>

          <FormSection title="Password sign-in" titleElement="h2">
            <FormGroup fieldId="sso-local-login">
              <Switch
                id="sso-local-login"
                label="Local users may also sign in with a password"
                isChecked={form.localLoginAllowed}
                onChange={(_e, v) => set('localLoginAllowed', v)}
              />
              <FieldHelp
                error={fieldError('localLoginAllowed')}
                help={
                  form.localLoginAllowed
                    ? 'Users created under Users and API tokens keep signing in with their password.'
                    : 'Only the built-in admin can still sign in with a password (break-glass access).'
                }
              />
            </FormGroup>
          </FormSection>

          <div>
            <Button
              variant="secondary"
              onClick={testIssuer}
              isLoading={issuerTest.busy}
              isDisabled={issuerTest.busy || !form.issuer.trim() || !form.clientId.trim()}
            >
              Test the issuer
            </Button>
            <FieldHelp help="Reads the issuer's discovery document and signing keys from Open CE, without saving anything." />
            {tested && (
              <Alert variant="success" isInline isPlain title="The issuer works" data-testid="sso-test-result">
                {tested.signingKeys} signing key(s) at {tested.jwksUri}; users are sent to {tested.authorizationEndpoint}.
              </Alert>
            )}
            {issuerTest.error && !apiFieldError(issuerTest.error, 'issuer') ? <ErrorAlert error={issuerTest.error} title="The test could not run" /> : null}
          </div>

          <Alert variant="info" isInline isPlain title="To try a sign-in">
            After saving with single sign-on on, open the console in a private window and choose single sign-on, so this
            session stays as it is.
          </Alert>

          <ActionGroup>
            <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy || !dirty}>
              Save
            </Button>
            <Button
              variant="link"
              isDisabled={busy || !dirty}
              onClick={() => {
                setForm(initial);
                setError(null);
                setRowsChecked({});
              }}
            >
              Discard changes
            </Button>
            {dirty && (
              <Label color="orange" isCompact>
                Unsaved changes
              </Label>
            )}
          </ActionGroup>
        </Form>
      </PageSection>
    </>
  );
}
