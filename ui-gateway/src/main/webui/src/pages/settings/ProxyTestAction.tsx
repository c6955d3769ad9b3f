import { useState } from 'react';
import { Alert, Button, Flex, FlexItem, FormGroup, TextInput } from '@patternfly/react-core';
import { api } from '../../api/client';
import { useAction } from '../../api/useAction';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldError, FieldHelp, validated } from './shared';
import { toBody, type FormState } from './generalSettingsModel';

/** What POST /api/settings/proxy/test answers. */
export interface ProxyTestResult {
  ok: boolean;
  proxy: string;
  url: string;
  status: number | null;
  message: string;
}

export const DEFAULT_TEST_URL = 'https://www.netskope.com/';

/**
 * "Test proxy": one request to a site through the proxy and TLS choices as they are on the form, saved or
 * not, made by the platform's outbound client as plugins and tenants would make it.
 */
export function ProxyTestAction({ form }: { form: FormState }) {
  const [url, setUrl] = useState(DEFAULT_TEST_URL);
  const [result, setResult] = useState<ProxyTestResult | null>(null);
  const { busy, error, run } = useAction();

  const test = () =>
    run(async () => {
      setResult(null);
      const body = toBody(form);
      setResult(await api.post<ProxyTestResult>('/api/settings/proxy/test', { proxy: body.proxy, tls: body.tls, url }));
    });

  const fieldError = (field: string) => apiFieldError(error, field);
  const otherError = error && !fieldError('url') ? error : null;

  return (
    <FormGroup label="Test the proxy" fieldId="proxy-test-url">
      <Flex alignItems={{ default: 'alignItemsFlexStart' }}>
        <FlexItem grow={{ default: 'grow' }}>
          <TextInput
            id="proxy-test-url"
            aria-label="Address to reach through the proxy"
            value={url}
            onChange={(_e, v) => setUrl(v)}
            validated={validated(fieldError('url'))}
          />
        </FlexItem>
        <FlexItem>
          <Button variant="secondary" onClick={test} isLoading={busy} isDisabled={busy || !form.proxyEnabled}>
            Test proxy
          </Button>
        </FlexItem>
      </Flex>
      <FieldHelp
        error={fieldError('url')}
        help={
          form.proxyEnabled
            ? 'Reaches this address through the proxy as the fields above say, saved or not (a stored password is used when the field is empty).'
            : 'Turn the proxy on to test it.'
        }
      />
      {result && (
        <Alert
          isInline
          isPlain
          variant={result.ok ? 'success' : 'danger'}
          title={result.ok ? `The proxy ${result.proxy} works` : `The proxy ${result.proxy} did not carry the call`}
          style={{ marginTop: 8 }}
        >
          {result.message}
        </Alert>
      )}
      {otherError ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={otherError} title="The proxy could not be tested" />
        </div>
      ) : null}
    </FormGroup>
  );
}
