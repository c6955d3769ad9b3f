import { useState } from 'react';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  Label,
  Skeleton,
  Switch,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { CheckCircleIcon } from '@patternfly/react-icons';
import { api } from '../../api/client';
import type { Notification, Severity } from '../../api/types';
import type { Polled } from '../../api/usePoll';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import { shortTime } from '../logging/logModel';

function SeverityLabel({ severity }: { severity: Severity }) {
  if (severity === 'error') return <Label status="danger" isCompact>Error</Label>;
  if (severity === 'warning') return <Label status="warning" isCompact>Warning</Label>;
  return <Label status="info" isCompact>Info</Label>;
}

/**
 * The notifications the services raised (GET /api/notifications): severity, how often, first and last
 * time; admins clear one (it comes back if its cause raises it again). The masthead badge links here.
 */
export function NotificationsSection({
  polled,
  showResolved,
  onShowResolved,
}: {
  polled: Polled<Notification[]>;
  showResolved: boolean;
  onShowResolved: (show: boolean) => void;
}) {
  const { can } = useAuth();
  const admin = can('admin');
  const { data, error, loading, reload } = polled;
  const [busy, setBusy] = useState<string | null>(null);
  const [clearError, setClearError] = useState<unknown>(undefined);
  const [cleared, setCleared] = useState<string | null>(null);
  const list = data ?? [];

  const clear = async (n: Notification) => {
    setBusy(n.key);
    setClearError(undefined);
    setCleared(null);
    try {
      await api.post(`/api/notifications/${encodeURIComponent(n.key)}/clear`);
      setCleared(n.message);
      reload();
    } catch (e) {
      setClearError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card component="section" id="notifications" aria-labelledby="home-notifications-title" isFullHeight>
      <CardHeader
        actions={{
          actions: (
            <Switch
              id="notifications-show-resolved"
              label="Show resolved"
              isChecked={showResolved}
              onChange={(_e, checked) => onShowResolved(checked)}
            />
          ),
          hasNoOffset: true,
        }}
      >
        <CardTitle id="home-notifications-title" component="h2">
          Notifications
        </CardTitle>
      </CardHeader>
      <CardBody>
        {error !== undefined && <ErrorAlert error={error} title="The notifications could not be read" onRetry={reload} />}
        <ErrorAlert error={clearError} title="The notification could not be cleared" />
        {cleared && (
          <Alert
            variant="success"
            isInline
            title="Notification cleared"
            actionClose={<AlertActionCloseButton onClose={() => setCleared(null)} />}
            style={{ marginBottom: '0.75rem' }}
          >
            “{cleared}” is cleared. It comes back if its cause raises it again.
          </Alert>
        )}
        {!data && loading && <Skeleton height="5rem" screenreaderText="Loading notifications" />}
        {data && list.length === 0 && (
          <Content component="p">
            <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" />{' '}
            {showResolved ? 'No notifications.' : 'No active notifications.'}
          </Content>
        )}
        {list.length > 0 && (
          <Table aria-label="Notifications" role="table" variant="compact">
            <Thead>
              <Tr>
                <Th>Severity</Th>
                <Th width={50}>Message</Th>
                <Th className="ce-numeric">Count</Th>
                <Th>First</Th>
                <Th>Last</Th>
                {showResolved && <Th>Resolved</Th>}
                {admin && <Th screenReaderText="Actions" />}
              </Tr>
            </Thead>
            <Tbody>
              {list.map((n) => (
                <Tr key={n.key} data-testid={`notification-${n.key}`}>
                  <Td dataLabel="Severity">
                    <SeverityLabel severity={n.severity} />
                  </Td>
                  <Td dataLabel="Message" modifier="breakWord">
                    {n.message}
                    <div className="pf-v6-u-color-200">
                      {n.source && <>{n.source} · </>}
                      <span className="ce-mono">{n.key}</span>
                    </div>
                  </Td>
                  <Td dataLabel="Count" className="ce-numeric">
                    {formatNumber(n.count)}
                  </Td>
                  <Td dataLabel="First" modifier="nowrap">
                    <span title={n.firstAt}>{shortTime(n.firstAt)}</span>
                  </Td>
                  <Td dataLabel="Last" modifier="nowrap">
                    <span title={n.lastAt}>{shortTime(n.lastAt)}</span>
                  </Td>
                  {showResolved && (
                    <Td dataLabel="Resolved" modifier="nowrap">
                      {n.resolvedAt ? shortTime(n.resolvedAt) : <Label isCompact color="orange">active</Label>}
                    </Td>
                  )}
                  {admin && (
                    <Td isActionCell>
                      {!n.resolvedAt && (
                        <Button
                          variant="secondary"
                          size="sm"
                          onClick={() => clear(n)}
                          isLoading={busy === n.key}
                          isDisabled={busy !== null}
                          aria-label={`Clear: ${n.message}`}
                        >
                          Clear
                        </Button>
                      )}
                    </Td>
                  )}
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}
