import type { ReactNode } from 'react';
import {
  Alert,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  DrawerActions,
  DrawerCloseButton,
  DrawerHead,
  DrawerPanelBody,
  Label,
  Title,
} from '@patternfly/react-core';
import { formatDuration, formatNumber, formatTime } from '../../components/format';
import { SchemaValues, type PluginEntry } from '../../components/schema-form';
import { space, subtle } from '../../components/schema-form/styles';
import { healthState, pulls, type ConfigurationView, type HealthState, type ModuleTexts } from './model';

/** The label of a configuration's state in the list and the details. */
export function HealthLabel({ state }: { state: HealthState }) {
  switch (state) {
    case 'healthy':
      return <Label status="success">Healthy</Label>;
    case 'failing':
      return <Label status="danger">Failing</Label>;
    case 'never':
      return <Label color="grey">Not run yet</Label>;
    case 'no-plugin':
      return <Label status="warning">Plugin not installed</Label>;
    case 'plugin-off':
      return <Label status="warning">Plugin turned off</Label>;
  }
}

/** Everything about one configuration, for every role: plugin, state, health of its runs, settings. */
export function ConfigurationDetails({
  view,
  entry,
  catalogueKnown,
  texts,
  onClose,
}: {
  view: ConfigurationView;
  entry: PluginEntry | undefined;
  catalogueKnown: boolean;
  texts: ModuleTexts;
  onClose: () => void;
}) {
  const health = view.health;
  const state = healthState(view, entry, catalogueKnown);
  const row = (term: string, value: ReactNode) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <>
      <DrawerHead>
        <Title headingLevel="h2" id="configuration-details-title">
          {view.name}
        </Title>
        <DrawerActions>
          <DrawerCloseButton onClick={onClose} aria-label="Close the details" />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>
        <DescriptionList isCompact isHorizontal aria-label={`Summary of ${view.name}`}>
          {row('Plugin', `${view.pluginName} ${view.pluginVersion ?? ''} (${view.pluginId})`.replace('  ', ' '))}
          {row('State', <HealthLabel state={state} />)}
          {row('Enabled', view.enabled ? 'Yes' : 'No')}
          {(pulls(entry) || texts.tenantSource) && row('Poll interval', formatDuration(view.pollIntervalSeconds))}
          {view.tenantSource &&
            row(
              'Tenant data',
              `${view.tenantSource.tenant}: ${[
                view.tenantSource.alerts.length > 0 ? `alerts ${view.tenantSource.alerts.join(', ')}` : null,
                view.tenantSource.events.length > 0 ? `events ${view.tenantSource.events.join(', ')}` : null,
              ]
                .filter(Boolean)
                .join('; ')}`,
            )}
          {row('Created', formatTime(view.createdAt))}
          {row('Changed', formatTime(view.updatedAt))}
        </DescriptionList>
      </DrawerPanelBody>
      <DrawerPanelBody>
        <Title headingLevel="h3" style={{ marginBottom: space('sm') }}>
          Health
        </Title>
        {health?.lastError && (
          <Alert variant="danger" isInline isPlain title="Last error" style={{ marginBottom: space('sm') }} data-testid="last-error">
            {health.lastError}
          </Alert>
        )}
        <DescriptionList isCompact isHorizontal aria-label={`Health of ${view.name}`}>
          {row('Last run', formatTime(health?.lastRunAt))}
          {row('Last success', formatTime(health?.lastSuccessAt))}
          {row('Runs', formatNumber(health?.runs ?? 0))}
          {health?.lastRunSummary && row('Last result', health.lastRunSummary)}
        </DescriptionList>
      </DrawerPanelBody>
      <DrawerPanelBody>
        <Title headingLevel="h3" style={{ marginBottom: space('sm') }}>
          Settings
        </Title>
        {entry ? (
          <SchemaValues fields={entry.manifest.configuration} values={view.configuration ?? {}} />
        ) : (
          <>
            <p style={{ ...subtle, marginBottom: space('sm') }}>
              {catalogueKnown ? 'The plugin is not installed; the stored values are shown by their keys.' : 'Shown by their keys.'}
            </p>
            <SchemaValues fields={[]} values={view.configuration ?? {}} />
          </>
        )}
      </DrawerPanelBody>
    </>
  );
}
