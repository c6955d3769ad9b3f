import { Link } from 'react-router-dom';
import { Card, CardBody, CardHeader, CardTitle, Content, Skeleton } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { CheckCircleIcon } from '@patternfly/react-icons';
import type { Polled } from '../../api/usePoll';
import { ErrorAlert } from '../../components/ErrorAlert';
import { moduleLabel, shortTime, type LogPage } from '../logging/logModel';

/** The last ten error entries of the platform log, each a link to it on the Logging page. */
export function RecentErrorsSection({ polled }: { polled: Polled<LogPage> }) {
  const { data, error, loading, reload } = polled;
  const entries = data?.entries ?? [];
  return (
    <Card component="section" aria-labelledby="home-errors-title" isFullHeight>
      <CardHeader actions={{ actions: <Link to="/logging?level=error">All errors in Logging</Link>, hasNoOffset: true }}>
        <CardTitle id="home-errors-title" component="h2">
          Recent errors
        </CardTitle>
      </CardHeader>
      <CardBody>
        {error !== undefined && <ErrorAlert error={error} title="The log could not be read" onRetry={reload} />}
        {!data && loading && <Skeleton height="6rem" screenreaderText="Loading recent errors" />}
        {data && entries.length === 0 && (
          <Content component="p">
            <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" /> No errors in the log.
          </Content>
        )}
        {entries.length > 0 && (
          <Table aria-label="Recent errors" role="table" variant="compact">
            <Thead>
              <Tr>
                <Th>Time</Th>
                <Th>Module</Th>
                <Th width={60}>Message</Th>
                <Th>Code</Th>
              </Tr>
            </Thead>
            <Tbody>
              {entries.map((e) => (
                <Tr key={e.id}>
                  <Td dataLabel="Time" modifier="nowrap">
                    <span title={e.time}>{shortTime(e.time)}</span>
                  </Td>
                  <Td dataLabel="Module" modifier="nowrap">
                    {moduleLabel(e.module)}
                    {e.configuration && <div className="pf-v6-u-color-200">{e.configuration}</div>}
                  </Td>
                  <Td dataLabel="Message" modifier="breakWord">
                    <Link to={`/logging?level=error&entry=${encodeURIComponent(e.id)}`}>{e.message}</Link>
                  </Td>
                  <Td dataLabel="Code" modifier="nowrap">{e.errorCode ? <span className="ce-mono">{e.errorCode}</span> : '—'}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}
