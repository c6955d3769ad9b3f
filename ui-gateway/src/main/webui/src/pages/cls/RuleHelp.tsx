import { useState } from 'react';
import { ExpandableSection } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';

const OPERATORS: [string, string, string][] = [
  ['field: value', 'equals (the same as $eq)', '{"severity": "high"}'],
  ['$eq, $ne', 'equals, does not equal', '{"action": {"$ne": "allow"}}'],
  ['$gt, $gte, $lt, $lte', 'greater than (or equal), less than (or equal): numbers or text', '{"file_size": {"$gte": 1048576}}'],
  ['$in, $nin', 'is one of, is none of', '{"severity": {"$in": ["high", "critical"]}}'],
  ['$regex', 'matches a regular expression ($options: "i" ignores case)', '{"url": {"$regex": "\\\\.ru/", "$options": "i"}}'],
  ['$exists', 'the field is there (true) or not (false)', '{"dlp_profile": {"$exists": true}}'],
  ['$and, $or', 'all of, any of a list of queries', '{"$or": [{"alert_type": "malware"}, {"severity": "critical"}]}'],
  ['$not', 'the opposite of a query or of an operator', '{"$not": {"user": {"$regex": "@test\\\\.example$"}}}'],
];

/** A short help for the Mongo-style rules of SIEM mappings and mutes. */
export function RuleHelp({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  return (
    <ExpandableSection toggleText={open ? 'Hide the rule syntax' : 'Show the rule syntax'} isExpanded={open} onToggle={(_e, v) => setOpen(v)} toggleId={`${id}-toggle`} contentId={`${id}-content`}>
      <p style={{ marginBottom: 8 }}>
        A rule is a JSON object: each key is a field of the record (a dotted path such as <code>supporting_data.data_type</code>) or a logical
        operator; several keys must all match. Records the rule does not match are not sent (they are counted as filtered).
      </p>
      <Table aria-label="Rule operators" variant="compact">
        <Thead>
          <Tr>
            <Th>Operator</Th>
            <Th>Meaning</Th>
            <Th>Example</Th>
          </Tr>
        </Thead>
        <Tbody>
          {OPERATORS.map(([op, meaning, example]) => (
            <Tr key={op}>
              <Td dataLabel="Operator">
                <code>{op}</code>
              </Td>
              <Td dataLabel="Meaning">{meaning}</Td>
              <Td dataLabel="Example">
                <code className="ce-mono">{example}</code>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </ExpandableSection>
  );
}
