import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  Flex,
  FlexItem,
  Label,
  LabelGroup,
  Skeleton,
  Tooltip,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { CheckCircleIcon, ExclamationCircleIcon, ExclamationTriangleIcon } from '@patternfly/react-icons';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import type { Polled } from '../../api/usePoll';
import { SERVICE_NAMES, type ServiceStatus, type SystemStatus } from './homeModel';

function HealthLabel({ service }: { service: ServiceStatus }) {
  if (service.health === 'UP' && (!service.bus || service.bus.reached)) {
    return (
      <Label status="success" isCompact>
        Up
      </Label>
    );
  }
  if (service.health === 'UP') {
    return (
      <Label status="warning" isCompact>
        Up, not on the bus
      </Label>
    );
  }
  if (service.health === 'DOWN') {
    return (
      <Label status="danger" isCompact>
        Down
      </Label>
    );
  }
  return (
    <Label status="danger" isCompact>
      {service.health === 'UNREACHABLE' ? 'Unreachable' : service.health}
    </Label>
  );
}

function Checks({ checks }: { checks?: Record<string, string> }) {
  const entries = Object.entries(checks ?? {});
  if (entries.length === 0) return <>—</>;
  const failing = entries.filter(([, s]) => s !== 'UP');
  if (failing.length === 0) {
    return (
      <Tooltip content={entries.map(([n]) => n).join(', ')}>
        <span tabIndex={0}>All {entries.length} up</span>
      </Tooltip>
    );
  }
  return (
    <LabelGroup numLabels={4}>
      {failing.map(([name, s]) => (
        <Label key={name} color="red" isCompact>
          {name}: {s}
        </Label>
      ))}
    </LabelGroup>
  );
}

/** The suite's overall state and every service's health, bus round trip, version and instance. */
export function StatusSection({ polled }: { polled: Polled<SystemStatus> }) {
  const { data, error, loading, reload } = polled;
  const services = data?.services ?? [];
  const up = data?.status === 'UP';
  return (
    <Card component="section" aria-labelledby="home-status-title" isFullHeight>
      <CardHeader>
        <CardTitle id="home-status-title" component="h2">
          System status
        </CardTitle>
      </CardHeader>
      <CardBody>
        {error !== undefined && (
          <ErrorAlert error={error} title="The system status could not be measured" onRetry={reload} />
        )}
        {!data && loading && <Skeleton height="8rem" screenreaderText="Measuring the system status" />}
        {data && (
          <>
            <Flex alignItems={{ default: 'alignItemsCenter' }} spaceItems={{ default: 'spaceItemsMd' }} style={{ marginBottom: '0.75rem' }}>
              <FlexItem>
                {up ? (
                  <Label status="success" data-testid="system-state">
                    All services healthy
                  </Label>
                ) : (
                  <Label status="danger" data-testid="system-state">
                    Degraded
                  </Label>
                )}
              </FlexItem>
              <FlexItem>
                <Content component="p" data-testid="system-summary">
                  {data.summary}
                </Content>
              </FlexItem>
            </Flex>
            <Content component="small" style={{ display: 'block', marginBottom: '0.75rem' }}>
              {data.version && <>Open CE {data.version} · </>}
              {data.installation?.id && (
                <>
                  Installation <span className="ce-mono">{data.installation.id}</span>
                  {data.installation.installedAt && <> (since {formatTime(data.installation.installedAt)})</>} ·{' '}
                </>
              )}
              Checked {formatTime(data.checkedAt)}
            </Content>
            {services.length > 0 && (
              <Table aria-label="Services" role="table" variant="compact">
                <Thead>
                  <Tr>
                    <Th modifier="nowrap">Service</Th>
                    <Th>Health</Th>
                    <Th modifier="nowrap">Bus round trip</Th>
                    <Th modifier="nowrap">Checks</Th>
                    <Th modifier="nowrap">Version</Th>
                    <Th modifier="nowrap">Instance</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {services.map((s) => (
                    <Tr key={s.name} data-testid={`service-${s.name}`}>
                      <Td dataLabel="Service" modifier="nowrap">
                        <strong>{SERVICE_NAMES[s.name] ?? s.name}</strong>
                        <div className="ce-mono pf-v6-u-color-200">{s.name}</div>
                      </Td>
                      <Td dataLabel="Health">
                        <HealthLabel service={s} />
                        {s.detail && (
                          <div style={{ color: 'var(--pf-t--global--text--color--status--danger--default)', marginTop: '0.25rem', wordBreak: 'break-word' }}>
                            {s.detail}
                          </div>
                        )}
                      </Td>
                      <Td dataLabel="Bus round trip" modifier="nowrap">
                        {!s.bus ? (
                          <span className="pf-v6-u-color-200">not on the bus</span>
                        ) : s.bus.reached ? (
                          <>
                            <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" />{' '}
                            {s.bus.roundTripMillis ?? '—'} ms
                          </>
                        ) : (
                          <>
                            <ExclamationCircleIcon color="var(--pf-t--global--icon--color--status--danger--default)" /> no answer
                          </>
                        )}
                      </Td>
                      <Td dataLabel="Checks" modifier="nowrap">
                        <Checks checks={s.checks} />
                      </Td>
                      <Td dataLabel="Version" modifier="nowrap">
                        {s.version ?? '—'}
                      </Td>
                      <Td dataLabel="Instance" modifier="nowrap">
                        {s.instance ?? '—'}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
            {services.length === 0 && (
              <Content component="p">
                <ExclamationTriangleIcon /> No service reported its health.
              </Content>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
