import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  FlexItem,
  Gallery,
  Label,
  LabelGroup,
  PageSection,
  SearchInput,
  Stack,
  StackItem,
  Title,
  ToggleGroup,
  ToggleGroupItem,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { CubesIcon } from '@patternfly/react-icons';
import { api } from '../../api/client';
import { usePoll } from '../../api/usePoll';
import { IfRole, useAuth } from '../../auth/AuthContext';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowAction } from '../../components/RowAction';
import { formatTime } from '../../components/format';
import { Loading, useToasts } from './shared';
import { PluginDetails } from './PluginDetails';
import { PluginUpload, uploadedMessage } from './PluginUpload';
import { CAPABILITIES, flattenFields, iconSource, matches, MODULE_NAMES, MODULE_ORDER, type PluginEntry } from './pluginModels';

type Dialog =
  | { kind: 'details'; entry: PluginEntry }
  | { kind: 'upload' }
  | { kind: 'disable'; entry: PluginEntry }
  | { kind: 'delete'; entry: PluginEntry };

/** Settings > Plugins: the catalogue by module; the super-admin uploads, turns off and deletes plugins. */
export function PluginsPage() {
  const { can } = useAuth();
  const superAdmin = can('super-admin');
  const plugins = usePoll((signal) => api.get<PluginEntry[]>('/api/plugins', { signal }), 0);
  const [params, setParams] = useSearchParams();
  const moduleParam = (params.get('module') ?? '').toUpperCase();
  const module = MODULE_ORDER.includes(moduleParam as never) ? moduleParam : 'ALL';
  const query = params.get('q') ?? '';
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const { toasts, notify } = useToasts();

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const all = plugins.data ?? [];
  const matching = useMemo(() => all.filter((e) => matches(e, query)), [all, query]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const e of matching) c[e.manifest.module] = (c[e.manifest.module] ?? 0) + 1;
    return c;
  }, [matching]);
  const groups = MODULE_ORDER.filter((m) => module === 'ALL' || m === module)
    .map((m) => ({ module: m, entries: matching.filter((e) => e.manifest.module === m) }))
    .filter((g) => g.entries.length > 0);
  const other = module === 'ALL' ? matching.filter((e) => !MODULE_ORDER.includes(e.manifest.module)) : [];

  const setEnabled = async (entry: PluginEntry, enabled: boolean) => {
    await api.put<PluginEntry>(`/api/plugins/${encodeURIComponent(entry.manifest.id)}/state`, { enabled });
    notify(`${entry.manifest.name} ${enabled ? 'enabled' : 'disabled'}.`);
    plugins.reload();
  };

  const enable = async (entry: PluginEntry) => {
    setActionError(null);
    try {
      await setEnabled(entry, true);
    } catch (e) {
      setActionError(e);
    }
  };

  const card = (e: PluginEntry) => {
    const m = e.manifest;
    const src = iconSource(m.icon);
    const fields = flattenFields(m.configuration);
    const required = fields.filter((f) => f.field.mandatory).length;
    return (
      <Card key={m.id} isCompact data-testid={`plugin-${m.id}`} component="article" aria-label={m.name} style={{ height: '100%' }}>
        <CardHeader>
          <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }} flexWrap={{ default: 'nowrap' }}>
            <FlexItem>
              {src ? (
                <img src={src} alt="" width={32} height={32} style={{ objectFit: 'contain' }} />
              ) : (
                <CubesIcon aria-hidden style={{ width: 32, height: 32, color: 'var(--pf-t--global--icon--color--subtle)' }} />
              )}
            </FlexItem>
            <FlexItem>
              <CardTitle component="h3">{m.name}</CardTitle>
              <Content component="small">
                {m.id} · v{m.version}
              </Content>
            </FlexItem>
          </Flex>
        </CardHeader>
        <CardBody>
          <Stack hasGutter>
            <StackItem>
              <LabelGroup numLabels={5}>
                <Label isCompact color={e.source === 'custom' ? 'purple' : 'blue'}>
                  {e.source === 'custom' ? 'Uploaded' : 'Built-in'}
                </Label>
                {e.enabled ? (
                  <Label isCompact color="green">
                    Enabled
                  </Label>
                ) : (
                  <Label isCompact color="grey">
                    Disabled
                  </Label>
                )}
                {(m.capabilities ?? []).map((c) => (
                  <Label key={c} isCompact variant="outline" title={CAPABILITIES[c]}>
                    {c}
                  </Label>
                ))}
              </LabelGroup>
            </StackItem>
            <StackItem>
              <Content
                component="p"
                style={{ display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}
              >
                {m.description || 'No description.'}
              </Content>
            </StackItem>
            <StackItem>
              <Content component="small">
                {fields.length === 0 ? 'No configuration fields' : `${fields.length} configuration field(s), ${required} required`}
                {(m.dataTypes ?? []).length > 0 ? ` · data types: ${(m.dataTypes ?? []).join(', ')}` : ''}
                {e.source === 'custom' && e.uploadedAt ? ` · uploaded ${formatTime(e.uploadedAt)}` : ''}
              </Content>
            </StackItem>
          </Stack>
        </CardBody>
        <CardFooter>
          <Flex spaceItems={{ default: 'spaceItemsSm' }}>
            <Button variant="link" isInline aria-label={`Details of ${m.name}`} onClick={() => setDialog({ kind: 'details', entry: e })}>
              Details
            </Button>
            {superAdmin && (
              <>
                {e.enabled ? (
                  <RowAction label="Disable" of={m.name} onClick={() => setDialog({ kind: 'disable', entry: e })} />
                ) : (
                  <RowAction label="Enable" of={m.name} onClick={() => enable(e)} />
                )}
                {e.source === 'custom' && (
                  <RowAction label="Delete" of={m.name} onClick={() => setDialog({ kind: 'delete', entry: e })} danger />
                )}
              </>
            )}
          </Flex>
        </CardFooter>
      </Card>
    );
  };

  return (
    <>
      {toasts}
      <PageHeader
        title="Plugins"
        description="The plugins each module can configure: built into Open CE, or uploaded by the super-admin."
        actions={
          <IfRole role="super-admin">
            <Button variant="primary" onClick={() => setDialog({ kind: 'upload' })}>
              Upload plugin
            </Button>
          </IfRole>
        }
      />
      <PageSection>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput
                aria-label="Filter plugins"
                placeholder="Filter by name, id, capability"
                value={query}
                onChange={(_e, v) => setParam('q', v)}
                onClear={() => setParam('q', '')}
              />
            </ToolbarItem>
            <ToolbarItem>
              <ToggleGroup aria-label="Module">
                <ToggleGroupItem text={`All (${matching.length})`} buttonId="module-all" aria-label="All modules" isSelected={module === 'ALL'} onChange={() => setParam('module', '')} />
                {MODULE_ORDER.map((m) => (
                  <ToggleGroupItem
                    key={m}
                    text={`${m} (${counts[m] ?? 0})`}
                    buttonId={`module-${m}`}
                    aria-label={`${MODULE_NAMES[m]} (${m})`}
                    isSelected={module === m}
                    onChange={() => setParam('module', m.toLowerCase())}
                  />
                ))}
              </ToggleGroup>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <ErrorAlert error={actionError} />
        {plugins.error && !plugins.data ? (
          <ErrorAlert error={plugins.error} title="The plugins could not be loaded" onRetry={plugins.reload} />
        ) : !plugins.data ? (
          <Loading label="Loading plugins" />
        ) : groups.length === 0 && other.length === 0 ? (
          <EmptyState titleText={all.length === 0 ? 'No plugins installed' : 'No plugin matches'} headingLevel="h2">
            <EmptyStateBody>
              {all.length === 0
                ? 'Built-in plugins come with Open CE; the super-admin can upload custom ones.'
                : 'Change the filter or choose another module.'}
            </EmptyStateBody>
            {all.length > 0 && (
              <EmptyStateFooter>
                <EmptyStateActions>
                  <Button
                    variant="link"
                    onClick={() => {
                      setParams(new URLSearchParams(), { replace: true });
                    }}
                  >
                    Clear the filters
                  </Button>
                </EmptyStateActions>
              </EmptyStateFooter>
            )}
          </EmptyState>
        ) : (
          <Stack hasGutter>
            {groups.map((g) => (
              <StackItem key={g.module}>
                <section aria-labelledby={`plugins-${g.module}`}>
                  <Title headingLevel="h2" size="lg" id={`plugins-${g.module}`} style={{ marginBottom: 12 }}>
                    {MODULE_NAMES[g.module]} ({g.module})
                  </Title>
                  <Gallery hasGutter minWidths={{ default: '280px' }}>
                    {g.entries.map(card)}
                  </Gallery>
                </section>
              </StackItem>
            ))}
            {other.length > 0 && (
              <StackItem>
                <section aria-labelledby="plugins-other">
                  <Title headingLevel="h2" size="lg" id="plugins-other" style={{ marginBottom: 12 }}>
                    Other
                  </Title>
                  <Gallery hasGutter minWidths={{ default: '280px' }}>
                    {other.map(card)}
                  </Gallery>
                </section>
              </StackItem>
            )}
          </Stack>
        )}
      </PageSection>

      {dialog?.kind === 'details' && <PluginDetails entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'upload' && (
        <PluginUpload
          onClose={() => setDialog(null)}
          onUploaded={(entry) => {
            setDialog(null);
            plugins.reload();
            notify(uploadedMessage(entry));
          }}
        />
      )}
      {dialog?.kind === 'disable' && (
        <ConfirmDialog
          title={`Disable ${dialog.entry.manifest.name}?`}
          confirmLabel="Disable"
          onClose={() => setDialog(null)}
          onConfirm={() => setEnabled(dialog.entry, false)}
        >
          <p>
            Configurations of {dialog.entry.manifest.name} stop running in every {MODULE_NAMES[dialog.entry.manifest.module] ?? ''}{' '}
            service until the plugin is enabled again. Their settings are kept.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.entry.manifest.name}?`}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.del(`/api/plugins/${encodeURIComponent(dialog.entry.manifest.id)}`);
            notify(`${dialog.entry.manifest.name} deleted.`);
            plugins.reload();
          }}
        >
          <p>
            The uploaded plugin {dialog.entry.manifest.id} {dialog.entry.manifest.version} is unloaded from every module
            service; its configurations can no longer run. Upload it again to get it back.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
