import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  ClipboardCopy,
  CodeBlock,
  CodeBlockCode,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Stack,
  StackItem,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { api } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { allFieldsShown, apiFieldError, Day, daysUntil, FieldHelp, FormModal, Loading, rangeProblem, RoleLabel, useToasts, validated, wholeNumber } from './shared';
import { useAction } from '../../api/useAction';

/** ApiTokenModels.View of tenant-service: never the secret. */
export interface ApiTokenView {
  clientId: string;
  name: string;
  role: string;
  createdBy?: string | null;
  createdAt?: string | null;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
}

/** ApiTokenModels.Created: the one answer that holds the secret. */
export interface ApiTokenCreated {
  clientId: string;
  clientSecret: string;
  name: string;
  role: string;
  createdAt: string;
  expiresAt: string;
}

type Dialog = { kind: 'create' } | { kind: 'created'; token: ApiTokenCreated } | { kind: 'delete'; token: ApiTokenView };

export function ApiTokensTab() {
  const tokens = usePoll((signal) => api.get<ApiTokenView[]>('/api/auth/api-tokens', { signal }), 0);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { toasts, notify } = useToasts();

  const sorted = useMemo(
    () => [...(tokens.data ?? [])].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')),
    [tokens.data],
  );

  return (
    <>
      {toasts}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
              Create API token
            </Button>
          </ToolbarItem>
          <ToolbarItem align={{ default: 'alignEnd' }}>
            <Content component="small">
              Scripts exchange a token for a 15-minute access token: <code>POST /api/auth/token</code> with the client
              credentials grant.
            </Content>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {tokens.error && !tokens.data ? (
        <ErrorAlert error={tokens.error} title="The API tokens could not be loaded" onRetry={tokens.reload} />
      ) : !tokens.data ? (
        <Loading label="Loading API tokens" />
      ) : sorted.length === 0 ? (
        <EmptyState titleText="No API tokens" headingLevel="h2">
          <EmptyStateBody>
            An API token lets a script or another system call the API with a role of its own, without a user&apos;s
            password. Every token expires.
          </EmptyStateBody>
          <EmptyStateFooter>
            <EmptyStateActions>
              <Button variant="secondary" onClick={() => setDialog({ kind: 'create' })}>
                Create the first API token
              </Button>
            </EmptyStateActions>
          </EmptyStateFooter>
        </EmptyState>
      ) : (
        <Table role="table" aria-label="API tokens" variant="compact">
          <Thead>
            <Tr>
              <Th modifier="wrap">Name</Th>
              <Th modifier="wrap">Client ID</Th>
              <Th modifier="wrap">Role</Th>
              <Th modifier="wrap">Created</Th>
              <Th modifier="wrap">Expires</Th>
              <Th modifier="wrap">Last used</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {sorted.map((t) => {
              const left = daysUntil(t.expiresAt);
              const expired = t.expiresAt ? new Date(t.expiresAt).getTime() <= Date.now() : false;
              return (
                <Tr key={t.clientId} data-testid={`token-${t.clientId}`}>
                  <Td dataLabel="Name">
                    <strong>{t.name}</strong>
                  </Td>
                  <Td dataLabel="Client ID">
                    <code>{t.clientId}</code>
                  </Td>
                  <Td dataLabel="Role">
                    <RoleLabel role={t.role} />
                  </Td>
                  <Td dataLabel="Created">
                    <Day value={t.createdAt} />
                    {t.createdBy ? <div><Content component="small">by {t.createdBy}</Content></div> : null}
                  </Td>
                  <Td dataLabel="Expires">
                    <Day value={t.expiresAt} />{' '}
                    {expired ? (
                      <Label color="red" isCompact>
                        Expired
                      </Label>
                    ) : left !== undefined && left < 14 ? (
                      <Label color="orange" isCompact>
                        {left < 1 ? 'Expires today' : `Expires in ${left} day(s)`}
                      </Label>
                    ) : null}
                  </Td>
                  <Td dataLabel="Last used">{t.lastUsedAt ? <Day value={t.lastUsedAt} /> : 'Never'}</Td>
                  <Td dataLabel="Actions" isActionCell>
                    <Button
                      variant="secondary"
                      isDanger
                      size="sm"
                      aria-label={`Delete API token ${t.name}`}
                      onClick={() => setDialog({ kind: 'delete', token: t })}
                    >
                      Delete
                    </Button>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}

      {dialog?.kind === 'create' && (
        <CreateTokenForm
          onClose={() => setDialog(null)}
          onCreated={(token) => {
            tokens.reload();
            setDialog({ kind: 'created', token });
          }}
        />
      )}
      {dialog?.kind === 'created' && <TokenSecret token={dialog.token} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete the API token ${dialog.token.name}?`}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.del(`/api/auth/api-tokens/${encodeURIComponent(dialog.token.clientId)}`);
            notify(`API token ${dialog.token.name} deleted.`);
            tokens.reload();
          }}
        >
          <p>
            Scripts using client ID <code>{dialog.token.clientId}</code> lose access at once, including the access tokens
            they already have. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function CreateTokenForm({ onClose, onCreated }: { onClose: () => void; onCreated: (token: ApiTokenCreated) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('read-only');
  const [days, setDays] = useState('90');
  const { busy, error, run } = useAction();
  const [local, setLocal] = useState<string | undefined>(undefined);

  const submit = async () => {
    const problem = rangeProblem(days, 1, 365, 'days');
    setLocal(problem);
    if (problem) return;
    await run(async () => {
      onCreated(
        await api.post<ApiTokenCreated>('/api/auth/api-tokens', { name: name.trim(), role, expiresInDays: wholeNumber(days) }),
      );
    });
  };

  const fieldError = (f: string) => apiFieldError(error, f);
  const daysError = local ?? fieldError('expiresInDays');
  const expiry = wholeNumber(days);

  return (
    <FormModal
      id="token-form"
      title="Create API token"
      description="The secret is shown once, right after you create the token."
      submitLabel="Create"
      busy={busy}
      canSubmit={name.trim() !== ''}
      onSubmit={submit}
      onClose={onClose}
    >
      <ErrorAlert error={error && !allFieldsShown(error, (f) => ['name', 'role', 'expiresInDays'].includes(f)) ? error : null} />
      <FormGroup label="Name" isRequired fieldId="token-name">
        <TextInput
          id="token-name"
          value={name}
          maxLength={100}
          placeholder="e.g. SOAR playbooks"
          onChange={(_e, v) => setName(v)}
          validated={validated(fieldError('name'))}
        />
        <FieldHelp error={fieldError('name')} help="What uses the token, so you know which one to delete later." />
      </FormGroup>
      <FormGroup label="Role" isRequired fieldId="token-role">
        <FormSelect id="token-role" value={role} onChange={(_e, v) => setRole(v)} validated={validated(fieldError('role'))}>
          <FormSelectOption value="read-only" label="Read-only" />
          <FormSelectOption value="admin" label="Admin" />
        </FormSelect>
        <FieldHelp error={fieldError('role')} help="Give the least role the script needs." />
      </FormGroup>
      <FormGroup label="Expires in (days)" isRequired fieldId="token-days">
        <TextInput
          id="token-days"
          type="number"
          min={1}
          max={365}
          value={days}
          onChange={(_e, v) => setDays(v)}
          validated={validated(daysError)}
        />
        <FieldHelp
          error={daysError}
          help={
            expiry !== undefined && expiry >= 1 && expiry <= 365
              ? `1 to 365 days. This one expires ${formatTime(new Date(Date.now() + expiry * 86_400_000).toISOString())}.`
              : '1 to 365 days.'
          }
        />
      </FormGroup>
    </FormModal>
  );
}

/** The new token's secret, shown this once. */
function TokenSecret({ token, onClose }: { token: ApiTokenCreated; onClose: () => void }) {
  const host = typeof window === 'undefined' ? 'https://ce.example.com' : window.location.origin;
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="token-secret-title">
      <ModalHeader title={`API token ${token.name} created`} labelId="token-secret-title" />
      <ModalBody>
        <Stack hasGutter>
          <StackItem>
            <Alert variant="warning" isInline title="Copy the client secret now">
              It is shown only this once and cannot be read again. If it is lost, delete the token and create a new one.
            </Alert>
          </StackItem>
          <StackItem>
            <FormGroup label="Client ID" fieldId="token-client-id">
              <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" inputId="token-client-id" textAriaLabel="Client ID" copyAriaLabel="Copy the client ID">
                {token.clientId}
              </ClipboardCopy>
            </FormGroup>
          </StackItem>
          <StackItem>
            <FormGroup label="Client secret" fieldId="token-client-secret">
              <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" inputId="token-client-secret" textAriaLabel="Client secret" copyAriaLabel="Copy the client secret">
                {token.clientSecret}
              </ClipboardCopy>
            </FormGroup>
          </StackItem>
          <StackItem>
            <Content component="p">
              Role <RoleLabel role={token.role} />, expires {formatTime(token.expiresAt)}. Exchange it for an access token:
            </Content>
            <CodeBlock>
              <CodeBlockCode>{`curl -X POST ${host}/api/auth/token \\
  -d grant_type=client_credentials \\
  -d client_id=${token.clientId} \\
  -d client_secret='<the client secret>'`}</CodeBlockCode>
            </CodeBlock>
          </StackItem>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          I have copied the secret
        </Button>
      </ModalFooter>
    </Modal>
  );
}
