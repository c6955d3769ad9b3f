import { useEffect, useState } from 'react';
import { Alert, Bullseye, Button, List, ListItem, Modal, ModalBody, ModalFooter, ModalHeader, Spinner } from '@patternfly/react-core';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsFromProblems, problemText, valueFields, type FieldErrors, type PluginEntry } from '../../components/schema-form';
import type { ModuleId, ValidationResult } from './model';
import { space } from '../../components/schema-form/styles';

/**
 * Asks the plugin to check a stored configuration again (POST /{name}/validate) and shows its
 * verdict; its problems are named by the plugin's field labels, and "Edit and fix" opens the form
 * with them on their fields.
 */
export function TestResultModal({
  module,
  name,
  entry,
  onClose,
  onFix,
}: {
  module: ModuleId;
  name: string;
  entry: PluginEntry | undefined;
  onClose: () => void;
  /** Opens the edit form with these problems on the fields. */
  onFix?: (errors: FieldErrors) => void;
}) {
  const [result, setResult] = useState<ValidationResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    setResult(null);
    setError(null);
    api
      .post<ValidationResult>(`/api/${module}/configurations/${encodeURIComponent(name)}/validate`)
      .then((r) => !stopped && setResult({ problems: r?.problems ?? [] }))
      .catch((e) => !stopped && setError(e));
    return () => {
      stopped = true;
    };
  }, [module, name, attempt]);

  const schema = entry?.manifest.configuration ?? [];
  const labelOf = (field: string | null) => valueFields(schema).find((f) => f.key === field)?.label ?? field ?? 'The configuration';
  const mapped = result ? fieldErrorsFromProblems(schema, result.problems) : null;
  const busy = !result && !error;

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="test-title">
      <ModalHeader title={`Test of "${name}"`} labelId="test-title" />
      <ModalBody aria-live="polite">
        {busy && (
          <Bullseye style={{ paddingBlock: space('lg'), gap: space('sm') }}>
            <Spinner size="lg" aria-label="Asking the plugin" />
            <span>The plugin checks the configuration and tries to reach its system…</span>
          </Bullseye>
        )}
        <ErrorAlert error={error} title="The test could not run" />
        {result && result.problems.length === 0 && (
          <Alert variant="success" isInline title="The plugin accepted the configuration." data-testid="test-passed">
            Its settings are complete and it could reach its system.
          </Alert>
        )}
        {result && result.problems.length > 0 && (
          <Alert variant="danger" isInline title="The plugin found problems" data-testid="test-failed">
            <List>
              {result.problems.map((p, i) => (
                <ListItem key={i}>
                  {p.field ? (
                    <>
                      <strong>{labelOf(p.field)}</strong>: {p.message}
                    </>
                  ) : (
                    problemText('The configuration', p.message)
                  )}
                </ListItem>
              ))}
            </List>
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        {mapped && Object.keys(mapped.fields).length > 0 && onFix && (
          <Button onClick={() => onFix(mapped.fields)}>Edit and fix</Button>
        )}
        {!busy && (
          <Button variant="secondary" onClick={() => setAttempt((a) => a + 1)}>
            Test again
          </Button>
        )}
        <Button variant="link" onClick={onClose}>
          Done
        </Button>
      </ModalFooter>
    </Modal>
  );
}

