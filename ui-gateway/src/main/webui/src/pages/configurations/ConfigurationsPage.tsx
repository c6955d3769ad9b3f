import { useCallback, useMemo, useState } from 'react';
import {
  Bullseye,
  Button,
  Content,
  Drawer,
  DrawerContent,
  DrawerContentBody,
  DrawerPanelContent,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  Label,
  PageSection,
  SearchInput,
  Spinner,
  Switch,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import PlusIcon from '@patternfly/react-icons/dist/esm/icons/plus-icon';
import SyncAltIcon from '@patternfly/react-icons/dist/esm/icons/sync-alt-icon';
import { api, describeError } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowAction } from '../../components/RowAction';
import { useToasts } from '../../components/toasts';
import { useKeySet } from '../../components/useKeySet';
import { formatDuration, formatTime } from '../../components/format';
import type { FieldErrors, PluginEntry } from '../../components/schema-form';
import { smallSubtle, space, subtle } from '../../components/schema-form/styles';
import { ConfigurationDetails, HealthLabel } from './ConfigurationDetails';
import { ConfigurationFormModal } from './ConfigurationFormModal';
import { healthState, MODULES, pluginsOf, type ConfigurationView } from './model';
import { TestResultModal } from './TestResultModal';

export type ModuleId = 'cls' | 'cte' | 'cto' | 'cre';

type Editing = { mode: 'create' } | { mode: 'edit'; name: string; errors?: FieldErrors };

const POLL_MS = 15_000;

/**
 * The configurations of one module's plugins (/api/<module>/configurations): for the Log Shipper
 * these are its destinations. Everyone signed in sees the list, the health of each and its details;
 * admins add, change, test, turn on and off and delete them.
 */
export function ConfigurationsPage({ module }: { module: ModuleId }) {
  const texts = MODULES[module];
  const { can } = useAuth();
  const admin = can('admin');
  const base = `/api/${module}/configurations`;

  const list = usePoll((signal) => api.get<ConfigurationView[]>(base, { signal }), POLL_MS, [base]);
  const catalogue = usePoll((signal) => api.get<PluginEntry[]>('/api/plugins', { signal }), 0, []);
  const plugins = useMemo(() => pluginsOf(catalogue.data, module), [catalogue.data, module]);
  const catalogueKnown = catalogue.data !== undefined;
  const entryOf = useCallback((id: string) => plugins.find((p) => p.manifest.id === id), [plugins]);

  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<ConfigurationView | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const { keys: switching, add: startSwitching, remove: stopSwitching } = useKeySet();
  const { toasts, notify } = useToasts({ max: Infinity, timeout: (variant) => (variant === 'success' ? 6000 : 12000) });

  const views = list.data ?? [];
  const shown = views.filter((v) => {
    const q = filter.trim().toLowerCase();
    return !q || v.name.toLowerCase().includes(q) || v.pluginName.toLowerCase().includes(q) || v.pluginId.toLowerCase().includes(q);
  });
  const selectedView = selected ? views.find((v) => v.name === selected) : undefined;
  const editedView = editing?.mode === 'edit' ? views.find((v) => v.name === editing.name) : undefined;
  const noun = texts.noun === 'destination' ? 'Destination' : 'Configuration';
  const showPoll = module !== 'cls';
  // with the details open beside it, the table keeps the columns that fit; the details show the rest
  const narrow = !!selectedView;

  const setEnabled = async (view: ConfigurationView, on: boolean) => {
    startSwitching(view.name);
    try {
      await api.post(`${base}/${encodeURIComponent(view.name)}/${on ? 'enable' : 'disable'}`);
      notify(`${noun} "${view.name}" ${on ? 'enabled' : 'disabled'}.`, 'success');
      list.reload();
    } catch (e) {
      notify(`"${view.name}" could not be ${on ? 'enabled' : 'disabled'}: ${describeError(e)}`, 'danger');
    } finally {
      stopSwitching(view.name);
    }
  };

  const addButton = (
    <Button icon={<PlusIcon />} onClick={() => setEditing({ mode: 'create' })} isDisabled={!catalogueKnown}>
      {texts.addLabel}
    </Button>
  );

  const table = (
    <Table aria-label={texts.title} variant="compact" data-testid="configurations-table">
      <Thead>
        <Tr>
          <Th modifier="nowrap">Name</Th>
          <Th modifier="nowrap">Plugin</Th>
          <Th modifier="fitContent">Enabled</Th>
          <Th>Health</Th>
          {!narrow && <Th modifier="nowrap">Last run</Th>}
          {showPoll && !narrow && <Th modifier="nowrap">Poll interval</Th>}
          {admin && <Th screenReaderText="Actions" modifier="fitContent" />}
        </Tr>
      </Thead>
      <Tbody>
        {shown.map((view) => {
          const entry = entryOf(view.pluginId);
          const state = healthState(view, entry, catalogueKnown);
          return (
            <Tr key={view.name} isRowSelected={view.name === selected} isClickable={false}>
              <Td dataLabel="Name" modifier="breakWord">
                <Button variant="link" isInline onClick={() => setSelected(view.name)} aria-expanded={view.name === selected}>
                  {view.name}
                </Button>
              </Td>
              <Td dataLabel="Plugin" modifier="nowrap">
                {view.pluginName}
                {view.pluginVersion && <span style={subtle}> {view.pluginVersion}</span>}
              </Td>
              <Td dataLabel="Enabled">
                {admin ? (
                  <Switch
                    id={`enabled-${view.name}`}
                    aria-label={`${view.name} enabled`}
                    isChecked={view.enabled}
                    isDisabled={switching.has(view.name)}
                    onChange={(_e, on) => setEnabled(view, on)}
                  />
                ) : view.enabled ? (
                  <Label color="green">Enabled</Label>
                ) : (
                  <Label color="grey">Disabled</Label>
                )}
              </Td>
              <Td dataLabel="Health">
                <HealthLabel state={state} />
                {state === 'failing' && view.health?.lastError && !narrow && (
                  <div style={{ ...smallSubtle, maxWidth: '28rem', overflowWrap: 'anywhere', marginTop: space('xs') }}>
                    {view.health.lastError.length > 160 ? `${view.health.lastError.slice(0, 160)}…` : view.health.lastError}
                  </div>
                )}
              </Td>
              {!narrow && (
                <Td dataLabel="Last run">
                  {formatTime(view.health?.lastRunAt)}
                  {view.health?.lastRunSummary && <div style={smallSubtle}>{view.health.lastRunSummary}</div>}
                </Td>
              )}
              {showPoll && !narrow && <Td dataLabel="Poll interval">{formatDuration(view.pollIntervalSeconds)}</Td>}
              {admin && (
                <Td dataLabel="Actions" isActionCell>
                  <Flex spaceItems={{ default: 'spaceItemsMd' }} flexWrap={{ default: 'nowrap' }}>
                    <RowAction label="Test" of={view.name} onClick={() => setTesting(view.name)} />
                    <RowAction label="Edit" of={view.name} onClick={() => setEditing({ mode: 'edit', name: view.name })} isDisabled={!catalogueKnown} />
                    <RowAction label="Delete" of={view.name} onClick={() => setDeleting(view)} danger />
                  </Flex>
                </Td>
              )}
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );

  let body;
  if (list.data === undefined && list.loading) {
    body = (
      <Bullseye style={{ paddingBlock: space('2xl') }}>
        <Spinner aria-label={`Loading ${texts.noun}s`} />
      </Bullseye>
    );
  } else if (list.data === undefined) {
    body = null; // the error alert says why
  } else if (views.length === 0) {
    body = (
      <EmptyState titleText={texts.emptyTitle} headingLevel="h2" icon={PlusIcon}>
        <EmptyStateBody>{texts.emptyBody}</EmptyStateBody>
        {admin && (
          <EmptyStateFooter>
            <EmptyStateActions>{addButton}</EmptyStateActions>
          </EmptyStateFooter>
        )}
      </EmptyState>
    );
  } else {
    body = (
      <>
        {table}
        {shown.length === 0 && (
          <EmptyState titleText="Nothing matches the filter" headingLevel="h2" variant="sm">
            <EmptyStateFooter>
              <Button variant="link" onClick={() => setFilter('')}>
                Clear the filter
              </Button>
            </EmptyStateFooter>
          </EmptyState>
        )}
      </>
    );
  }

  const panel = selectedView ? (
    <DrawerPanelContent widths={{ default: 'width_50', xl: 'width_33' }} aria-labelledby="configuration-details-title">
      <ConfigurationDetails
        view={selectedView}
        entry={entryOf(selectedView.pluginId)}
        catalogueKnown={catalogueKnown}
        texts={texts}
        onClose={() => setSelected(null)}
      />
    </DrawerPanelContent>
  ) : undefined;

  return (
    <>
      <PageHeader title={texts.title} description={texts.description} actions={admin && views.length > 0 ? addButton : undefined} />
      <PageSection isFilled padding={{ default: 'noPadding' }}>
        <Drawer isExpanded={!!selectedView} isInline position="end">
          <DrawerContent panelContent={panel}>
            <DrawerContentBody hasPadding>
              {list.error !== undefined && (
                <ErrorAlert error={list.error} title={`The ${texts.noun}s could not be loaded`} onRetry={list.reload} />
              )}
              {catalogue.error !== undefined && catalogue.data === undefined && (
                <ErrorAlert
                  error={catalogue.error}
                  title={`The plugin catalogue could not be loaded; ${texts.noun}s cannot be added or changed until it is.`}
                  onRetry={catalogue.reload}
                />
              )}
              {views.length > 0 && (
                <Toolbar>
                  <ToolbarContent>
                    <ToolbarItem>
                      <SearchInput
                        aria-label="Filter by name or plugin"
                        placeholder="Filter by name or plugin"
                        value={filter}
                        onChange={(_e, v) => setFilter(v)}
                        onClear={() => setFilter('')}
                      />
                    </ToolbarItem>
                    <ToolbarItem>
                      <Button variant="plain" aria-label="Refresh" icon={<SyncAltIcon />} onClick={list.reload} />
                    </ToolbarItem>
                    <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
                      <Content component="small" aria-live="polite">
                        {shown.length === views.length ? `${views.length} ${texts.noun}${views.length === 1 ? '' : 's'}` : `${shown.length} of ${views.length}`}
                      </Content>
                    </ToolbarItem>
                  </ToolbarContent>
                </Toolbar>
              )}
              {body}
            </DrawerContentBody>
          </DrawerContent>
        </Drawer>
      </PageSection>

      {editing && (editing.mode === 'create' || editedView) && (
        <ConfigurationFormModal
          module={module}
          texts={texts}
          plugins={plugins}
          view={editing.mode === 'edit' ? editedView : undefined}
          initialErrors={editing.mode === 'edit' ? editing.errors : undefined}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            notify(`${noun} "${saved.name}" ${created ? 'created' : 'saved'}.`, 'success');
            list.reload();
          }}
        />
      )}

      {testing && (
        <TestResultModal
          module={module}
          name={testing}
          entry={entryOf(views.find((v) => v.name === testing)?.pluginId ?? '')}
          onClose={() => setTesting(null)}
          onFix={
            admin && catalogueKnown
              ? (errors) => {
                  setTesting(null);
                  setEditing({ mode: 'edit', name: testing, errors });
                }
              : undefined
          }
        />
      )}

      {deleting && (
        <ConfirmDialog
          title={`Delete ${texts.noun} "${deleting.name}"?`}
          confirmLabel="Delete"
          onConfirm={async () => {
            await api.del(`${base}/${encodeURIComponent(deleting.name)}`);
            notify(`${noun} "${deleting.name}" deleted.`, 'success');
            if (selected === deleting.name) setSelected(null);
            list.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          <p>
            {module === 'cls'
              ? `Nothing more is sent to "${deleting.name}". SIEM mappings that name it no longer deliver there.`
              : `"${deleting.name}" stops running and its settings are removed.`}{' '}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}

      {toasts}
    </>
  );
}
