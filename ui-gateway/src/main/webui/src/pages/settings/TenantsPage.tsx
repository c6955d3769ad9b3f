import { useState } from 'react';
import {
  Button,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  Label,
  LabelGroup,
  PageSection,
} from '@patternfly/react-core';
import { AngleDownIcon, AngleRightIcon } from '@patternfly/react-icons';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { api } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { IfRole, useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowAction } from '../../components/RowAction';
import { useKeySet } from '../../components/useKeySet';
import { Day, Loading, useToasts } from './shared';
import { TenantFormModal } from './TenantFormModal';
import { TenantIngest } from './TenantIngest';
import { SavedTenantTest } from './TenantTestResult';
import type { TenantView } from './tenantModels';

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; tenant: TenantView }
  | { kind: 'delete'; tenant: TenantView }
  | { kind: 'test'; tenant: TenantView };

/** Settings > Netskope tenants: everyone reads and sees the ingest; admins add, change, test and remove. */
export function TenantsPage() {
  const { can } = useAuth();
  const admin = can('admin');
  const tenants = usePoll((signal) => api.get<TenantView[]>('/api/tenants', { signal }), 0);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { keys: open, toggle, remove: close } = useKeySet();
  const { toasts, notify } = useToasts();

  const columns = admin ? 8 : 7;

  return (
    <>
      {toasts}
      <PageHeader
        title="Netskope tenants"
        description="The Netskope tenants Open CE pulls alerts and events from, and how the pulling goes."
        actions={
          <IfRole role="admin">
            <Button variant="primary" onClick={() => setDialog({ kind: 'add' })}>
              Add tenant
            </Button>
          </IfRole>
        }
      />
      <PageSection>
        {tenants.error && !tenants.data ? (
          <ErrorAlert error={tenants.error} title="The tenants could not be loaded" onRetry={tenants.reload} />
        ) : !tenants.data ? (
          <Loading label="Loading tenants" />
        ) : tenants.data.length === 0 ? (
          <EmptyState titleText="No Netskope tenants" headingLevel="h2">
            <EmptyStateBody>
              {admin
                ? 'Add your Netskope tenant with a REST API v2 token; the modules pull its alerts and events.'
                : 'An admin adds the Netskope tenants Open CE pulls from.'}
            </EmptyStateBody>
            {admin && (
              <EmptyStateFooter>
                <EmptyStateActions>
                  <Button variant="primary" onClick={() => setDialog({ kind: 'add' })}>
                    Add the first tenant
                  </Button>
                </EmptyStateActions>
              </EmptyStateFooter>
            )}
          </EmptyState>
        ) : (
          <Table role="table" aria-label="Netskope tenants" variant="compact">
            <Thead>
              <Tr>
                <Th screenReaderText="Ingest status" />
                <Th modifier="wrap">Name</Th>
                <Th modifier="wrap">Tenant</Th>
                <Th modifier="wrap">API</Th>
                <Th modifier="wrap">Tokens</Th>
                <Th modifier="wrap">History</Th>
                <Th modifier="wrap">Updated</Th>
                {admin && <Th screenReaderText="Actions" />}
              </Tr>
            </Thead>
            {tenants.data.map((t) => {
              const isOpen = open.has(t.name);
              return (
                <Tbody key={t.name} isExpanded={isOpen}>
                  <Tr data-testid={`tenant-${t.name}`}>
                    <Td style={{ width: 48 }}>
                      <Button
                        variant="plain"
                        aria-label={`Ingest status of ${t.name}`}
                        aria-expanded={isOpen}
                        aria-controls={`ingest-row-${t.name}`}
                        icon={isOpen ? <AngleDownIcon /> : <AngleRightIcon />}
                        onClick={() => toggle(t.name)}
                      />
                    </Td>
                    <Td dataLabel="Name">
                      <strong>{t.name}</strong>
                    </Td>
                    <Td dataLabel="Tenant">
                      <div>{t.baseUrl}</div>
                      {t.useSystemProxy && (
                        <Content component="small">through the system proxy</Content>
                      )}
                    </Td>
                    <Td dataLabel="API">
                      <Label isCompact color="blue">
                        {t.api}
                      </Label>
                    </Td>
                    <Td dataLabel="Tokens">
                      <LabelGroup>
                        <Label isCompact color={t.hasV2Token ? 'green' : 'grey'}>
                          v2 {t.hasV2Token ? 'set' : 'not set'}
                        </Label>
                        <Label isCompact color={t.hasV1Token ? 'green' : 'grey'}>
                          v1 {t.hasV1Token ? 'set' : 'not set'}
                        </Label>
                      </LabelGroup>
                    </Td>
                    <Td dataLabel="History" modifier="nowrap">
                      {t.initialRangeDays} days
                    </Td>
                    <Td dataLabel="Updated">
                      <Day value={t.updatedAt} />
                    </Td>
                    {admin && (
                      <Td dataLabel="Actions" isActionCell>
                        <Flex spaceItems={{ default: 'spaceItemsMd' }} flexWrap={{ default: 'nowrap' }} justifyContent={{ default: 'justifyContentFlexEnd' }}>
                          <Button variant="link" isInline aria-label={`Test connection of ${t.name}`} onClick={() => setDialog({ kind: 'test', tenant: t })}>
                            Test
                          </Button>
                          <RowAction label="Edit" of={t.name} onClick={() => setDialog({ kind: 'edit', tenant: t })} />
                          <RowAction label="Delete" of={t.name} onClick={() => setDialog({ kind: 'delete', tenant: t })} danger />
                        </Flex>
                      </Td>
                    )}
                  </Tr>
                  {isOpen && (
                    <Tr isExpanded id={`ingest-row-${t.name}`}>
                      <Td colSpan={columns}>
                        <ExpandableRowContent>
                          <TenantIngest name={t.name} />
                        </ExpandableRowContent>
                      </Td>
                    </Tr>
                  )}
                </Tbody>
              );
            })}
          </Table>
        )}
      </PageSection>

      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <TenantFormModal
          tenant={dialog.kind === 'edit' ? dialog.tenant : undefined}
          onClose={() => setDialog(null)}
          onSaved={(t, created) => {
            setDialog(null);
            tenants.reload();
            notify(created ? `Tenant ${t.name} added.` : `Tenant ${t.name} saved.`);
          }}
        />
      )}
      {dialog?.kind === 'test' && <SavedTenantTest tenant={dialog.tenant} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete the tenant ${dialog.tenant.name}?`}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.del(`/api/tenants/${encodeURIComponent(dialog.tenant.name)}`);
            close(dialog.tenant.name);
            tenants.reload();
            notify(`Tenant ${dialog.tenant.name} deleted.`);
          }}
        >
          <p>
            Open CE stops pulling from {dialog.tenant.baseUrl}, and configurations that use the tenant{' '}
            {dialog.tenant.name} receive no more data from it. Its stored tokens are deleted.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
