import { useState } from 'react';
import {
  Button,
  CodeBlock,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  ExpandableSection,
  Flex,
  FlexItem,
  Grid,
  GridItem,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { formatTime } from '../../components/format';
import { changeKind, diff, showValue, type AuditEntry } from './auditModel';

/** One audit entry in full: who, from where, in which request, and what changed field by field. */
export function AuditDetails({
  entry,
  onFilter,
}: {
  entry: AuditEntry;
  onFilter: (field: 'actor' | 'target' | 'action', value: string) => void;
}) {
  const [raw, setRaw] = useState(false);
  const kind = changeKind(entry);
  const changes = diff(entry.before, entry.after);
  return (
    <div data-testid={`audit-details-${entry.id}`}>
      <Grid hasGutter>
        <GridItem lg={5}>
          <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: '8rem' }}>
            <DescriptionListGroup>
              <DescriptionListTerm>When</DescriptionListTerm>
              <DescriptionListDescription>
                {formatTime(entry.at)} <span className="ce-mono">({entry.at})</span>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Who</DescriptionListTerm>
              <DescriptionListDescription>
                {entry.actor ?? '—'}
                {entry.actorRole ? ` (${entry.actorRole})` : ''}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Client address</DescriptionListTerm>
              <DescriptionListDescription>{entry.from ?? '—'}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Request ID</DescriptionListTerm>
              <DescriptionListDescription className="ce-mono">{entry.requestId ?? '—'}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Service</DescriptionListTerm>
              <DescriptionListDescription>{entry.service ?? '—'}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Entry ID</DescriptionListTerm>
              <DescriptionListDescription className="ce-mono">{entry.id}</DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          <Flex spaceItems={{ default: 'spaceItemsSm' }} style={{ marginTop: '0.75rem' }}>
            {entry.actor && (
              <FlexItem>
                <Button variant="link" isInline onClick={() => onFilter('actor', entry.actor!)}>
                  Only changes by {entry.actor}
                </Button>
              </FlexItem>
            )}
            {entry.target && (
              <FlexItem>
                <Button variant="link" isInline onClick={() => onFilter('target', entry.target!)}>
                  Only changes to {entry.target}
                </Button>
              </FlexItem>
            )}
          </Flex>
        </GridItem>
        <GridItem lg={7}>
          <Title headingLevel="h3" size="md" style={{ marginBottom: '0.5rem' }}>
            {kind === 'created' ? 'Created with' : kind === 'deleted' ? 'State when deleted' : 'Changes'}
          </Title>
          {kind === 'event' ? (
            <p>This entry records an action without a before or after state.</p>
          ) : changes.length === 0 ? (
            <p>Before and after are the same (secrets are masked, so a changed secret looks unchanged).</p>
          ) : (
            <Table aria-label={`Changes of ${entry.action}`} role="table" variant="compact" borders>
              <Thead>
                <Tr>
                  <Th width={30}>Field</Th>
                  {kind !== 'created' && <Th>Before</Th>}
                  {kind !== 'deleted' && <Th>After</Th>}
                </Tr>
              </Thead>
              <Tbody>
                {changes.map((c) => (
                  <Tr key={c.field}>
                    <Td dataLabel="Field" className="ce-mono" modifier="breakWord">
                      {c.field}
                    </Td>
                    {kind !== 'created' && (
                      <Td dataLabel="Before" modifier="breakWord">
                        {c.inBefore ? <span className="ce-mono">{showValue(c.before)}</span> : <em>not set</em>}
                      </Td>
                    )}
                    {kind !== 'deleted' && (
                      <Td dataLabel="After" modifier="breakWord">
                        {c.inAfter ? <span className="ce-mono">{showValue(c.after)}</span> : <em>removed</em>}
                      </Td>
                    )}
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {kind !== 'event' && (
            <ExpandableSection
              toggleText={raw ? 'Hide the full before and after' : 'Show the full before and after'}
              onToggle={(_e, open) => setRaw(open)}
              isExpanded={raw}
              style={{ marginTop: '0.75rem' }}
            >
              <Grid hasGutter>
                <GridItem md={6}>
                  <Title headingLevel="h4" size="md">
                    Before
                  </Title>
                  <CodeBlock>
                    <CodeBlockCode>{entry.before === undefined || entry.before === null ? '(none)' : JSON.stringify(entry.before, null, 2)}</CodeBlockCode>
                  </CodeBlock>
                </GridItem>
                <GridItem md={6}>
                  <Title headingLevel="h4" size="md">
                    After
                  </Title>
                  <CodeBlock>
                    <CodeBlockCode>{entry.after === undefined || entry.after === null ? '(none)' : JSON.stringify(entry.after, null, 2)}</CodeBlockCode>
                  </CodeBlock>
                </GridItem>
              </Grid>
            </ExpandableSection>
          )}
        </GridItem>
      </Grid>
    </div>
  );
}
