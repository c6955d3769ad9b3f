import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  ActionGroup,
  Alert,
  Button,
  Divider,
  Form,
  FormGroup,
  LoginPage as PfLoginPage,
  TextInput,
} from '@patternfly/react-core';
import { api, ApiError, describeError } from '../api/client';
import { useAuth } from './AuthContext';
import logo from '../layout/logo.svg';

interface SsoAvailability {
  enabled: boolean;
  localLoginAllowed: boolean;
  startPath: string | null;
}

/** Where to go after signing in: the page the user asked for, never an outside address. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { login, expired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<SsoAvailability | null>(null);

  useEffect(() => {
    api
      .get<SsoAvailability>('/api/auth/sso')
      .then(setSso)
      .catch(() => setSso(null));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(username, password);
      const next = safeNext(location.search);
      navigate(me.pending.length > 0 ? `/first-login?next=${encodeURIComponent(next)}` : next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError('Wrong username or password.');
      else if (e instanceof ApiError && e.status === 429) setError(e.detail ?? 'Too many failed sign-ins; wait a moment and try again.');
      else setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const localAllowed = !sso || !sso.enabled || sso.localLoginAllowed;
  return (
    <PfLoginPage
      brandImgSrc={logo}
      brandImgAlt="Open Cloud Exchange"
      textContent="Open Cloud Exchange moves threat indicators, tickets, risk scores and logs between your Netskope tenant and the rest of your security stack."
      loginTitle="Sign in to Open Cloud Exchange"
      loginSubtitle="Use your Open CE account or your organisation's single sign-on."
    >
      {expired && (
        <Alert variant="info" isInline isPlain title="Your session ended. Sign in again to go back to where you were." />
      )}
      {error && <Alert variant="danger" isInline title={error} data-testid="login-error" />}
      {sso?.enabled && sso.startPath && (
        <>
          <Button variant="primary" isBlock component="a" href={sso.startPath}>
            Sign in with single sign-on
          </Button>
          <Divider style={{ margin: '1rem 0' }} />
        </>
      )}
      <Form onSubmit={submit} aria-label="Sign in">
        <FormGroup label="Username" isRequired fieldId="login-username">
          <TextInput id="login-username" autoComplete="username" value={username} onChange={(_e, v) => setUsername(v)} isRequired autoFocus />
        </FormGroup>
        <FormGroup label="Password" isRequired fieldId="login-password">
          <TextInput
            id="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(_e, v) => setPassword(v)}
            isRequired
          />
        </FormGroup>
        {!localAllowed && (
          <Alert variant="info" isInline isPlain title="Local sign-in is turned off: only the built-in admin can sign in with a password." />
        )}
        <ActionGroup>
          <Button type="submit" variant={sso?.enabled ? 'secondary' : 'primary'} isBlock isLoading={busy} isDisabled={busy || !username || !password}>
            Sign in
          </Button>
        </ActionGroup>
      </Form>
    </PfLoginPage>
  );
}
