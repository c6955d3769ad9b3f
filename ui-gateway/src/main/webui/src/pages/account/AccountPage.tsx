import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ActionGroup, Alert, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, PageSection, TextInput } from '@patternfly/react-core';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { passwordProblems } from '../../auth/FirstLoginPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useAction } from '../../api/useAction';

/** The signed-in user's own password (every role may change it). */
export function AccountPage() {
  const { me, reload } = useAuth();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);
  const problems = next ? passwordProblems(next, me?.username ?? '') : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await api.post('/api/auth/password', { currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent('');
      setNext('');
      await reload();
    });
  };

  const currentError = error instanceof ApiError ? error.fieldMessage('currentPassword') : undefined;
  const newError = error instanceof ApiError ? error.fieldMessage('newPassword') : undefined;
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${me?.username} with the ${me?.role} role.`} />
      <PageSection>
        <Form onSubmit={submit} style={{ maxWidth: 480 }} aria-label="Change password">
          {done && <Alert variant="success" isInline title="Password changed. Your other sessions were signed out." />}
          <ErrorAlert error={error && !currentError && !newError ? error : null} />
          <FormGroup label="Current password" isRequired fieldId="current-password">
            <TextInput id="current-password" type="password" autoComplete="current-password" value={current} onChange={(_e, v) => setCurrent(v)} validated={currentError ? 'error' : 'default'} />
            {currentError && (
              <FormHelperText><HelperText><HelperTextItem variant="error">{currentError}</HelperTextItem></HelperText></FormHelperText>
            )}
          </FormGroup>
          <FormGroup label="New password" isRequired fieldId="account-new-password">
            <TextInput id="account-new-password" type="password" autoComplete="new-password" value={next} onChange={(_e, v) => setNext(v)} validated={newError || problems.length ? 'error' : 'default'} />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={newError || problems.length ? 'error' : 'default'}>
                  {newError ?? (problems.length ? `Still needs ${problems.join(', ')}.` : 'At least 8 characters with upper- and lower-case letters, a digit and a special character.')}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <ActionGroup>
            <Button type="submit" isLoading={busy} isDisabled={busy || !current || !next || problems.length > 0}>Change password</Button>
            <Button variant="link" onClick={() => navigate(-1)}>Back</Button>
          </ActionGroup>
        </Form>
      </PageSection>
    </>
  );
}
