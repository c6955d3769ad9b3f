import type { ReactNode } from 'react';
import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Grid,
  GridItem,
  Label,
  PageSection,
  Stack,
  Title,
} from '@patternfly/react-core';
import { formatTime } from '../../components/format';
import { MODULES, RETENTION, type PlatformSettings } from './generalSettingsModel';

export function Section({ title, children, span = 6 }: { title: string; children: ReactNode; span?: 6 | 12 }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <GridItem span={12} xl={span}>
      <Card component="section" aria-labelledby={id} style={{ height: '100%' }}>
        <CardTitle>
          <Title headingLevel="h2" size="lg" id={id}>
            {title}
          </Title>
        </CardTitle>
        <CardBody>
          <Stack hasGutter>{children}</Stack>
        </CardBody>
      </Card>
    </GridItem>
  );
}

export function LastChange({ settings }: { settings: PlatformSettings }) {
  if (!settings.updatedAt) return <Content component="small">Defaults: nobody has changed the settings yet.</Content>;
  return (
    <Content component="small" data-testid="last-change">
      Last changed {formatTime(settings.updatedAt)}
      {settings.updatedBy ? ` by ${settings.updatedBy}` : ''}.
    </Content>
  );
}

function OnOff({ on, onText = 'On', offText = 'Off' }: { on: boolean; onText?: string; offText?: string }) {
  return (
    <Label color={on ? 'green' : 'grey'} isCompact>
      {on ? onText : offText}
    </Label>
  );
}

/** What a user below super-admin sees: the values, nothing to change. */
export function SettingsView({ settings: s }: { settings: PlatformSettings }) {
  const row = (term: string, value: ReactNode) => (
    <DescriptionListGroup key={term}>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <PageSection>
      <Alert variant="info" isInline title="Only the super-admin can change these settings." style={{ marginBottom: 16 }} />
      <Grid hasGutter>
        <Section title="Modules">
          <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: '24ch' }} aria-label="Modules">
            {MODULES.map((m) => row(m.name, <OnOff on={s.modules?.[m.key]} />))}
          </DescriptionList>
        </Section>
        <Section title="Proxy">
          <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: '24ch' }} aria-label="Proxy">
            {row('Proxy', <OnOff on={!!s.proxy?.enabled} onText="Used for outbound calls" offText="Direct connections" />)}
            {row('Host', s.proxy?.host ?? '—')}
            {row('Port', s.proxy?.port ?? '—')}
            {row('Username', s.proxy?.username ?? '—')}
            {row('Password', s.proxy?.password ? 'Set' : 'Not set')}
          </DescriptionList>
        </Section>
        <Section title="Outbound TLS">
          <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: '24ch' }} aria-label="Outbound TLS">
            {row('Certificate checks', <OnOff on={s.tls?.verify ?? true} onText="Verified" offText="Not verified" />)}
            {row(
              'Extra trusted CA certificates',
              s.tls?.extraCaCertificates ? `${(s.tls.extraCaCertificates.match(/BEGIN CERTIFICATE/g) ?? []).length} certificate(s)` : 'None',
            )}
          </DescriptionList>
        </Section>
        <Section title="Logging">
          <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: '24ch' }} aria-label="Logging">
            {row('Log level', s.logLevel ? s.logLevel.toUpperCase() : 'Default (CE_LOG_LEVEL)')}
          </DescriptionList>
        </Section>
        <Section title="Retention">
          <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: '24ch' }} aria-label="Retention">
            {RETENTION.map((r) => row(r.label, `${s.retention?.[r.key] ?? '—'} days`))}
          </DescriptionList>
        </Section>
        <Section title="Update check">
          <DescriptionList isHorizontal horizontalTermWidthModifier={{ default: '24ch' }} aria-label="Update check">
            {row('Update check', <OnOff on={!!s.updateCheck?.enabled} />)}
            {row('Feed URL', s.updateCheck?.feedUrl ?? '—')}
            {row('Interval', s.updateCheck ? `every ${s.updateCheck.intervalHours} hours` : '—')}
          </DescriptionList>
        </Section>
      </Grid>
      <div style={{ marginTop: 16 }}>
        <LastChange settings={s} />
      </div>
    </PageSection>
  );
}
