import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Label, List, ListItem, Modal, ModalBody, ModalFooter, ModalHeader, Spinner } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon } from '@patternfly/react-icons';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { stageName, type TenantTestResult, type TenantView } from './tenantModels';

/** The result of a connection test: overall, then one line per token with where it stopped and why. */
export function TenantTestResultView({ result, title }: { result: TenantTestResult; title?: string }) {
  return (
    <Alert
      variant={result.ok ? 'success' : 'danger'}
      isInline
      title={title ?? (result.ok ? 'The connection works' : 'The connection test failed')}
      data-testid="tenant-test-result"
    >
      <p>
        Tested against <code>{result.baseUrl}</code>.
      </p>
      <List isPlain aria-label="Checks of the tokens">
        {result.checks.map((c) => (
          <ListItem
            key={c.token}
            icon={
              c.ok ? (
                <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" aria-hidden />
              ) : (
                <ExclamationCircleIcon color="var(--pf-t--global--icon--color--status--danger--default)" aria-hidden />
              )
            }
            data-testid={`check-${c.token}`}
          >
            <strong>{c.token} token</strong>{' '}
            <Label isCompact color={c.ok ? 'green' : 'red'}>
              {c.ok ? 'OK' : `Failed: ${stageName(c.stage)}`}
            </Label>
            {c.detail ? <div>{c.detail}</div> : null}
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}

/** Tests the stored tokens of a saved tenant and shows what each check found. */
export function SavedTenantTest({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const [state, setState] = useState<{ testing: boolean; result?: TenantTestResult; error?: unknown }>({ testing: true });
  const live = useRef<AbortController | null>(null);
  const runTest = useCallback(async () => {
    live.current?.abort();
    const controller = new AbortController();
    live.current = controller;
    setState({ testing: true });
    try {
      const result = await api.post<TenantTestResult>(`/api/tenants/${encodeURIComponent(tenant.name)}/test`, undefined, {
        signal: controller.signal,
      });
      if (!controller.signal.aborted) setState({ testing: false, result });
    } catch (error) {
      if (!controller.signal.aborted) setState({ testing: false, error });
    }
  }, [tenant.name]);
  useEffect(() => {
    runTest();
    return () => live.current?.abort();
  }, [runTest]);
  const { testing, result, error } = state;
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="tenant-test-title">
      <ModalHeader title={`Connection test of ${tenant.name}`} labelId="tenant-test-title" description={`The stored tokens against ${tenant.baseUrl}.`} />
      <ModalBody aria-live="polite">
        {testing ? (
          <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
            <Spinner size="md" aria-label="Testing the connection" />
            <span>Testing the connection…</span>
          </Flex>
        ) : error ? (
          <ErrorAlert error={error} title="The test could not run" />
        ) : result ? (
          <TenantTestResultView result={result} />
        ) : null}
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
        <Button variant="secondary" onClick={runTest} isDisabled={testing}>
          Test again
        </Button>
      </ModalFooter>
    </Modal>
  );
}
