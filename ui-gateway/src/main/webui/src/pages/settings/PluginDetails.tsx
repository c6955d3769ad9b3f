import type { ReactNode } from 'react';
import {
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  LabelGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { formatBytes, formatTime } from '../../components/format';
import { CAPABILITIES, FIELD_TYPES, flattenFields, MODULE_NAMES, type ConfigField, type PluginEntry } from './pluginModels';

function defaultOf(f: ConfigField): string {
  const v = f.defaultValue;
  if (v === undefined || v === null || v === '') return '—';
  if (f.type === 'PASSWORD') return '(set)';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if ((f.type === 'CHOICE' || f.type === 'MULTICHOICE') && f.choices) {
    return f.choices.find((c) => c.key === v)?.label ?? String(v);
  }
  return String(v);
}

/** Everything the manifest says about a plugin, its configuration form included. */
export function PluginDetails({ entry, onClose }: { entry: PluginEntry; onClose: () => void }) {
  const m = entry.manifest;
  const fields = flattenFields(m.configuration);
  const row = (term: string, value: ReactNode) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <Modal isOpen variant="large" onClose={onClose} aria-labelledby="plugin-details-title">
      <ModalHeader title={`${m.name} ${m.version}`} labelId="plugin-details-title" description={m.description ?? undefined} />
      <ModalBody>
        <DescriptionList isHorizontal isCompact columnModifier={{ lg: '2Col' }} aria-label="About the plugin">
          {row('ID', <code>{m.id}</code>)}
          {row('Module', `${MODULE_NAMES[m.module] ?? m.module} (${m.module})`)}
          {row('Version', m.version)}
          {row('Needs Open CE', `${m.minimumPlatformVersion} or later`)}
          {row('Source', entry.source === 'custom' ? `Uploaded ${formatTime(entry.uploadedAt)}` : 'Built in')}
          {row('State', entry.enabled ? 'Enabled' : 'Disabled: its configurations do not run')}
          {entry.source === 'custom' && row('Jar', `${formatBytes(entry.size)}, SHA-256 ${entry.sha256 ?? '—'}`)}
          {row(
            'Capabilities',
            (m.capabilities ?? []).length === 0 ? (
              '—'
            ) : (
              <LabelGroup numLabels={6}>
                {(m.capabilities ?? []).map((c) => (
                  <Label key={c} isCompact title={CAPABILITIES[c]}>
                    {c}
                  </Label>
                ))}
              </LabelGroup>
            ),
          )}
          {(m.dataTypes ?? []).length > 0 && row('Data types', (m.dataTypes ?? []).join(', '))}
          {(m.formats ?? []).length > 0 && row('Formats', (m.formats ?? []).join(', ').toUpperCase())}
        </DescriptionList>
        {(m.capabilities ?? []).length > 0 && (
          <Content component="ul" style={{ marginTop: 12 }}>
            {(m.capabilities ?? []).map((c) => (
              <Content component="li" key={c}>
                <strong>{c}</strong>: {CAPABILITIES[c] ?? 'declared by the plugin'}
              </Content>
            ))}
          </Content>
        )}
        <Title headingLevel="h3" size="md" style={{ marginTop: 24 }}>
          Configuration fields
        </Title>
        {fields.length === 0 ? (
          <Content component="p">The plugin needs no configuration.</Content>
        ) : (
          <Table role="table" aria-label="Configuration fields" variant="compact">
            <Thead>
              <Tr>
                <Th modifier="wrap">Field</Th>
                <Th modifier="wrap">Key</Th>
                <Th modifier="wrap">Type</Th>
                <Th modifier="wrap">Required</Th>
                <Th modifier="wrap">Default</Th>
                <Th modifier="wrap">Help</Th>
              </Tr>
            </Thead>
            <Tbody>
              {fields.map(({ field: f, step }) => (
                <Tr key={f.key}>
                  <Td dataLabel="Field">
                    {f.label}
                    {step ? <Content component="small"> ({step})</Content> : null}
                  </Td>
                  <Td dataLabel="Key">
                    <code>{f.key}</code>
                  </Td>
                  <Td dataLabel="Type">
                    {FIELD_TYPES[f.type] ?? f.type}
                    {f.choices && f.choices.length > 0 ? (
                      <div>
                        <Content component="small">{f.choices.map((c) => c.label).join(', ')}</Content>
                      </div>
                    ) : null}
                  </Td>
                  <Td dataLabel="Required">
                    {f.mandatory ? 'Yes' : 'No'}
                    {!f.editable ? <div><Content component="small">fixed after creation</Content></div> : null}
                  </Td>
                  <Td dataLabel="Default">{defaultOf(f)}</Td>
                  <Td dataLabel="Help" modifier="breakWord">
                    {f.helpText ?? '—'}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </ModalFooter>
    </Modal>
  );
}
