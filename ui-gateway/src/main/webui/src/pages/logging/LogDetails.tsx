import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  ClipboardCopy,
  CodeBlock,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  DrawerActions,
  DrawerCloseButton,
  DrawerHead,
  DrawerPanelBody,
  Flex,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { LevelLabel } from './LevelLabel';
import { moduleLabel, type LogView } from './logModel';

/**
 * The details of one log entry (GET /api/logs/{id}): what the list shows plus details, resolution
 * and the request id. Shows the list's copy at once and fills in the rest when it arrives.
 */
export function LogDetails({
  id,
  known,
  onClose,
  onFilter,
}: {
  id: string;
  /** The entry as the list has it, shown while the full one loads. */
  known?: LogView;
  onClose: () => void;
  /** Narrows the search to this entry's module, plugin or configuration. */
  onFilter: (field: 'module' | 'plugin' | 'configuration', value: string) => void;
}) {
  const [entry, setEntry] = useState<LogView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setEntry(undefined);
    setError(undefined);
    api
      .get<LogView>(`/api/logs/${encodeURIComponent(id)}`, { signal: controller.signal })
      .then(setEntry)
      .catch((e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      });
    return () => controller.abort();
  }, [id, tick]);

  const shown = entry ?? known;
  const loading = !entry && !error;

  return (
    <>
      <DrawerHead>
        <Title headingLevel="h2" id="log-details-title">
          Log entry details
        </Title>
        <DrawerActions>
          <DrawerCloseButton onClose={onClose} aria-label="Close details" />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody data-testid="log-details">
        <ErrorAlert error={error} title="Could not load the entry" onRetry={() => setTick((t) => t + 1)} />
        {shown && (
          <>
            <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }} style={{ marginBottom: '1rem' }}>
              <LevelLabel level={shown.level} />
              <strong style={{ wordBreak: 'break-word' }}>{shown.message}</strong>
            </Flex>
            {shown.resolution && (
              <Alert variant="info" isInline title="What to do" style={{ marginBottom: '1rem' }}>
                <p style={{ whiteSpace: 'pre-wrap' }}>{shown.resolution}</p>
              </Alert>
            )}
            <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: '7.5rem' }}>
              <DescriptionListGroup>
                <DescriptionListTerm>Time</DescriptionListTerm>
                <DescriptionListDescription>
                  {formatTime(shown.time)}
                  <div className="ce-mono">{shown.time}</div>
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>Error code</DescriptionListTerm>
                <DescriptionListDescription>
                  {shown.errorCode ? <span className="ce-mono">{shown.errorCode}</span> : '—'}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>Module</DescriptionListTerm>
                <DescriptionListDescription>
                  {shown.module ? (
                    <Button variant="link" isInline onClick={() => onFilter('module', shown.module!)}>
                      {moduleLabel(shown.module)} ({shown.module})
                    </Button>
                  ) : (
                    '—'
                  )}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>Service</DescriptionListTerm>
                <DescriptionListDescription>{shown.service ?? '—'}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>Plugin</DescriptionListTerm>
                <DescriptionListDescription>
                  {shown.plugin ? (
                    <Button variant="link" isInline onClick={() => onFilter('plugin', shown.plugin!)}>
                      {shown.plugin}
                    </Button>
                  ) : (
                    '—'
                  )}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>Configuration</DescriptionListTerm>
                <DescriptionListDescription>
                  {shown.configuration ? (
                    <Button variant="link" isInline onClick={() => onFilter('configuration', shown.configuration!)}>
                      {shown.configuration}
                    </Button>
                  ) : (
                    '—'
                  )}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>Request ID</DescriptionListTerm>
                <DescriptionListDescription>
                  {shown.requestId ? (
                    <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" variant="inline-compact" aria-label="Request ID">
                      {shown.requestId}
                    </ClipboardCopy>
                  ) : (
                    '—'
                  )}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>Entry ID</DescriptionListTerm>
                <DescriptionListDescription className="ce-mono">{shown.id}</DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
            <Title headingLevel="h3" size="md" style={{ marginTop: '1.25rem', marginBottom: '0.5rem' }}>
              Details
            </Title>
            {loading ? (
              <Skeleton height="4rem" screenreaderText="Loading the details" />
            ) : entry?.details ? (
              <CodeBlock>
                <CodeBlockCode style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="log-details-text">
                  {entry.details}
                </CodeBlockCode>
              </CodeBlock>
            ) : (
              <p>No further details were recorded for this entry.</p>
            )}
          </>
        )}
        {!shown && loading && <Skeleton height="10rem" screenreaderText="Loading the entry" />}
      </DrawerPanelBody>
    </>
  );
}
