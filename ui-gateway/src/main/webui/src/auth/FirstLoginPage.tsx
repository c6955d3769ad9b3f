import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  LoginPage as PfLoginPage,
  TextInput,
} from '@patternfly/react-core';
import { describeError } from '../api/client';
import { useAuth } from './AuthContext';
import { safeNext } from './LoginPage';
import logo from '../layout/logo.svg';

/** What the platform asks of a password (docs/security.md); the API has the last word. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('at least 8 characters');
  if (!/[a-z]/.test(password)) problems.push('a lower-case letter');
  if (!/[A-Z]/.test(password)) problems.push('an upper-case letter');
  if (!/[0-9]/.test(password)) problems.push('a digit');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('a special character');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('the username left out');
  return problems;
}

export function FirstLoginPage() {
  const { me, completeFirstLogin, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [eula, setEula] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!me) return <Navigate to="/login" replace />;
  if (me.pending.length === 0) return <Navigate to={safeNext(location.search)} replace />;

  const needsEula = me.pending.includes('eula');
  const problems = password ? passwordProblems(password, me.username) : [];
  const mismatch = repeat.length > 0 && repeat !== password;
  const ready = password && problems.length === 0 && repeat === password && (!needsEula || eula);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await completeFirstLogin(password, eula);
      navigate(safeNext(location.search), { replace: true });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PfLoginPage
      brandImgSrc={logo}
      brandImgAlt="Open Cloud Exchange"
      loginTitle={needsEula ? 'Welcome to Open Cloud Exchange' : 'Choose your password'}
      loginSubtitle={`Signed in as ${me.username}. ${needsEula ? 'Accept the licence and replace the default password to continue.' : 'Replace the temporary password to continue.'}`}
    >
      {error && <Alert variant="danger" isInline title={error} data-testid="first-login-error" />}
      <Form onSubmit={submit} aria-label="First sign-in">
        {needsEula && (
          <FormGroup fieldId="eula" label="End-user licence agreement">
            <Content component="p" style={{ maxHeight: 140, overflowY: 'auto', fontSize: '0.85rem' }}>
              Open Cloud Exchange is open-source software under the Apache License 2.0. It is provided "as is", without
              warranties or conditions of any kind. You are responsible for the data you connect it to and for keeping
              its credentials safe.
            </Content>
            <Checkbox id="eula" label="I accept the licence agreement" isChecked={eula} onChange={(_e, v) => setEula(v)} />
          </FormGroup>
        )}
        <FormGroup label="New password" isRequired fieldId="new-password">
          <TextInput
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(_e, v) => setPassword(v)}
            validated={password && problems.length > 0 ? 'error' : 'default'}
            isRequired
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={problems.length > 0 ? 'error' : password ? 'success' : 'default'}>
                {problems.length > 0
                  ? `Still needs ${problems.join(', ')}.`
                  : 'At least 8 characters with upper- and lower-case letters, a digit and a special character.'}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label="Repeat the new password" isRequired fieldId="repeat-password">
          <TextInput
            id="repeat-password"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(_e, v) => setRepeat(v)}
            validated={mismatch ? 'error' : 'default'}
            isRequired
          />
          {mismatch && (
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant="error">The two passwords differ.</HelperTextItem>
              </HelperText>
            </FormHelperText>
          )}
        </FormGroup>
        <ActionGroup>
          <Button type="submit" isBlock isLoading={busy} isDisabled={!ready || busy}>
            Continue
          </Button>
          <Button variant="link" isBlock onClick={() => logout().then(() => navigate('/login'))}>
            Sign out
          </Button>
        </ActionGroup>
      </Form>
    </PfLoginPage>
  );
}
